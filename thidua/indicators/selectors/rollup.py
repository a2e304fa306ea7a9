"""Roll-ups of accepted report figures for a cluster, a supervising department or the sector.

Accepted reports are the sector's shared figures, so every signed-in official may read their
roll-ups; drafts, submitted and returned reports never count. A report row holds its latest
revision (corrections after acceptance rewrite the row and keep the old value aside), so the
row is what is read.

With ``lineage_year``, a unit's figures count in its successor (see ``scopes``).

Every read runs a fixed number of queries whatever the number of units: the lineage links,
the scope's members, the values, the targets and the units, each read once.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.access import require_signed_in
from thidua.core.errors import ValidationFailedError
from thidua.indicators import rollup as arithmetic
from thidua.indicators.models import (
    Indicator,
    IndicatorKind,
    PeriodKind,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    RollUp,
    Target,
)
from thidua.indicators.selectors.scopes import Scope, scope_members, scope_problems, successor_map
from thidua.orgs.models import ClusterTerm, Unit


@dataclass(frozen=True)
class UnitRollup:
    """One unit's line: x and y summed over the units that count in it."""

    unit: Unit
    x: Decimal | None
    y: Decimal | None
    value: Decimal | None
    target: Decimal | None
    progress: Decimal | None


@dataclass(frozen=True)
class Rollup:
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    target: Decimal | None
    progress: Decimal | None
    by_unit: list[UnitRollup] = field(default_factory=list)


@dataclass(frozen=True)
class SeriesPoint:
    year: int
    rollup: Rollup
    change: arithmetic.Change | None


# (unit id, year) → the target that covers that year.
Targets = dict[tuple[int, int], Decimal]


@dataclass(frozen=True)
class _Row:
    unit_id: int
    year: int
    x: Decimal
    y: Decimal | None
    indicator_id: int


def _rows(
    indicators: Sequence[Indicator],
    *,
    period: ReportingPeriod | None,
    years: Sequence[int],
    kind: str,
    unit_ids: Collection[int] | None = None,
) -> list[_Row]:
    """Accepted figures; ``unit_ids`` narrows the read in the database to the units that
    can count (a sector's communes are many and never count)."""
    values = ReportValue.objects.filter(
        indicator__in=indicators, report__status=ReportStatus.ACCEPTED
    )
    if period is not None:
        values = values.filter(report__period=period)
    else:
        values = values.filter(report__period__year__in=years, report__period__kind=kind)
    if unit_ids is not None:
        values = values.filter(report__unit_id__in=unit_ids)
    return [
        _Row(unit_id, year, x, y, indicator_id)
        for unit_id, year, x, y, indicator_id in values.values_list(
            "report__unit_id", "report__period__year", "value", "denominator", "indicator_id"
        )
    ]


def _targets(indicator: Indicator, unit_ids: set[int], years: Sequence[int]) -> Targets:
    return _targets_by_indicator([indicator.pk], unit_ids, years).get(indicator.pk, {})


def _targets_by_indicator(
    indicator_ids: Collection[int], unit_ids: Collection[int], years: Sequence[int]
) -> dict[int, Targets]:
    """Indicator id → (unit id, year) → the target that covers the year; the narrowest span
    wins, so a yearly target set under a multi-year one (10 % by 2021) is the one a report
    meets."""
    if not unit_ids or not indicator_ids:
        return {}
    targets = Target.objects.filter(
        indicator_id__in=indicator_ids,
        unit_id__in=unit_ids,
        start_year__lte=max(years),
        end_year__gte=min(years),
    ).values_list("indicator_id", "unit_id", "start_year", "end_year", "value")
    chosen: dict[tuple[int, int, int], tuple[int, int, Decimal]] = {}
    for indicator_id, unit_id, start, end, value in targets:
        for year in years:
            if not start <= year <= end:
                continue
            rank = (end - start, -start)
            best = chosen.get((indicator_id, unit_id, year))
            if best is None or rank < (best[0], best[1]):
                chosen[(indicator_id, unit_id, year)] = (rank[0], rank[1], value)
    found: dict[int, Targets] = defaultdict(dict)
    for (indicator_id, unit_id, year), (_span, _start, value) in chosen.items():
        found[indicator_id][(unit_id, year)] = value
    return dict(found)


