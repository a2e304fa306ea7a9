"""Reports written straight through the models, for roll-up tests.

Roll-ups read only what a report row holds, so these tests do not need the report services.
Rows are written with update-or-create, so demo data for the same unit and period is replaced
rather than duplicated, and every figure here is marked illustrative where no source gives it.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import term
from thidua.indicators.models import (
    Indicator,
    PeriodKind,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    Target,
)
from thidua.orgs.models import Unit

D = Decimal
CATALOGUE = Path(__file__).parents[2] / "thidua" / "indicators" / "data" / "catalogue.yaml"

# Seed 004 (cluster 3, 2023): the totals over its 12 members.
CLUSTER_3_2023_TOTALS = {
    "cadres_trained_or_retrained": D(1722),
    "personnel_moves": D(757),
    "dismissals_or_resignations": D(20),
    "new_party_members_admitted": D(20777),
}
# Illustrative shares of each member in the totals (the article gives only the totals).
SPLIT_WEIGHTS = [14, 9, 11, 7, 8, 10, 6, 12, 9, 5, 4, 5]

Figure = Decimal | int | tuple[Decimal | int, Decimal | int]


def indicator(code: str) -> Indicator:
    """The catalogue's indicator, read from the catalogue file if not loaded yet."""
    found = Indicator.objects.filter(code=code).first()
    if found is not None:
        return found
    entries: list[dict[str, Any]] = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))[
        "indicators"
    ]
    entry = next(e for e in entries if e["code"] == code)
    fields = ("name", "kind", "unit_of_measure", "direction", "rollup", "description")
    labels = ("numerator_label", "denominator_label")
    return Indicator.objects.create(
        code=code,
        **{key: entry.get(key) or "" for key in fields + labels},
    )


def period(
    year: int, kind: str = PeriodKind.YEAR, *, as_of: dt.date | None = None
) -> ReportingPeriod:
    if kind == PeriodKind.AD_HOC:
        return ReportingPeriod.objects.create(
            year=year,
            kind=kind,
            title=f"Báo cáo đột xuất năm {year}",
            as_of=as_of or dt.date(year, 9, 30),
            deadline=dt.datetime(year, 10, 15, tzinfo=dt.UTC),
        )
    mid_year = kind == PeriodKind.MID_YEAR
    found, _ = ReportingPeriod.objects.get_or_create(
        year=year,
        kind=kind,
        defaults={
            "title": f"{'Sơ kết 6 tháng đầu năm' if mid_year else 'Tổng kết năm'} {year}",
            "as_of": as_of or (dt.date(year, 6, 15) if mid_year else dt.date(year, 11, 30)),
            "deadline": dt.datetime(
                year + (0 if mid_year else 1), 7 if mid_year else 1, 15, tzinfo=dt.UTC
            ),
        },
    )
    return found


def report(
    unit: Unit,
    reporting_period: ReportingPeriod,
    figures: dict[Indicator, Figure],
    *,
    status: str = ReportStatus.ACCEPTED,
) -> Report:
    """A report of ``unit`` holding exactly ``figures`` (x, or (x, y) for a share)."""
    written, _ = Report.objects.update_or_create(
        unit=unit,
        period=reporting_period,
        defaults={"status": status, "illustrative": True},
    )
    for ind, figure in figures.items():
        x, y = figure if isinstance(figure, tuple) else (figure, None)
        ReportValue.objects.update_or_create(
            report=written,
            indicator=ind,
            defaults={"value": D(x), "denominator": None if y is None else D(y)},
        )
    return written


def target(unit: Unit, ind: Indicator, start_year: int, end_year: int, value: Decimal) -> Target:
    found, _ = Target.objects.update_or_create(
        unit=unit,
        indicator=ind,
        start_year=start_year,
        end_year=end_year,
        defaults={"value": value},
    )
    return found


def split(total: Decimal, weights: list[int]) -> list[Decimal]:
    """Whole parts in proportion to ``weights`` that add up to ``total`` exactly."""
    whole = sum(weights)
    parts = [total * weight // whole for weight in weights]
    for i in range(int(total - sum(parts))):
        parts[i % len(parts)] += 1
    return parts


def cluster_3_2023() -> list[Unit]:
    """Cluster 3's twelve members (illustrative) with the seed's 2023 totals split over them."""
    members = [m.unit for m in term(3, 2023).memberships.select_related("unit")]
    year_2023 = period(2023, as_of=dt.date(2023, 11, 30))
    parts = {
        indicator(code): split(total, SPLIT_WEIGHTS)
        for code, total in CLUSTER_3_2023_TOTALS.items()
    }
    for i, unit in enumerate(members):
        report(unit, year_2023, {ind: values[i] for ind, values in parts.items()})
    return members
