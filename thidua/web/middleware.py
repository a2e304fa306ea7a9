"""Turns refusals raised by selectors and services into the right page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

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


class ChosenLanguage:
    """Vietnamese unless the user chose another language (the language cookie).

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: officials often
    use machines set up in English, and the system speaks Vietnamese first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else ""
        except LookupError:
            language = ""
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
