"""Reads that the access policy guards: a unit's internal data and a cluster's workspace; the
years the home page offers a user."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import SECTOR_WIDE_ROLES, RoleGrant, User
from thidua.accounts.policy import (
    Action,
    holds_office_in,
    managed_unit_ids,
    manages_every_account,
    may,
    require,
    require_manage_account,
)
from thidua.core.errors import NotFoundError, PermissionDeniedError
from thidua.core.text import fold
from thidua.orgs.models import ClusterTerm, OfficerChange, Position, Unit, UnitKind
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


@dataclass(frozen=True)
class HomeYears:
    shown: int
    # Years whose cluster terms concern the user (their units' terms; every term with members
    # for the sector-wide roles), latest first: the choice offered on the home page.
    offered: list[int]


def home_years_for(
    *, user: User | AnonymousUser, today_year: int, asked: int | None = None
) -> HomeYears:
    """The year the home page shows: the one asked for if it is offered, else this year if it
    has data for the user, else the latest earlier year that has; never an empty new year
    that someone has just opened (terms without members, or without the user's units)."""
    terms = ClusterTerm.objects.filter(memberships__isnull=False)
    grants = list(grants_of(user))
    if not any(g.role in SECTOR_WIDE_ROLES for g in grants):
        units = {g.unit_id for g in grants if g.unit_id} | (
            {user.unit_id} if isinstance(user, User) and user.unit_id else set()
        )
        term_ids = {g.cluster_term_id for g in grants if g.cluster_term_id}
        terms = terms.filter(
            Q(memberships__unit_id__in=units)
            | Q(supervising_department_id__in=units)
            | Q(pk__in=term_ids)
        )
    offered = sorted(set(terms.values_list("year", flat=True)), reverse=True)
    if asked in offered:
        return HomeYears(shown=asked, offered=offered)
    earlier = [y for y in offered if y <= today_year]
    shown = earlier[0] if earlier else (offered[-1] if offered else today_year)
    return HomeYears(shown=shown, offered=offered)


ACCOUNT_UNIT_KINDS = (
    UnitKind.CENTRAL_COMMISSION,
    UnitKind.COMMISSION_DEPARTMENT,
    UnitKind.ORGANIZATION_BOARD,
)


def account_units(today: dt.date) -> QuerySet[Unit]:
    """The units accounts are made on: the Commission, its departments and the provincial
    organization boards in force today."""
    return Unit.objects.valid_on(today).filter(kind__in=ACCOUNT_UNIT_KINDS).order_by("sort_key")


def account_units_for(*, user: User | AnonymousUser, today: dt.date) -> QuerySet[Unit]:
    """The units ``user`` may make accounts on: every account unit for the secretariat, their
    own units (and those below them) in force today for a unit's leader."""
    if manages_every_account(user):
        return account_units(today)
    return Unit.objects.valid_on(today).filter(pk__in=managed_unit_ids(user)).order_by("sort_key")


def accounts_for(*, user: User | AnonymousUser, q: str = "") -> QuerySet[User]:
    """Every account the user manages (all of them for the secretariat, their units' for a
    unit's leader); searched by username, name or unit."""
    require(user, Action.ACCOUNTS_MANAGE)
    found = User.objects.select_related("unit").order_by("unit__sort_key", "username")
    if not manages_every_account(user):
        found = found.filter(unit_id__in=managed_unit_ids(user)).exclude(
            grants__role__in=SECTOR_WIDE_ROLES
        )
    if q:
        folded = fold(q)
        found = found.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(unit__search_key__contains=folded)
        )
    return found


def account_get_for(*, user: User | AnonymousUser, pk: int) -> User:
    """An account its reader manages; refused otherwise (``may_manage_account``)."""
    require(user, Action.ACCOUNTS_MANAGE)
    found = (
        User.objects.select_related("unit")
        .prefetch_related(
            Prefetch(
                "grants",
                queryset=RoleGrant.objects.select_related("unit", "cluster_term__cluster"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFoundError(_("Không có tài khoản này."))
    require_manage_account(user, found)
    return found
