"""The sector's figures of one period, every indicator at once, beside each cluster term's:
what the sector's year-end roll-up document states.

The same rows, targets and arithmetic as ``rollup_for(sector=True)`` and ``term_figures_for``
(``rollup``'s helpers, ``scopes``' rule of whose figures the sector is), but read once for every
indicator, cluster and unit: the sector's boards, the terms' memberships, the figures, the
targets and the boards' units, five queries whatever their numbers. Calling those two selectors
per indicator and per term instead costs a few queries each, some hundred for a sector year.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import User
from thidua.core.access import require_signed_in
from thidua.indicators.models import Indicator, ReportingPeriod
from thidua.indicators.selectors.rollup import (
    Rollup,
    Targets,
    _Row,
    _rows,
    _targets_by_indicator,
    _year_rollup,
)
from thidua.indicators.selectors.rollup_terms import TermFigures
from thidua.indicators.selectors.scopes import Scope, scope_members
from thidua.orgs.models import ClusterMembership, ClusterTerm, Unit


@dataclass(frozen=True)
class SectorFigures:
    """indicator id → the whole sector's roll-up (its provincial boards, as ``rollup_for``
    with ``sector=True`` gives it), and term id → the term's members' figures (as
    ``term_figures_for`` gives them)."""

    sector: dict[int, Rollup]
    terms: dict[int, TermFigures]


def _by_indicator(rows: Sequence[_Row]) -> dict[int, list[_Row]]:
    grouped: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        grouped[row.indicator_id].append(row)
    return grouped


def _term_figures(
    indicators: Sequence[Indicator],
    rows: Sequence[_Row],
    targets: dict[int, Targets],
    members: dict[int, Unit],
) -> TermFigures:
    """One term's figures from rows and targets already limited to its members."""
    grouped = _by_indicator(rows)
    own_targets: dict[int, dict[int, Decimal]] = {}
    for indicator_id, by_unit in targets.items():
        mine = {unit_id: value for (unit_id, _year), value in by_unit.items() if unit_id in members}
        if mine:  # as term_figures_for: only the indicators a member has a target of
            own_targets[indicator_id] = mine
    return TermFigures(
        rollups={
            i.pk: _year_rollup(
                i, grouped[i.pk], mapping={}, targets=targets.get(i.pk, {}), units=members
            )
            for i in indicators
        },
        targets=own_targets,
    )


def sector_figures_for(
    *,
    user: User | AnonymousUser,
    period: ReportingPeriod,
    indicators: Sequence[Indicator],
    terms: Sequence[ClusterTerm],
) -> SectorFigures:
    """Every indicator of ``period`` for the whole sector and for each of ``terms`` (the
    cluster terms of the period's year, as the caller lists them), in five queries."""
    require_signed_in(user)
    year = period.year
    boards = scope_members(Scope(sector=True), [year])[year]
    members: dict[int, dict[int, Unit]] = {term.pk: {} for term in terms}
    unit_terms: dict[int, list[int]] = defaultdict(list)
    memberships = ClusterMembership.objects.filter(term__in=list(members)).select_related("unit")
    for membership in memberships:
        members[membership.term_id][membership.unit_id] = membership.unit
        unit_terms[membership.unit_id].append(membership.term_id)
    # One read of the figures for the boards and every member (a member need not be a board):
    # a commune's own report is neither, so it is left in the database.
    rows = _rows(
        indicators,
        period=period,
        years=[year],
        kind=period.kind,
        unit_ids=boards | unit_terms.keys(),
    )
    board_rows = [r for r in rows if r.unit_id in boards]
    # The sector reads the targets of the boards with figures, a term those of all its members.
    targets = _targets_by_indicator(
        [i.pk for i in indicators], {r.unit_id for r in board_rows} | unit_terms.keys(), [year]
    )
    units = Unit.objects.in_bulk({r.unit_id for r in board_rows})
    by_indicator = _by_indicator(board_rows)
    sector = {
        i.pk: _year_rollup(
            i, by_indicator[i.pk], mapping={}, targets=targets.get(i.pk, {}), units=units
        )
        for i in indicators
    }
    term_rows: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        for term_id in unit_terms.get(row.unit_id, ()):
            term_rows[term_id].append(row)
    return SectorFigures(
        sector=sector,
        terms={
            term_id: _term_figures(indicators, term_rows[term_id], targets, units_of_term)
            for term_id, units_of_term in members.items()
        },
    )
