"""Turns refusals raised by selectors and services into the right page, and refuses input that
no page or API call can take before it reaches them."""

import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

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


def _refusal(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """A JSON body for the API, the error page for the pages."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "web/error.html", {"message": message}, status=status)


# A NUL written as a JSON escape, \u0000, unless its backslash is itself escaped: "\\u0000"
# in JSON is the six characters \u0000, a text an official may legitimately type.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_FORMS = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _body_has_nul(request: HttpRequest) -> bool:
    """Whether a JSON body or a form's fields hold a NUL; reading them may raise
    ``RequestDataTooBig``."""
    if request.content_type == "application/json":
        return b"\x00" in request.body or _JSON_NUL.search(request.body) is not None
    if request.content_type in _FORMS:
        return any("\x00" in value for _key, values in request.POST.lists() for value in values)
    return False


class RefuseUnusableInput:
    """A NUL character is refused everywhere with a clear 400: PostgreSQL cannot store it, and no
    text an official types holds one. A body over the size limit is refused with a 413.

    It looks at the address's parameters, the fields of a form, and a JSON body; an uploaded
    file's content is the file checks' business (``core.files``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nul = _("Dữ liệu gửi lên chứa ký tự NUL (mã 0), không nhận được.")
        if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.path_info:
            return _refusal(request, nul, 400)
        if request.method in {"POST", "PUT", "PATCH"}:
            try:
                if _body_has_nul(request):
                    return _refusal(request, nul, 400)
            except RequestDataTooBig:
                return _refusal(request, _("Dữ liệu gửi lên quá lớn."), 413)
        return self.get_response(request)