def _is_share(indicator: Indicator) -> bool:
    return indicator.kind == IndicatorKind.SHARE or indicator.rollup == RollUp.RATIO_OF_SUMS


def _combined(indicator: Indicator, figures: list[arithmetic.Figure]) -> arithmetic.Rolled:
    """The rule's roll-up; a single figure is itself, whatever the rule."""
    share = _is_share(indicator)
    if len(figures) == 1:
        only = figures[0]
        value = arithmetic.unit_value(only, share=share)
        if share and only.y is not None:
            return arithmetic.Rolled(value, arithmetic.cents(only.x), arithmetic.cents(only.y))
        return arithmetic.Rolled(value)
    return arithmetic.roll_up(indicator.rollup, figures)


def _combined_target(
    indicator: Indicator, pairs: list[tuple[Decimal | None, Decimal | None]]
) -> Decimal | None:
    if any(target is None for target, _ in pairs):
        return None
    known = [(target, y) for target, y in pairs if target is not None]
    if len(known) == 1:
        return known[0][0]
    return arithmetic.roll_up_target(indicator.rollup, known)


def _target_pairs(
    rows: list[_Row], targets: Targets
) -> list[tuple[Decimal | None, Decimal | None]]:
    return [(targets.get((r.unit_id, r.year)), r.y) for r in rows]


def _year_rollup(
    indicator: Indicator,
    rows: list[_Row],
    *,
    mapping: dict[int, int],
    targets: Targets,
    units: dict[int, Unit],
) -> Rollup:
    """One year's roll-up of rows already limited to the scope."""
    if not rows:
        return Rollup(None, None, None, None, None, [])
    groups: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        groups[mapping.get(row.unit_id, row.unit_id)].append(row)
    better = indicator.direction
    by_unit = []
    for unit_id, group in groups.items():
        rolled = _combined(indicator, [arithmetic.Figure(r.x, r.y) for r in group])
        target = _combined_target(indicator, _target_pairs(group, targets))
        x = rolled.numerator if _is_share(indicator) else rolled.value
        by_unit.append(
            UnitRollup(
                unit=units[unit_id],
                x=x,
                y=rolled.denominator,
                value=rolled.value,
                target=target,
                progress=arithmetic.progress(rolled.value, target, better=better),
            )
        )
    by_unit.sort(key=lambda line: (line.unit.sort_key, line.unit.pk))
    total = _combined(indicator, [arithmetic.Figure(r.x, r.y) for r in rows])
    target = _combined_target(indicator, _target_pairs(rows, targets))
    return Rollup(
        value=total.value,
        numerator=total.numerator,
        denominator=total.denominator,
        target=target,
        progress=arithmetic.progress(total.value, target, better=better),
        by_unit=by_unit,
    )


def _candidates(members: dict[int, set[int]], mapping: dict[int, int]) -> set[int]:
    """Every unit whose figures may count in some year: the members and their predecessors."""
    every: set[int] = set().union(*members.values())
    return every | {unit_id for unit_id, successor in mapping.items() if successor in every}


def _rollups(
    indicator: Indicator,
    scope: Scope,
    *,
    years: Sequence[int],
    kind: str,
    period: ReportingPeriod | None,
    lineage_year: int | None,
) -> dict[int, Rollup]:
    members = scope_members(scope, years)
    mapping = successor_map(lineage_year) if lineage_year is not None else {}
    rows = _rows(
        [indicator], period=period, years=years, kind=kind, unit_ids=_candidates(members, mapping)
    )
    rows = [
        r
        for r in rows
        if r.unit_id in members[r.year] or mapping.get(r.unit_id, r.unit_id) in members[r.year]
    ]
    own_ids = {r.unit_id for r in rows}
    targets = _targets(indicator, own_ids, years)
    shown_ids = {mapping.get(unit_id, unit_id) for unit_id in own_ids}
    units = Unit.objects.in_bulk(shown_ids) if shown_ids else {}
    return {
        year: _year_rollup(
            indicator,
            [r for r in rows if r.year == year],
            mapping=mapping,
            targets=targets,
            units=units,
        )
        for year in years
    }


