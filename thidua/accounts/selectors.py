"""Reads that the access policy guards: a unit's internal data and a cluster's workspace."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import RoleGrant, User
from thidua.accounts.policy import Action, holds_office_in, may, require
from thidua.core.errors import PermissionDeniedError
from thidua.orgs.models import ClusterTerm, OfficerChange, Position, Unit
from thidua.orgs.selectors import officer_changes_of


@dataclass
class UnitInternal:
    users: list[User]
    positions: list[Position]


def unit_internal_for(*, user: User | AnonymousUser, unit: Unit) -> UnitInternal:
    """The unit's staff and accounts; refused to anyone outside the unit's line of authority."""
    require(user, Action.UNIT_VIEW_INTERNAL, unit)
    return UnitInternal(
        users=list(User.objects.filter(unit=unit, is_active=True).order_by("username")),
        positions=list(
            Position.objects.filter(unit=unit).select_related("person").order_by("-valid_from")
        ),
    )


@dataclass
class TermWorkspace:
    officer_changes: list[OfficerChange]
    contacts: list[User]
    can_manage: bool
    # Whether the reader manages the cluster through their unit's office in it (head or
    # deputy), rather than as the sector's secretariat, which manages every cluster.
    manages_as_officer: bool


def term_workspace_for(*, user: User | AnonymousUser, term: ClusterTerm) -> TermWorkspace:
    if not may(user, Action.TERM_VIEW_INTERNAL, term):
        raise PermissionDeniedError(_("Trang này chỉ dành cho thành viên của cụm."))
    member_ids = [m.unit_id for m in term.memberships.all()]
    return TermWorkspace(
        officer_changes=list(officer_changes_of(term)),
        contacts=list(
            User.objects.filter(unit_id__in=member_ids, is_active=True)
            .select_related("unit")
            .order_by("unit__sort_key", "username")
        ),
        can_manage=may(user, Action.TERM_MANAGE, term),
        manages_as_officer=holds_office_in(user, term),
    )


def grants_of(user: User | AnonymousUser) -> QuerySet[RoleGrant]:
    """The user's own grants (an anonymous visitor holds none)."""
    if not isinstance(user, User):
        return RoleGrant.objects.none()
    return RoleGrant.objects.filter(user=user).select_related("unit", "cluster_term__cluster")
