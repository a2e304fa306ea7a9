"""Roll-ups grouped by cluster term, each from one read of the figures: every cluster of a
year for the sector's dashboard, and every indicator of a term's members for the cluster's.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.access import require_signed_in
from thidua.core.errors import ValidationFailedError
from thidua.indicators.models import Indicator, PeriodKind, ReportingPeriod
from thidua.indicators.selectors.rollup import (
    Rollup,
    _candidates,
    _period_choice,
    _Row,
    _rows,
    _targets,
    _targets_by_indicator,
    _year_rollup,
)
from thidua.indicators.selectors.scopes import successor_map
from thidua.orgs.models import ClusterMembership, ClusterTerm, Unit


@dataclass(frozen=True)
class TermRollup:
    term: ClusterTerm
    rollup: Rollup


@dataclass(frozen=True)
class TermFigures:
    """A term's members in one period, every indicator at once: indicator id → the roll-up,
    and indicator id → unit id → the target that covers the period's year."""

    rollups: dict[int, Rollup]
    targets: dict[int, dict[int, Decimal]]


def rollups_by_term_for(
    *,
    user: User | AnonymousUser,
    indicator: Indicator,
    year: int,
    period_kind: str = PeriodKind.YEAR,
    lineage_year: int | None = None,
) -> list[TermRollup]:
    """Each cluster term of ``year`` rolled up from one read of the figures, in cluster
    order: a fixed number of queries whatever the number of clusters and members."""
    require_signed_in(user)
    problems: dict[str, list[str]] = {}
    chosen = _period_choice(None, year, period_kind, problems)
    if problems or chosen is None:
        raise ValidationFailedError(_("Tham số tổng hợp không hợp lệ."), problems)
    kind = chosen[1]
    terms = list(
        ClusterTerm.objects.filter(year=year)
        .select_related("cluster")
        .prefetch_related(
            Prefetch("memberships", queryset=ClusterMembership.objects.only("term", "unit"))
        )
        .order_by("cluster__sector", "cluster__number")
    )
    members = {term.pk: {m.unit_id for m in term.memberships.all()} for term in terms}
    mapping = successor_map(lineage_year) if lineage_year is not None else {}
    rows = _rows(
        [indicator], period=None, years=[year], kind=kind, unit_ids=_candidates(members, mapping)
    )
    targets = _targets(indicator, {r.unit_id for r in rows}, [year])
    units = Unit.objects.in_bulk({mapping.get(r.unit_id, r.unit_id) for r in rows})
    return [
        TermRollup(
            term,
            _year_rollup(
                indicator,
                [
                    r
                    for r in rows
                    if mapping.get(r.unit_id, r.unit_id) in members[term.pk]
                    or r.unit_id in members[term.pk]
                ],
                mapping=mapping,
                targets=targets,
                units=units,
            ),
        )
        for term in terms
    ]


def term_figures_for(
    *,
    user: User | AnonymousUser,
    cluster_term: ClusterTerm,
    period: ReportingPeriod,
    indicators: Sequence[Indicator],
) -> TermFigures:
    """Every indicator of one period for a term's members, from one read of the figures and
    one of the targets: the cluster dashboard's table."""
    require_signed_in(user)
    memberships = ClusterMembership.objects.filter(term=cluster_term).select_related("unit")
    units = {m.unit_id: m.unit for m in memberships}
    rows = _rows(indicators, period=period, years=[period.year], kind=period.kind, unit_ids=units)
    targets = _targets_by_indicator([i.pk for i in indicators], units, [period.year])
    grouped: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        grouped[row.indicator_id].append(row)
    return TermFigures(
        rollups={
            i.pk: _year_rollup(
                i, grouped[i.pk], mapping={}, targets=targets.get(i.pk, {}), units=units
            )
            for i in indicators
        },
        targets={
            indicator_id: {unit_id: value for (unit_id, _year), value in by_unit.items()}
            for indicator_id, by_unit in targets.items()
        },
    )
