"""The figures of accepted year-end reports, as the point scale reads them.

A criterion of a point scale that names an indicator takes its actual value from the unit's
accepted year-end report of the plan's year, never from a second entry on the score sheet
(issue 4). Only an accepted report counts: a draft, a submitted or a returned report is not
yet the unit's word, and a mid-year review is not the year's result. A correction after
acceptance changes the figure here at once, since it changes the report's row.

These reads take no user: they feed the scoring engine, whose results every reader of the
plan sees; the pages that show a figure check the reader's access to the sheet first.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from thidua.indicators.models import IndicatorKind, PeriodKind, Report, ReportStatus, ReportValue
from thidua.indicators.rollup import Figure, unit_value


@dataclass(frozen=True)
class YearReport:
    """Where a unit's year figures come from: its accepted year-end report."""

    pk: int
    unit_id: int
    period_title: str
    revision: int
    decided_at: datetime | None


def accepted_year_values(
    *, unit_ids: Iterable[int], year: int, codes: Iterable[str]
) -> dict[tuple[int, str], Decimal | None]:
    """Each unit's figure for each indicator in its accepted year-end report of ``year``.

    x for counts, amounts, percentages and yes/no; for a share, x of y in percent with two
    places (None when y is zero or missing). A unit without an accepted report, or whose
    report has no figure for an indicator, has no key. One query, whatever the number of units.
    """
    units, wanted = list(dict.fromkeys(unit_ids)), list(dict.fromkeys(codes))
    if not units or not wanted:
        return {}
    rows = ReportValue.objects.filter(
        report__unit_id__in=units,
        report__period__year=year,
        report__period__kind=PeriodKind.YEAR,
        report__status=ReportStatus.ACCEPTED,
        indicator__code__in=wanted,
    ).values_list("report__unit_id", "indicator__code", "indicator__kind", "value", "denominator")
    return {
        (unit_id, code): unit_value(Figure(x, y), share=kind == IndicatorKind.SHARE)
        for unit_id, code, kind, x, y in rows
    }


def accepted_year_reports(*, unit_ids: Iterable[int], year: int) -> dict[int, YearReport]:
    """Each unit's accepted year-end report of ``year``, by unit id; one query."""
    units = list(dict.fromkeys(unit_ids))
    if not units:
        return {}
    rows = Report.objects.filter(
        unit_id__in=units,
        period__year=year,
        period__kind=PeriodKind.YEAR,
        status=ReportStatus.ACCEPTED,
    ).values_list("pk", "unit_id", "period__title", "revision", "decided_at")
    return {
        unit_id: YearReport(pk, unit_id, title, revision, decided_at)
        for pk, unit_id, title, revision, decided_at in rows
    }
