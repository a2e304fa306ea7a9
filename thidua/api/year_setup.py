"""Setting up a year through the API, as the secretariat does on its pages: accounts and their
roles (periods are opened with the other period routes, in ``reports``; the rollover of cluster
terms with the clusters, in ``orgs``)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.models import Role, RoleGrant, User
from thidua.accounts.selectors import account_get_for, account_units
from thidua.accounts.services import role_grant, role_revoke, user_create
from thidua.api.schemas.errors import WRITE_REFUSALS
from thidua.core.errors import NotFoundError
from thidua.orgs.models import ClusterTerm, Unit

router = Router(tags=["year setup"])


class UserIn(Schema):
    username: str = Field(pattern=r"^[a-z0-9._-]{3,150}$")
    full_name: str = Field(min_length=1, max_length=150)
    email: str = Field("", max_length=254)
    unit_id: int = Field(description="Đơn vị của tài khoản (Ban, vụ hoặc Ban Tổ chức tỉnh).")
    password: str = Field(min_length=8, max_length=128, description="Mật khẩu ban đầu.")


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    unit_id: int | None
    is_active: bool


class GrantIn(Schema):
    role: Role
    unit_id: int | None = Field(None, description="Trống với vai trò toàn ngành.")
    cluster_term_id: int | None = Field(
        None, description="Hoặc một nhiệm kỳ cụm (người theo dõi một cụm của một năm)."
    )


class RoleGrantOut(Schema):
    id: int
    user_id: int
    role: str
    unit_id: int | None
    cluster_term_id: int | None


def _account_unit(unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = account_units(timezone.localdate()).filter(pk=unit_id).first()
    if unit is None:
        raise NotFoundError(_("Không có đơn vị này trong các đơn vị được cấp tài khoản."))
    return unit


def _user_out(user: User) -> UserOut:
    return UserOut(
        id=user.pk,
        username=user.username,
        full_name=user.get_full_name(),
        unit_id=user.unit_id,
        is_active=user.is_active,
    )


@router.post("/users", response={200: UserOut, **WRITE_REFUSALS})
def users_create(request: AuthenticatedHttpRequest, payload: UserIn) -> UserOut:
    user = user_create(
        actor=request.user,
        username=payload.username,
        password=payload.password,
        full_name=payload.full_name,
        unit=_account_unit(payload.unit_id),
        email=payload.email,
    )
    return _user_out(user)


@router.post("/users/{user_id}/roles", response={200: RoleGrantOut, **WRITE_REFUSALS})
def roles_grant(request: AuthenticatedHttpRequest, user_id: int, payload: GrantIn) -> RoleGrantOut:
    account = account_get_for(user=request.user, pk=user_id)
    cluster_term = None
    if payload.cluster_term_id is not None:
        cluster_term = ClusterTerm.objects.filter(pk=payload.cluster_term_id).first()
        if cluster_term is None:
            raise NotFoundError(_("Không tìm thấy nhiệm kỳ cụm."))
    grant = role_grant(
        actor=request.user,
        user=account,
        role=payload.role,
        unit=_account_unit(payload.unit_id),
        cluster_term=cluster_term,
    )
    return RoleGrantOut(
        id=grant.pk,
        user_id=account.pk,
        role=grant.role,
        unit_id=grant.unit_id,
        cluster_term_id=grant.cluster_term_id,
    )


@router.delete("/users/{user_id}/roles/{grant_id}", response={204: None, **WRITE_REFUSALS})
def roles_revoke(request: AuthenticatedHttpRequest, user_id: int, grant_id: int) -> Status[None]:
    account = account_get_for(user=request.user, pk=user_id)
    grant = RoleGrant.objects.filter(pk=grant_id, user=account).first()
    if grant is None:
        raise NotFoundError(_("Không có phân quyền này."))
    role_revoke(actor=request.user, grant=grant)
    return Status(204, None)
