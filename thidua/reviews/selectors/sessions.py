"""The votes of confidence a user may see, and what the creation form offers: the boards the
user may organise for, the posts held in a board, its accounts."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.policy import Action, may, subject_of
from thidua.core.access import signed_in
from thidua.core.errors import NotFoundError
from thidua.orgs.models import Position, Unit, UnitKind
from thidua.reviews import access
from thidua.reviews.models import ConfidenceSession


def sessions_for(
    *, user: User | AnonymousUser, unit: Unit | None = None
) -> list[ConfidenceSession]:
    """The sessions of ``unit`` (every board's without one) the user may read, newest first."""
    if not signed_in(user):
        return []
    found: QuerySet[ConfidenceSession] = ConfidenceSession.objects.select_related(
        "unit", "vote"
    ).prefetch_related("rated")
    if unit is not None:
        found = found.filter(unit=unit)
    return [s for s in found if access.may_read(user, s)]


def session_get_for(*, user: User | AnonymousUser, pk: int) -> ConfidenceSession:
    """The session ``pk``, or NotFoundError when it does not exist or the user may not read it
    (another board does not learn that it exists)."""
    session = ConfidenceSession.objects.select_related("unit", "vote").filter(pk=pk).first()
    if session is None or not access.may_read(user, session):
        raise NotFoundError(_("Không tìm thấy đợt lấy phiếu tín nhiệm."))
    return session


def organisable_units(user: User | AnonymousUser) -> list[Unit]:
    """The boards the user may hold a vote of confidence for: the secretariat any board, a
    leader their own units."""
    if not signed_in(user):
        return []
    if may(user, Action.ORGS_MANAGE):
        return list(Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD))
    led = subject_of(user).units_with({Role.UNIT_LEADER})
    return [u for u in Unit.objects.filter(pk__in=led) if access.may_organise(user, u)]


def rated_choices(unit: Unit, day: dt.date) -> list[Position]:
    """The posts held in ``unit`` on ``day``: who may be rated, with their title."""
    return list(
        Position.objects.filter(unit=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("person")
        .order_by("person__full_name", "pk")
    )


def unit_users(unit: Unit) -> list[User]:
    """The board's active accounts: the roll and the counting committee are chosen among them."""
    return list(User.objects.filter(unit=unit, is_active=True).order_by("username"))
