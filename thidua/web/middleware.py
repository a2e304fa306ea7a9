"""Turns refusals raised by selectors and services into the right page."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.core.errors import NotFoundError, PermissionDeniedError


class DomainErrorPages:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, NotFoundError):
            return render(request, "web/error.html", {"message": exc.message}, status=404)
        if isinstance(exc, PermissionDeniedError):
            return render(request, "web/error.html", {"message": exc.message}, status=403)
        return None
