"""What the rounds' pages offer a user: the rounds of a year they may open, and the people and
units they may add to a round's list.

Opening follows ``access.may_manage_round`` narrowed to one's own office, so the page does not
offer every cluster of the sector to the secretariat: a cluster head (or deputy) opens their
term's round, the secretariat the council's, a board's staff their board's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import User
from thidua.accounts.policy import Action, holds_office_in, may
from thidua.awards import access
from thidua.awards.models import NominationRound, RoundLevel
from thidua.core.access import require_signed_in
from thidua.orgs.models import ClusterTerm, Person, Position, Unit, UnitKind


@dataclass(frozen=True)
class Opening:
    """A round the user may open: its level and scope, and the words of its button."""

    level: str
    year: int
    term: ClusterTerm | None = None
    unit: Unit | None = None

    @property
    def key(self) -> str:
        scope = self.term.pk if self.term else self.unit.pk if self.unit else 0
        return f"{self.level}-{scope}"


def rounds_openable(*, user: User | AnonymousUser, year: int) -> list[Opening]:
    """The rounds of ``year`` the user may open and that are not open yet."""
    require_signed_in(user)
    if not isinstance(user, User):
        return []
    opened: set[tuple[str, int | None, int | None]] = set(
        NominationRound.objects.filter(year=year).values_list("level", "term_id", "unit_id")
    )
    found: list[Opening] = []
    terms = ClusterTerm.objects.filter(year=year).select_related("cluster")
    for term in terms.prefetch_related("memberships"):
        if holds_office_in(user, term) and (str(RoundLevel.CLUSTER), term.pk, None) not in opened:
            found.append(Opening(RoundLevel.CLUSTER, year, term=term))
    if access.secretariat(user) and (str(RoundLevel.COUNCIL), None, None) not in opened:
        found.append(Opening(RoundLevel.COUNCIL, year))
    board = user.unit if user.unit_id else None
    if (
        board is not None
        and board.kind == UnitKind.ORGANIZATION_BOARD
        and may(user, Action.UNIT_EDIT, board)
        and (str(RoundLevel.BOARD), None, board.pk) not in opened
    ):
        found.append(Opening(RoundLevel.BOARD, year, unit=board))
    return found


def round_units(round_: NominationRound) -> list[Unit]:
    """The collectives a round may propose: a cluster's members of that year, a board and its
    own units, for the council every board of the year."""
    if round_.level == RoundLevel.CLUSTER and round_.term is not None:
        return list(Unit.objects.filter(memberships__term=round_.term).order_by("sort_key"))
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return [round_.unit, *Unit.objects.filter(parent=round_.unit).order_by("sort_key")]
    return list(
        Unit.objects.valid_in_year(round_.year)
        .filter(kind=UnitKind.ORGANIZATION_BOARD)
        .order_by("sort_key")
    )


def round_people(round_: NominationRound, units: list[Unit]) -> list[tuple[Person, Unit]]:
    """The people a round may propose, each with the unit they serve in: the staff of the
    round's units (none for the council's round, which receives individuals through the
    boards' and clusters' lists)."""
    if round_.level == RoundLevel.COUNCIL:
        return []
    positions = (
        Position.objects.filter(unit__in=units)
        .select_related("person", "unit")
        .order_by("person__full_name", "person_id")
    )
    seen: dict[int, tuple[Person, Unit]] = {}
    for position in positions:
        seen.setdefault(position.person_id, (position.person, position.unit))
    return list(seen.values())
