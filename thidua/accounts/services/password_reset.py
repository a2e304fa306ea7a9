"""A forgotten password, on a network that may have no mail server: the secretariat (or the
leader of the account's unit) issues a one-time link, shown once on the page to hand over, and
mailed as well when a mail server is configured.

The link is Django's own (``PasswordResetTokenGenerator``): an HMAC of the account's id, its
password hash, its last sign-in and the time of issue, so nothing is stored, the link expires
after ``PASSWORD_RESET_TIMEOUT`` (settings: ``PASSWORD_RESET_HOURS``), and it stops working once
used, since the new password changes the hash (as does a sign-in, which changes the last
sign-in). Every link issued before a reset dies with it.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import require_manage_account
from thidua.audit.services import audit_record
from thidua.core.dates import datetime_text
from thidua.core.errors import DomainError

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mail_configured() -> bool:
    """A mail server is configured: a backend other than Django's default SMTP one (the
    console in the demo, memory in the tests), or SMTP to a host the operator named. The
    default (SMTP to localhost) on an isolated network means there is none."""
    return settings.EMAIL_BACKEND != SMTP_BACKEND or settings.EMAIL_HOST not in {"", "localhost"}


@dataclass(frozen=True)
class ResetLink:
    url: str
    expires_at: dt.datetime
    emailed_to: str  # empty when not mailed


def password_reset_issue(*, actor: User, account: User, site: str) -> ResetLink:
    """A link that lets the account's holder set a new password; ``site`` is the address the
    link starts with (scheme and host, as the issuer reaches the app)."""
    require_manage_account(actor, account)
    if not account.is_active:
        raise DomainError(_("Tài khoản này đã bị khóa; không cấp liên kết đặt mật khẩu."))
    token = default_token_generator.make_token(account)
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    url = site.rstrip("/") + reverse("accounts:password_reset", args=[uid, token])
    expires_at = timezone.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    emailed_to = account.email if account.email and mail_configured() else ""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="user.password_reset_issue",
            obj=account,
            after={"expires_at": expires_at.isoformat(), "emailed": bool(emailed_to)},
        )
        if emailed_to:
            transaction.on_commit(lambda: _mail(account, url, expires_at))
    return ResetLink(url=url, expires_at=expires_at, emailed_to=emailed_to)


def _mail(account: User, url: str, expires_at: dt.datetime) -> None:
    body = _(
        "Kính gửi %(name)s,\n\n"
        "Tài khoản %(username)s trên hệ thống thi đua, khen thưởng được cấp một liên kết để "
        "đặt mật khẩu mới:\n\n%(url)s\n\n"
        "Liên kết chỉ dùng được một lần và hết hạn lúc %(expires)s. Nếu bạn không đề nghị "
        "đặt lại mật khẩu, hãy báo cho quản trị hệ thống."
    ) % {
        "name": account.get_full_name() or account.username,
        "username": account.username,
        "url": url,
        "expires": datetime_text(expires_at),
    }
    # A mail server that refuses must not undo the link already shown on the page.
    send_mail(
        _("Đặt mật khẩu mới"),
        body,
        None,
        [account.email],
        fail_silently=True,
    )


def password_reset_complete(*, account: User, password: str) -> User:
    """Set the new password chosen through a valid link (the form ran Django's password
    validators); the link, and every other one issued before, stops working. The holder then
    signs in as anyone does, through the lockout."""
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=account.pk)
        account.set_password(password)
        account.save(update_fields=["password"])
        audit_record(actor=account, action="user.password_reset", obj=account)
    password_validation.password_changed(password, account)
    return account
