"""Two-factor sign-in with django-otp: an authenticator app (TOTP) and ten backup codes.

Who must use it: whoever can open Django's admin (staff, superusers) and the sector-wide roles
(system administrators, the sector secretariat, council members): the accounts that can change
or decide the most. Anyone else may enrol. No SMS: the system runs on isolated networks.

Writes here take the actor and are audited (``two_factor.enrol``, ``two_factor.remove``,
``two_factor.reset``, ``backup_codes.regenerate``); neither a secret nor a code ever enters
the audit chain.
"""

import base64
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import SECTOR_WIDE_ROLES, Role, RoleGrant, User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, PermissionDeniedError

BACKUP_CODE_COUNT = 10
AUTHENTICATOR = "authenticator"
BACKUP = "backup"


def _required_q() -> Q:
    return Q(is_superuser=True) | Q(is_staff=True) | Q(grants__role__in=SECTOR_WIDE_ROLES)


def two_factor_required(user: User) -> bool:
    return User.objects.filter(_required_q(), pk=user.pk).exists()


@dataclass(frozen=True)
class GateState:
    required: bool
    has_device: bool


def gate_state(user: User) -> GateState:
    """Whether the user must use a second factor and whether they have one, in one query: the
    gate asks it on every request of a signed-in user who has not yet given a code."""
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            required=Exists(User.objects.filter(_required_q(), pk=OuterRef("pk"))),
            has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            has_static=Exists(StaticDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .values("required", "has_totp", "has_static")
        .first()
    )
    if row is None:
        return GateState(required=False, has_device=False)
    return GateState(
        required=bool(row["required"]), has_device=bool(row["has_totp"] or row["has_static"])
    )


def is_verified(user: object) -> bool:
    """The session's user gave a code (django-otp's middleware sets ``otp_device``)."""
    return getattr(user, "otp_device", None) is not None


@dataclass(frozen=True)
class Status:
    authenticator: bool
    backup_codes_left: int
    required: bool


def status_of(user: User) -> Status:
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return Status(
        authenticator=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        backup_codes_left=static.token_set.count() if static else 0,
        required=two_factor_required(user),
    )


def verify_code(user: User, code: str) -> Device | None:
    """The device that accepts ``code`` (six digits from the app, or a backup code, which is
    then used up), or None. Each device slows down after a wrong code (django-otp's throttle)."""
    cleaned = "".join(code.split()).lower()
    if not cleaned or len(cleaned) > 16:
        return None
    device: Device | None = match_token(user, cleaned)
    return device


def enrolment_device(user: User) -> TOTPDevice:
    """The authenticator being set up: a fresh unconfirmed device, kept until confirmed so the
    page shows the same secret when reloaded."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG: no image service, no file, no script."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=16)
    svg: str = image.to_string(encoding="unicode")
    return svg


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def two_factor_enrol(*, actor: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the authenticator with a code from it; replaces any earlier authenticator and
    returns ten new backup codes, shown once."""
    if device.user_id != actor.pk or device.confirmed:
        raise DomainError(_("Phiên thiết lập đã hết hạn, vui lòng bắt đầu lại."))
    if not device.verify_token("".join(code.split())):
        raise DomainError(_("Mã xác thực không đúng hoặc đã hết hạn."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(actor)
        audit_record(
            actor=actor,
            action="two_factor.enrol",
            obj=actor,
            after={"device": AUTHENTICATOR, "backup_codes": BACKUP_CODE_COUNT},
        )
    return codes


def backup_codes_regenerate(*, actor: User) -> list[str]:
    """Ten new backup codes; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise DomainError(_("Cần thiết lập ứng dụng xác thực trước khi tạo mã dự phòng."))
    with transaction.atomic():
        codes = _new_backup_codes(actor)
        audit_record(
            actor=actor,
            action="backup_codes.regenerate",
            obj=actor,
            after={"backup_codes": BACKUP_CODE_COUNT},
        )
    return codes


def _remove_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def two_factor_remove(*, actor: User) -> None:
    """Turn off one's own two-factor sign-in; refused to those who must keep it."""
    if two_factor_required(actor):
        raise DomainError(
            _(
                "Tài khoản của bạn bắt buộc dùng xác thực hai lớp: không thể gỡ bỏ, "
                "chỉ có thể thiết lập lại với một ứng dụng khác."
            )
        )
    with transaction.atomic():
        _remove_devices(actor)
        audit_record(actor=actor, action="two_factor.remove", obj=actor, before={"enrolled": True})


def two_factor_reset(*, actor: User | None, user: User) -> None:
    """A system administrator (or the operator at the server's console, ``actor=None``: the
    ``two_factor_reset`` command) removes another user's devices after a lost phone and lost
    codes: that user signs in with the password and, if required to, enrols again at once."""
    is_admin = (
        actor is None
        or actor.is_superuser
        or RoleGrant.objects.filter(user=actor, role=Role.SYSTEM_ADMIN).exists()
    )
    if not is_admin:
        raise PermissionDeniedError(
            _("Chỉ quản trị hệ thống được đặt lại xác thực hai lớp của người khác.")
        )
    with transaction.atomic():
        _remove_devices(user)
        audit_record(actor=actor, action="two_factor.reset", obj=user, before={"enrolled": True})
