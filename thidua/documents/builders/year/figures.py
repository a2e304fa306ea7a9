"""Indicator figures as the year's documents state them: a cluster's roll-up for a period
(ratio of sums for shares, never a mean of percentages) with each member's line, last year's
figure beside it, and the periods a term reports in.

Everything is read through the indicators app's roll-up selectors (``term_figures_for``), from
accepted reports only, so a document shows the figures the dashboards show.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from thidua.accounts.models import User
from thidua.documents.builders.ordinal import with_ordinal
from thidua.documents.builders.year.common import figure, num, pct, signed
from thidua.documents.content import Table
from thidua.indicators.models import (
    Indicator,
    IndicatorKind,
    PeriodKind,
    PeriodScope,
    ReportingPeriod,
)
from thidua.indicators.rollup import Change, year_change
from thidua.indicators.selectors.catalogue import indicator_list_for
from thidua.indicators.selectors.reports import periods_for
from thidua.indicators.selectors.rollup import Rollup, UnitRollup
from thidua.indicators.selectors.rollup_terms import TermFigures, term_figures_for
from thidua.orgs.models import ClusterTerm


def _asks(period: ReportingPeriod, term: ClusterTerm) -> bool:
    """Whether ``period`` asks the members of ``term``'s cluster (any year's term of it)."""
    if period.scope == PeriodScope.CLUSTER and period.term is not None:
        return period.term.cluster_id == term.cluster_id
    if period.scope == PeriodScope.DEPARTMENT:
        return period.department_id == term.supervising_department_id
    return True


def term_periods(user: User, term: ClusterTerm, year: int | None = None) -> list[ReportingPeriod]:
    """The periods of the year (``term``'s own by default) that ask ``term``'s members, by
    deadline; for an earlier year, the periods that asked the same cluster."""
    wanted = term.year if year is None else year
    found = [p for p in periods_for(user=user) if p.year == wanted and _asks(p, term)]
    return sorted(found, key=lambda p: (p.deadline, p.pk))


def review_period(
    user: User, term: ClusterTerm, year: int | None = None, kind: str = PeriodKind.YEAR
) -> ReportingPeriod | None:
    """The year-end (or mid-year) review period of the year for ``term``'s members."""
    chosen = [p for p in term_periods(user, term, year) if p.kind == kind]
    return max(chosen, key=lambda p: (p.as_of, p.pk)) if chosen else None


@dataclass(frozen=True)
class Line:
    """One indicator of a cluster's roll-up, with last year's value and the change."""

    indicator: Indicator
    rollup: Rollup
    previous: Decimal | None
    change: Change | None

    @property
    def percent(self) -> bool:
        return self.indicator.kind in (IndicatorKind.SHARE, IndicatorKind.PERCENTAGE)


def term_lines(
    user: User,
    term: ClusterTerm,
    period: ReportingPeriod,
    previous: ReportingPeriod | None = None,
) -> list[Line]:
    """Every indicator with figures or targets for ``term``'s members in ``period``, and the
    same members' figure in ``previous`` (the year before) when given."""
    indicators = list(indicator_list_for(user=user).order_by("position", "code"))
    now = term_figures_for(user=user, cluster_term=term, period=period, indicators=indicators)
    before = (
        term_figures_for(user=user, cluster_term=term, period=previous, indicators=indicators)
        if previous is not None
        else None
    )
    return lines_of(indicators, now, before)


def lines_of(
    indicators: list[Indicator], now: TermFigures, before: TermFigures | None = None
) -> list[Line]:
    """The lines of the indicators with a member's figure or a target in ``now``, with the
    same members' figure in ``before`` (the year before) when given."""
    lines = []
    for indicator in indicators:
        rollup = now.rollups[indicator.pk]
        if not rollup.by_unit and not now.targets.get(indicator.pk):
            continue
        last = before.rollups[indicator.pk].value if before is not None else None
        lines.append(Line(indicator, rollup, last, year_change(rollup.value, last)))
    return lines


def reading(
    indicator: Indicator, x: Decimal | None, y: Decimal | None, value: Decimal | None
) -> str:
    """A share as "2.489/22.345 (11,14 %)"; anything else as its figure."""
    if indicator.kind == IndicatorKind.SHARE and x is not None and y is not None:
        return f"{num(x)}/{num(y)} ({pct(value)})"
    return figure(indicator, value)


def cell_reading(
    indicator: Indicator, x: Decimal | None, y: Decimal | None, value: Decimal | None
) -> str:
    """A share in a table's cell: "2.489/" and "22.345 (11,14 %)" on two lines. A word
    processor finds no place to break "2.489/22.345" and, in a narrow column, cuts a number
    in two ("2.489/22.3" / "45"); the line break after the "/" keeps each number whole."""
    if indicator.kind == IndicatorKind.SHARE and x is not None and y is not None:
        return f"{num(x)}/\n{num(y)} ({pct(value)})"
    return figure(indicator, value)


# Millimetres of the 145 left beside the ordinal column, at the 13 pt of a wide table:
# "102,34 %" needs some 22 with the cell's padding, a share's "110.826" some 19. Indicator,
# unit, result, target, progress; with last year's figure and the change after the result.
TOTALS_WIDTHS = (55, 18, 26, 23, 23)
TOTALS_WIDTHS_WITH_CHANGE = (25, 16, 22, 20, 20, 20, 22)


def totals_table(lines: list[Line], *, with_change: bool, caption: str) -> Table:
    """The cluster's figure of each indicator against its target (and last year's)."""
    columns = ["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Chỉ tiêu giao", "Tỷ lệ đạt"]
    if with_change:
        columns[4:4] = ["Năm trước", "Tăng, giảm"]
    rows = []
    for i, line in enumerate(lines, start=1):
        r, ind = line.rollup, line.indicator
        cells = [
            str(i),
            ind.name,
            "%" if line.percent else ind.unit_of_measure,
            cell_reading(ind, r.numerator, r.denominator, r.value),
            figure(ind, r.target),
            pct(r.progress),
        ]
        if with_change:
            delta = line.change.delta if line.change else None
            cells[4:4] = [figure(ind, line.previous), signed(delta, percent=line.percent)]
        rows.append(cells)
    align = ["center", "left", "center", *["right"] * (len(columns) - 3)]
    widths = with_ordinal(TOTALS_WIDTHS if not with_change else TOTALS_WIDTHS_WITH_CHANGE)
    return Table(columns=columns, rows=rows, align=align, widths=widths, caption=caption)


def members_table(indicator: Indicator, by_unit: list[UnitRollup], caption: str) -> Table:
    """Each member's figure of one indicator against its own target."""
    return Table(
        columns=["TT", "Đơn vị", "Kết quả", "Chỉ tiêu giao", "Tỷ lệ đạt"],
        rows=[
            [
                str(i),
                u.unit.name,
                cell_reading(indicator, u.x, u.y, u.value),
                figure(indicator, u.target),
                pct(u.progress),
            ]
            for i, u in enumerate(by_unit, start=1)
        ],
        align=["center", "left", "right", "right", "right"],
        widths=with_ordinal([71, 26, 24, 24]),  # mm, at 14 pt
        caption=caption,
    )


def missed(lines: list[Line]) -> list[tuple[Indicator, UnitRollup]]:
    """The members' targets not met (progress under 100 %), worst first."""
    found = [
        (line.indicator, u)
        for line in lines
        for u in line.rollup.by_unit
        if u.progress is not None and u.progress < 100
    ]
    return sorted(found, key=lambda pair: (pair[1].progress, pair[1].unit.sort_key))
