"""Turns refusals raised by selectors and services into the right page, and refuses input that
no page or API call can take before it reaches them."""

import logging
import re
import sys
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import RequestDataTooBig
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
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


logger = logging.getLogger("thidua.outage")
OUTAGE_ERRORS = (OperationalError, InterfaceError)


class _OutageLog:
    """One WARNING line, without a traceback, when the database first fails, then at most one
    line per ``OUTAGE_LOG_SECONDS`` saying how many requests were refused meanwhile: an outage
    under a burst of a thousand clients must not bury the log under a thousand tracebacks.
    The state is this process's own; each server process logs its own incident once."""

    def __init__(self) -> None:
        self.last = 0.0
        self.refused = 0
        # The threads of one server process fail together; one of them logs.
        self.lock = threading.Lock()

    def failed(self, exc: Exception) -> None:
        with self.lock:
            self.refused += 1
            now = time.monotonic()
            if self.last and now - self.last < settings.OUTAGE_LOG_SECONDS:
                return
            refused, self.last, self.refused = self.refused, now, 0
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        logger.warning("Database unavailable (%d request(s) answered 503): %s", refused, reason)


outage_log = _OutageLog()


def outage_response(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The 503 of a database outage, built without the database: a JSON body for the API, a
    standalone page (no context processor, no user, no session) for the pages."""
    outage_log.failed(exc)
    message = _("Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau.")
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        page = render_to_string("web/outage.html", {"message": message})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER_SECONDS)
    # Already logged once per incident above; Django would add a line per request.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class DatabaseOutage:
    """A database that cannot be reached answers 503 with ``Retry-After``, never a 500.

    Placed right after the security middleware, so it wraps everything that may touch the
    database: the session and the user (read lazily, in the view), the view, a template's
    context processors. Its ``process_exception`` turns the error raised by the view or its
    rendering into the outage answer; an error raised by an inner middleware after the view
    (the session save) is marked by the ``got_request_exception`` signal that Django sends
    before its 500, and the 500 is replaced here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except OUTAGE_ERRORS as exc:
            return outage_response(request, exc)
        seen = getattr(request, "_database_outage", None)
        if response.status_code == 500 and seen is not None:
            return outage_response(request, seen)
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, OUTAGE_ERRORS):
            return outage_response(request, exc)
        return None


class OutageTolerantSessions(SessionMiddleware):
    """Django's sessions, except that a session that cannot be saved because the database went
    away after the view does not turn the view's answer into an error: the write the view made
    has committed, and its client must hear so. The session's change is lost; the next
    request signs in again if it must."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except DatabaseError as exc:
            if not isinstance(exc, OUTAGE_ERRORS):
                raise
            outage_log.failed(exc)
            return response


def _mark_outage(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    """Django is about to answer 500 for an error raised outside the view (an inner
    middleware): note a database outage on the request so ``DatabaseOutage`` answers 503."""
    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, OUTAGE_ERRORS):
        request._database_outage = exc  # type: ignore[attr-defined]


got_request_exception.connect(_mark_outage, dispatch_uid="thidua.web.middleware.outage")


class ApiAnswersInJson:
    """An address under /api/ that names no operation (an id that is not a number, a method
    the operation does not take) is answered in JSON like every other refusal of the API,
    not with Django's HTML page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        html = response.get("Content-Type", "").startswith("text/html")
        if request.path.startswith("/api/") and html and response.status_code in {404, 405}:
            message = (
                _("Không tìm thấy.")
                if response.status_code == 404
                else _("Phương thức không được hỗ trợ.")
            )
            answer = JsonResponse({"detail": message}, status=response.status_code)
            if "Allow" in response:
                answer["Allow"] = response["Allow"]
            return answer
        return response


class OutageTracebacks(logging.Filter):
    """Drops Django's per-request traceback for a database outage (an error raised outside
    the view, which Django logs before ``DatabaseOutage`` replaces its 500): the outage is
    logged once per incident by ``outage_response`` instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, OUTAGE_ERRORS)
