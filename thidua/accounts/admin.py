"""Admin for operators: user and token writes are audited (``AuditedAdmin``), a password set
here too (without its hash); role grants are read-only, since ``role_grant`` keeps the rules
of a role's scope."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import ApiToken, RoleGrant, User
from thidua.audit.admin import AuditedAdmin
from thidua.audit.services import audit_record


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    """Read-only: grants are given through ``role_grant``, which checks the role's scope."""

    model = RoleGrant
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(AuditedAdmin[User], BaseUserAdmin[User]):
    list_display = ["username", "first_name", "unit", "is_active", "locked_until"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["unit"]
    fieldsets = [
        *(BaseUserAdmin.fieldsets or ()),
        ("Đơn vị", {"fields": ["unit", "person", "failed_logins", "locked_until"]}),
    ]
    inlines = [RoleGrantInline]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """A password set (or made unusable) here is an event, ``user.password_set``."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = User.objects.get(pk=id)
                audit_record(
                    actor=request.user,
                    action="user.password_set",
                    obj=user,
                    after={"usable": user.has_usable_password(), "by": "admin"},
                )
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin[ApiToken]):
    """A token is made by ``api_token_create``, which shows its key once; here it can be
    renamed, revoked or deleted."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# The sign-in libraries' own records stay out of the admin: they would be its only English pages,
# and changing them there would bypass the audited ways to do it (`manage.py axes_reset…` lifts a
# lockout, `manage.py two_factor_reset` or the security page replaces an authenticator).
for _model in (AccessAttempt, AccessLog, AccessFailureLog, TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
