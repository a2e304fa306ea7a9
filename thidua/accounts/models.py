"""Users, the roles granted to them on a scope, and API tokens."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import ClusterTerm, Person, Unit


class User(AbstractUser):
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # No longer written: django-axes keeps the lockout (thidua.accounts.lockout). Kept until the
    # admin's user list, which shows them, stops naming them; then a migration drops them.
    failed_logins = models.PositiveSmallIntegerField(_("số lần đăng nhập sai"), default=0)
    locked_until = models.DateTimeField(_("khóa đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    SECTOR_SECRETARIAT = "sector_secretariat", _("Thường trực thi đua của ngành")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng thi đua, khen thưởng")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị")
    UNIT_OFFICER = "unit_officer", _("Cán bộ đơn vị")
    OBSERVER = "observer", _("Người theo dõi (chỉ xem)")


# Roles whose scope is the whole sector; the others are granted on a unit or a cluster term.
SECTOR_WIDE_ROLES = {Role.SYSTEM_ADMIN, Role.SECTOR_SECRETARIAT, Role.COUNCIL_MEMBER}


class RoleGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="grants",
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("phạm vi đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    cluster_term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("phạm vi cụm"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grants",
    )
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit", "cluster_term"],
                name="grant_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=~(Q(unit__isnull=False) & Q(cluster_term__isnull=False)),
                name="grant_one_scope",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit or self.cluster_term or _("toàn ngành")
        return f"{self.user}: {self.get_role_display()} — {scope}"

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class ApiToken(models.Model):
    """A bearer token for integrations; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Notification(models.Model):
    """A message to one person inside the app: a reminder before a deadline, a notice that what
    they sent was accepted or returned. ``key`` names the event and its recipient, so that
    sending it again (the cron job runs again, or twice at once) adds nothing."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("nội dung"), max_length=1000)
    link = models.CharField(_("liên kết"), max_length=500, blank=True)
    key = models.CharField(max_length=255, unique=True, editable=False)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text[:80]
