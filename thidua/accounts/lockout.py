"""One lockout for every way in, kept by django-axes in the database.

The doors: the sign-in page (its password step through ``authenticate``, which axes' backend
guards, and its second step, whose wrong codes are recorded here), Django's admin (whose login
is the sign-in page) and the API's bearer tokens (a wrong token is recorded here too).

What is counted — both the account and the address, each on its own:

- ``username``: the guesses at one account, from however many addresses; without it a botnet
  guesses one password per address for ever;
- ``ip_address``: one address's failures over however many accounts (password spraying), and
  the only thing a wrong bearer token can be counted by.

Not the combination (username, address): it would let many addresses guess one account and
one address try every account. The cost is that a stranger can lock an account for the cool-off
by failing on purpose, and that many people behind one address share its count; the limit and
the cool-off are the operator's settings (AXES_FAILURE_LIMIT, AXES_COOLOFF_MINUTES).

The refusal says neither whether the account exists nor when it opens again: a name nobody holds
is counted and locked exactly like a real one, and the message is the same.
"""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessBase
from axes.signals import user_locked_out
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.accounts.forms import LoginForm
from thidua.accounts.models import User
from thidua.audit.services import audit_record

LockoutParameters = list[str | list[str]]


def locked_message() -> str:
    return _(
        "Tạm thời không thể đăng nhập vì đã có quá nhiều lần thử không thành công. "
        "Vui lòng thử lại sau hoặc liên hệ quản trị hệ thống."
    )


def lockout_parameters(
    request_or_attempt: HttpRequest | AccessBase, credentials: dict[str, Any] | None
) -> LockoutParameters:
    """The account and the address (see the module's docstring); the address alone when no
    account is named (a bearer token), since a count of "no username" would be everybody's."""
    if isinstance(request_or_attempt, AccessBase):
        username = request_or_attempt.username
    else:
        username = get_client_username(request_or_attempt, credentials)
    return ["username", "ip_address"] if username else ["ip_address"]


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The answer to a locked-out request: JSON for the API, the sign-in page otherwise; 429."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": locked_message()}, status=429)
    return render(
        request,
        "accounts/login.html",
        {"form": LoginForm(), "error": locked_message(), "next": ""},
        status=429,
    )


def is_allowed(request: HttpRequest, username: str | None) -> bool:
    """Neither the account (when named) nor the address is locked out."""
    return bool(AxesProxyHandler.is_allowed(request, {"username": username}))


def record_failure(request: HttpRequest, username: str | None) -> bool:
    """Count a failed credential that ``authenticate`` did not see (a one-time code, a bearer
    token); True when this failure locked the door."""
    AxesProxyHandler.user_login_failed(
        sender=record_failure, credentials={"username": username}, request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def sign_in_succeeded(username: str) -> None:
    """A completed sign-in clears the account's count, never the address's (see settings)."""
    AxesProxyHandler.reset_attempts(username=username)


@receiver(user_locked_out)
def _audit_lockout(
    sender: object, request: HttpRequest, username: str | None, ip_address: str, **kwargs: object
) -> None:
    """A lockout joins the audit chain when a count first reaches the limit (not again for each
    refused try after it): the account when it exists, the address always."""
    if getattr(request, "axes_failures_since_start", None) != get_failure_limit(request, None):
        return
    account = User.objects.filter(username=username).first() if username else None
    with transaction.atomic():
        audit_record(
            actor=None,
            action="account.lock",
            obj=account,
            object_type="" if account else "access.address",
            object_id="" if account else str(ip_address),
            after={"username": username or "", "ip_address": ip_address},
        )