def rollup_for(
    *,
    user: User | AnonymousUser,
    indicator: Indicator,
    period: ReportingPeriod | None = None,
    year: int | None = None,
    period_kind: str | None = None,
    cluster_term: ClusterTerm | None = None,
    department: Unit | None = None,
    sector: bool = False,
    lineage_year: int | None = None,
) -> Rollup:
    """An indicator rolled up over one period and one scope.

    The period is either given, or chosen by ``year`` and ``period_kind`` (the year-end
    review unless told otherwise). A department's boards are the members of the terms it
    supervises in the period's year.
    """
    require_signed_in(user)
    scope = Scope(cluster_term=cluster_term, department=department, sector=sector)
    problems: dict[str, list[str]] = {}
    scope_problems(scope, problems)
    chosen = _period_choice(period, year, period_kind, problems)
    if problems or chosen is None:
        raise ValidationFailedError(_("Tham số tổng hợp không hợp lệ."), problems)
    the_year, kind = chosen
    return _rollups(
        indicator,
        scope,
        years=[the_year],
        kind=kind,
        period=period,
        lineage_year=lineage_year,
    )[the_year]


def _period_choice(
    period: ReportingPeriod | None,
    year: int | None,
    period_kind: str | None,
    problems: dict[str, list[str]],
) -> tuple[int, str] | None:
    """(year, kind) of the period asked for, or None with the problem noted."""
    if period is not None:
        if year is not None and year != period.year:
            problems["year"] = [_("Năm không khớp với kỳ báo cáo đã chọn.")]
        if period_kind is not None and period_kind != period.kind:
            problems["period_kind"] = [_("Loại kỳ không khớp với kỳ báo cáo đã chọn.")]
        return period.year, period.kind
    if year is None:
        problems["period"] = [_("Chọn kỳ báo cáo, hoặc năm của kỳ báo cáo.")]
        return None
    kind = period_kind or PeriodKind.YEAR
    if kind not in PeriodKind.values:
        problems["period_kind"] = [_("Loại kỳ báo cáo không hợp lệ.")]
        return None
    if kind == PeriodKind.AD_HOC:
        problems["period_kind"] = [_("Kỳ báo cáo đột xuất phải được chọn theo mã kỳ.")]
        return None
    return year, kind


def series_for(
    *,
    user: User | AnonymousUser,
    indicator: Indicator,
    unit_or_scope: Unit | Scope,
    years: Sequence[int],
    period_kind: str = PeriodKind.YEAR,
    lineage_year: int | None = None,
) -> list[SeriesPoint]:
    """The indicator year by year, each year against the one before.

    Every year uses the same lineage mapping, to the units of ``lineage_year`` (by default
    the last year asked), so a trend runs on across the 2025 merger.
    """
    require_signed_in(user)
    scope = unit_or_scope if isinstance(unit_or_scope, Scope) else Scope(unit=unit_or_scope)
    problems: dict[str, list[str]] = {}
    scope_problems(scope, problems)
    if not years:
        problems["years"] = [_("Chọn ít nhất một năm.")]
    if period_kind not in PeriodKind.values or period_kind == PeriodKind.AD_HOC:
        problems["period_kind"] = [_("Chuỗi theo năm chỉ dùng kỳ sơ kết hoặc tổng kết.")]
    if problems:
        raise ValidationFailedError(_("Tham số tổng hợp không hợp lệ."), problems)
    ordered = sorted(set(years))
    by_year = _rollups(
        indicator,
        scope,
        years=ordered,
        kind=period_kind,
        period=None,
        lineage_year=lineage_year if lineage_year is not None else ordered[-1],
    )
    points: list[SeriesPoint] = []
    for year in ordered:
        previous = points[-1].rollup.value if points and points[-1].year == year - 1 else None
        current = by_year[year]
        points.append(SeriesPoint(year, current, arithmetic.year_change(current.value, previous)))
    return points
