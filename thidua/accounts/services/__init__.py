"""Writes on accounts: users, role grants, API tokens (sign-in: views/login.py, lockout.py,
two_factor.py)."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import SECTOR_WIDE_ROLES, ApiToken, Role, RoleGrant, User
from thidua.accounts.policy import Action, may_grant, require, require_manage_account
from thidua.audit.services import audit_record
from thidua.core.access import forbidden
from thidua.core.errors import DomainError
from thidua.orgs.models import ClusterTerm, Unit


def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    full_name: str,
    unit: Unit | None,
    email: str = "",
) -> User:
    if actor is not None:
        # An account on a unit is its leader's to make (and the secretariat's); one without a
        # unit, the secretariat's only.
        if unit is None:
            require(actor, Action.ORGS_MANAGE)
        else:
            require(actor, Action.ACCOUNTS_MANAGE, unit)
    if User.objects.filter(username=username).exists():
        raise DomainError(
            _("Tên đăng nhập “%(u)s” đã tồn tại.") % {"u": username}, field="username"
        )
    with transaction.atomic():
        user = User(username=username, first_name=full_name, unit=unit, email=email)
        # No password (an import): its holder sets one through a one-time link.
        user.set_password(password)
        user.save()
        audit_record(
            actor=actor,
            action="user.create",
            obj=user,
            after={"username": username, "unit": unit.pk if unit else None},
        )
    return user


def role_grant(
    *,
    actor: User | None,
    user: User,
    role: Role,
    unit: Unit | None = None,
    cluster_term: ClusterTerm | None = None,
) -> RoleGrant:
    _require_manager(actor, user)
    if actor is not None and not may_grant(actor, role, unit, cluster_term):
        raise forbidden()
    if unit is not None and cluster_term is not None:
        raise DomainError(_("Chọn một đơn vị hoặc một cụm thi đua, không chọn cả hai."))
    if role in SECTOR_WIDE_ROLES and (unit or cluster_term):
        raise DomainError(_("Vai trò toàn ngành không gắn với một đơn vị hay một cụm."))
    if role not in SECTOR_WIDE_ROLES and not (unit or cluster_term):
        raise DomainError(_("Vai trò này phải gắn với một đơn vị hoặc một cụm."))
    if role in {Role.UNIT_LEADER, Role.UNIT_OFFICER} and cluster_term is not None:
        raise DomainError(
            _("Lãnh đạo và cán bộ đơn vị được phân quyền trên đơn vị, không trên cụm.")
        )
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(
            user=user, role=role, unit=unit, cluster_term=cluster_term
        )
        if created:
            audit_record(
                actor=actor,
                action="role.grant",
                obj=grant,
                after={
                    "user": user.pk,
                    "role": role,
                    "unit": unit.pk if unit else None,
                    "cluster_term": cluster_term.pk if cluster_term else None,
                },
            )
    return grant


def _require_manager(actor: User | None, account: User) -> None:
    """Accounts are the secretariat's (and the administrator's) to manage, and a unit leader's
    for their own unit (``thidua.accounts.policy``); ``None`` is the system itself (the demo,
    the loaders)."""
    if actor is not None:
        require_manage_account(actor, account)


def _last_administrator(grant: RoleGrant) -> bool:
    return (
        grant.role == Role.SYSTEM_ADMIN
        and not RoleGrant.objects.filter(role=Role.SYSTEM_ADMIN, user__is_active=True)
        .exclude(pk=grant.pk)
        .exists()
    )


def role_revoke(*, actor: User | None, grant: RoleGrant, reason: str = "") -> None:
    """Take a role back. The last system administrator keeps theirs: without one, nobody could
    manage accounts any more."""
    with transaction.atomic():
        grant = (
            RoleGrant.objects.select_for_update(of=("self",))
            .select_related("user", "unit", "cluster_term")
            .get(pk=grant.pk)
        )
        if actor is not None:
            _require_manager(actor, grant.user)
            if not may_grant(actor, grant.role, grant.unit, grant.cluster_term):
                raise forbidden()
        if _last_administrator(grant):
            raise DomainError(_("Không thu hồi được vai trò của quản trị hệ thống cuối cùng."))
        before = {
            "user": grant.user_id,
            "role": grant.role,
            "unit": grant.unit_id,
            "cluster_term": grant.cluster_term_id,
        }
        grant.delete()
        audit_record(
            actor=actor,
            action="role.revoke",
            object_type="accounts.rolegrant",
            object_id=str(before["user"]),
            object_repr=str(grant)[:300],
            before=before,
            after={"reason": reason} if reason else None,
        )


def user_deactivate(*, actor: User | None, user: User, reason: str) -> User:
    """Close an account (a person who left): it can no longer sign in nor use its API tokens;
    its history and its name on past acts stay."""
    _require_manager(actor, user)
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do khóa tài khoản."), field="reason")
    if actor is not None and actor.pk == user.pk:
        raise DomainError(_("Không tự khóa tài khoản của mình."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise DomainError(_("Tài khoản này đã bị khóa."))
        admin_grants = user.grants.filter(role=Role.SYSTEM_ADMIN)
        if any(_last_administrator(g) for g in admin_grants):
            raise DomainError(_("Không khóa được tài khoản quản trị hệ thống cuối cùng."))
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="user.deactivate",
            obj=user,
            before={"is_active": True},
            after={"is_active": False, "reason": reason.strip()},
        )
    return user


def _token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, actor: User | None, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its key; the key is shown once and never stored."""
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=key[:8], key_hash=_token_hash(key)
        )
        audit_record(actor=actor, action="api_token.create", obj=token, after={"user": user.pk})
    return token, key


def api_token_user(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
