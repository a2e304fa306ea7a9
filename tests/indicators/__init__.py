"""Helpers for the indicator tests: cluster 4 in 2018 (Bình Dương head, Long An a deputy) and
periods opened through the services.

Test periods are ad hoc, so they never collide with a mid-year or year-end period that the
demo data may hold for the same year.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tests.conftest import board, persona
from thidua.accounts.models import User
from thidua.indicators.models import PeriodKind, Report, ReportingPeriod
from thidua.indicators.services.catalogue import indicator_catalogue_load
from thidua.indicators.services.figures import Values
from thidua.indicators.services.periods import period_create
from thidua.indicators.services.reports import report_save
from thidua.orgs.models import Unit

D = Decimal
BINH_DUONG, LONG_AN, DAK_LAK = "74-63", "80-63", "66-63"


def catalogue() -> None:
    indicator_catalogue_load(actor=None)


def open_period(
    *,
    year: int = 2018,
    title: str = "Báo cáo đột xuất năm 2018",
    days_left: int = 30,
    kind: str = PeriodKind.AD_HOC,
) -> ReportingPeriod:
    """A period whose deadline is ``days_left`` days away (negative: already passed)."""
    return period_create(
        actor=persona("thuongtruc"),
        year=year,
        kind=kind,
        title=title,
        as_of=dt.date(year, 6, 30),
        deadline=timezone.now() + dt.timedelta(days=days_left),
    )


def long_an() -> Unit:
    return board(LONG_AN)


def binh_duong() -> Unit:
    return board(BINH_DUONG)


def figures(**values: object) -> dict[str, tuple[Decimal, Decimal | None]]:
    """``figures(staff_streamlined=61, staff_streamlined_share=(2489, 22345))``."""
    out: dict[str, tuple[Decimal, Decimal | None]] = {}
    for code, value in values.items():
        if isinstance(value, tuple):
            out[code] = (D(str(value[0])), D(str(value[1])))
        else:
            out[code] = (D(str(value)), None)
    return out


def save(
    actor: User,
    unit: Unit,
    period: ReportingPeriod,
    values: Values,
    notes: dict[str, str] | None = None,
) -> Report:
    """Save a draft with the narrative sections of a mid-year review."""
    return report_save(
        actor=actor,
        unit=unit,
        period=period,
        values=values,
        notes=notes,
        results="Hoàn thành sắp xếp bộ máy theo kế hoạch.",
        limitations="Tiến độ tinh giản ở một số sở còn chậm.",
        directions="Tiếp tục rà soát vị trí việc làm.",
    )
