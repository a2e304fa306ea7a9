"""``Idempotency-Key`` on the API's writes, and one transaction around each write.

A client that sends a write and loses the answer (a dropped connection, a timeout, a database
that went away after the commit) cannot know whether it acted. Sent with the same
``Idempotency-Key``, the retry gets the first answer back (with ``Idempotent-Replayed: true``)
and acts no second time; the same key with another body is refused (422); a retry while the
first is still running is told so (409). Keys are kept ``IDEMPOTENCY_KEY_HOURS``.

Two decorators on every operation (``NinjaAPI.add_decorator``), acting on writes only:

- ``in_one_transaction`` (around the whole operation, mode "view"): the write, the re-read that
  builds its answer, the answer's JSON and the stored answer commit together. An answer is
  therefore never produced for a write that did not commit, and a committed write is never
  answered by an error raised while reading it back after the commit. A 5xx answer rolls back.
- ``replay_or_claim`` (around the view, mode "operation": after authentication, throttling and
  the parameters' validation, so the user is known and a refused request stores nothing): finds
  the first answer or claims the key for this request.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.api.models import IdempotentAnswer

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HEADER = "Idempotency-Key"
KEY_MAX = 255
View = Callable[..., Any]


def _fingerprint(request: HttpRequest) -> str:
    """The query string and body: a multipart upload is read by its fields and files' contents,
    since its boundary changes from one sending to the next."""
    digest = hashlib.sha256(request.META.get("QUERY_STRING", "").encode())
    if request.content_type == "multipart/form-data":
        for name, values in sorted(request.POST.lists()):
            digest.update(repr((name, values)).encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                content = upload.read()
                upload.seek(0)
                digest.update(
                    repr((name, upload.name, hashlib.sha256(content).hexdigest())).encode()
                )
    else:
        digest.update(b"\0" + request.body)
    return digest.hexdigest()


def _user(request: HttpRequest) -> User | None:
    user = getattr(request, "auth", None)
    return user if isinstance(user, User) else None


def _refused(message: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": message}, status=status)


def _claimed_elsewhere(user: User, key: str, method: str, path: str) -> bool:
    """Whether another request holds this key now. PostgreSQL: a transaction-scoped advisory
    lock, taken without waiting; SQLite (the demo) runs one write at a time anyway."""
    if connection.vendor != "postgresql":
        return False
    name = hashlib.sha256(f"{user.pk}\0{key}\0{method}\0{path}".encode()).digest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s)", [int.from_bytes(name[:8], "big", signed=True)]
        )
        (taken,) = cursor.fetchone()
    return not taken


def _replay(answer: IdempotentAnswer) -> HttpResponse:
    response = HttpResponse(answer.body, status=answer.status, content_type=answer.content_type)
    response["Idempotent-Replayed"] = "true"
    return response


def _claim(request: HttpRequest, user: User, key: str) -> HttpResponse | None:
    """The stored answer, a refusal, or None once this request holds the key."""
    method, path = request.method or "", request.path
    if len(key) > KEY_MAX or not key.strip():
        return _refused(_("Idempotency-Key phải có từ 1 đến %(n)s ký tự.") % {"n": KEY_MAX}, 422)
    in_progress = _("Yêu cầu với Idempotency-Key này đang xử lý; vui lòng thử lại sau.")
    if _claimed_elsewhere(user, key, method, path):
        return _refused(in_progress, 409)
    expired = timezone.now() - timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)
    IdempotentAnswer.objects.filter(user=user, created_at__lt=expired).delete()
    fingerprint = _fingerprint(request)
    found = IdempotentAnswer.objects.filter(user=user, key=key, method=method, path=path).first()
    if found is not None:
        if found.fingerprint != fingerprint:
            return _refused(
                _(
                    "Idempotency-Key này đã dùng cho một yêu cầu có nội dung khác; "
                    "hãy dùng khóa mới cho yêu cầu mới."
                ),
                422,
            )
        if found.status is None:
            return _refused(in_progress, 409)
        return _replay(found)
    try:
        with transaction.atomic():
            claimed = IdempotentAnswer.objects.create(
                user=user, key=key, method=method, path=path, fingerprint=fingerprint
            )
    except IntegrityError:
        return _refused(in_progress, 409)
    request._idempotent_answer = claimed  # type: ignore[attr-defined]
    return None


def replay_or_claim(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        user = _user(request)
        if request.method not in WRITES or key is None or user is None:
            return view(request, *args, **kwargs)
        answered = _claim(request, user, key)
        return answered if answered is not None else view(request, *args, **kwargs)

    return guarded


def in_one_transaction(run: View) -> View:
    @wraps(run)
    def atomic_write(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in WRITES:
            response: HttpResponseBase = run(request, *args, **kwargs)
            return response
        with transaction.atomic():
            response = run(request, *args, **kwargs)
            if response.status_code >= 500:
                transaction.set_rollback(True)
                return response
            claimed: IdempotentAnswer | None = getattr(request, "_idempotent_answer", None)
            if claimed is not None and isinstance(response, HttpResponse):
                claimed.status = response.status_code
                claimed.content_type = response.get("Content-Type", "")
                claimed.body = response.content.decode()
                claimed.save(update_fields=["status", "content_type", "body"])
        return response

    return atomic_write
