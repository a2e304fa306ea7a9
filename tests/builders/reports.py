"""Reporting periods, units' reports and targets, through the indicator services.

A report is saved by an officer of its unit, submitted by its leader, and accepted or returned
by the sector's secretariat, as far as the test asks (``status``). Periods are opened by the
secretariat with a deadline still to come, since nothing can be written into a closed period;
``close`` records a past deadline once the reports are in, as the demo does for past years.
"""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.utils import timezone

from tests.builders.clusters import board, term
from tests.builders.people import personas, secretariat, staff_of
from thidua.accounts.models import Role, User
from thidua.indicators.models import (
    Indicator,
    PeriodKind,
    Report,
    ReportingPeriod,
    ReportStatus,
    Target,
)
from thidua.indicators.services.catalogue import indicator_catalogue_load
from thidua.indicators.services.figures import Values
from thidua.indicators.services.periods import period_create, period_deadline_set
from thidua.indicators.services.reports import (
    report_accept,
    report_correct,
    report_return,
    report_save,
    report_submit,
)
from thidua.indicators.services.targets import target_set
from thidua.orgs.models import Unit

D = Decimal
BINH_DUONG, LONG_AN, DAK_LAK = "74-63", "80-63", "66-63"
Figure = Decimal | int | tuple[Decimal | int, Decimal | int]


def catalogue() -> None:
    """The indicator catalogue of thidua/indicators/data/catalogue.yaml."""
    indicator_catalogue_load(actor=None)


def indicator(code: str) -> Indicator:
    """A catalogue indicator (the catalogue is loaded on first use)."""
    found = Indicator.objects.filter(code=code).first()
    if found is None:
        catalogue()
        found = Indicator.objects.get(code=code)
    return found


def long_an() -> Unit:
    return board(LONG_AN)


def binh_duong() -> Unit:
    return board(BINH_DUONG)


def open_period(
    *,
    year: int = 2018,
    title: str = "Báo cáo đột xuất năm 2018",
    days_left: int = 30,
    kind: str = PeriodKind.AD_HOC,
    as_of: dt.date | None = None,
) -> ReportingPeriod:
    """A period whose deadline is ``days_left`` days away (negative: already passed)."""
    return period_create(
        actor=secretariat(),
        year=year,
        kind=kind,
        title=title,
        as_of=as_of or dt.date(year, 6, 30),
        deadline=timezone.now() + dt.timedelta(days=days_left),
    )


def period(
    year: int, kind: str = PeriodKind.YEAR, *, as_of: dt.date | None = None
) -> ReportingPeriod:
    """The year's mid-year or year-end period (opened on first use), or a new ad hoc one;
    open for another month, so reports can still be written into it."""
    if kind != PeriodKind.AD_HOC:
        found = ReportingPeriod.objects.filter(year=year, kind=kind, scope="sector").first()
        if found is not None:
            return found
    title, (month, day) = {
        PeriodKind.AD_HOC: ("Báo cáo đột xuất năm", (9, 30)),
        PeriodKind.MID_YEAR: ("Sơ kết 6 tháng đầu năm", (6, 15)),
        PeriodKind.YEAR: ("Tổng kết năm", (11, 30)),
    }[PeriodKind(kind)]
    return period_create(
        actor=secretariat(),
        year=year,
        kind=kind,
        title=f"{title} {year}",
        as_of=as_of or dt.date(year, month, day),
        deadline=timezone.now() + dt.timedelta(days=30),
    )


def close(reporting_period: ReportingPeriod) -> ReportingPeriod:
    """Record the period's real deadline, long past: 15 July of its year for a mid-year
    period, 15 January of the next year for a year-end one, 15 October for an ad hoc one."""
    year = reporting_period.year
    due = {
        PeriodKind.MID_YEAR: dt.datetime(year, 7, 15, tzinfo=dt.UTC),
        PeriodKind.YEAR: dt.datetime(year + 1, 1, 15, tzinfo=dt.UTC),
    }.get(PeriodKind(reporting_period.kind), dt.datetime(year, 10, 15, tzinfo=dt.UTC))
    return period_deadline_set(actor=secretariat(), period=reporting_period, deadline=due)


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
    reporting_period: ReportingPeriod,
    values: Values,
    notes: dict[str, str] | None = None,
) -> Report:
    """Save a draft with the narrative sections of a mid-year review."""
    return report_save(
        actor=actor,
        unit=unit,
        period=reporting_period,
        values=values,
        notes=notes,
        results="Hoàn thành sắp xếp bộ máy theo kế hoạch.",
        limitations="Tiến độ tinh giản ở một số sở còn chậm.",
        directions="Tiếp tục rà soát vị trí việc làm.",
    )


def report(
    unit: Unit,
    reporting_period: ReportingPeriod,
    values: Mapping[Indicator, Figure],
    *,
    status: str = ReportStatus.ACCEPTED,
) -> Report:
    """``unit``'s report holding ``values`` (x, or (x, y) for a share), taken as far as
    ``status``. An accepted report given new figures is corrected, as only a correction may
    change it."""
    codes = {ind.code: _pair(figure) for ind, figure in values.items()}
    existing = Report.objects.filter(unit=unit, period=reporting_period).first()
    if existing is not None and existing.status == ReportStatus.ACCEPTED:
        return report_correct(
            actor=secretariat(), report=existing, values=codes, reason="Số liệu bổ sung"
        )
    draft = save(staff_of(unit, Role.UNIT_OFFICER), unit, reporting_period, codes)
    if status == ReportStatus.DRAFT:
        return draft
    sent = report_submit(actor=staff_of(unit), report=draft)
    if status == ReportStatus.RETURNED:
        return report_return(actor=secretariat(), report=sent, reason="Thiếu số liệu")
    if status == ReportStatus.ACCEPTED:
        return report_accept(actor=secretariat(), report=sent)
    return sent


def _pair(figure: Figure) -> tuple[Decimal, Decimal | None]:
    x, y = figure if isinstance(figure, tuple) else (figure, None)
    return D(x), None if y is None else D(y)


def target(unit: Unit, ind: Indicator, start_year: int, end_year: int, value: Decimal) -> Target:
    """The target the secretariat gives ``unit`` over the years ``start_year``..``end_year``."""
    return target_set(
        actor=secretariat(),
        unit=unit,
        indicator=ind,
        start_year=start_year,
        end_year=end_year,
        value=value,
    )


# Seed 004 (cluster 3, 2023): the totals over its 12 members.
CLUSTER_3_2023_TOTALS = {
    "cadres_trained_or_retrained": D(1722),
    "personnel_moves": D(757),
    "dismissals_or_resignations": D(20),
    "new_party_members_admitted": D(20777),
}
# Illustrative shares of each member in the totals (the article gives only the totals).
SPLIT_WEIGHTS = [14, 9, 11, 7, 8, 10, 6, 12, 9, 5, 4, 5]


def split(total: Decimal, weights: list[int]) -> list[Decimal]:
    """Whole parts in proportion to ``weights`` that add up to ``total`` exactly."""
    whole = sum(weights)
    parts = [total * weight // whole for weight in weights]
    for i in range(int(total - sum(parts))):
        parts[i % len(parts)] += 1
    return parts


def cluster_3_2023() -> list[Unit]:
    """Cluster 3's twelve members (illustrative) with the seed's 2023 totals split over them
    in their accepted year-end reports."""
    members = [m.unit for m in term(3, 2023).memberships.select_related("unit")]
    year_2023 = period(2023, as_of=dt.date(2023, 11, 30))
    parts = {
        indicator(code): split(total, SPLIT_WEIGHTS)
        for code, total in CLUSTER_3_2023_TOTALS.items()
    }
    for i, unit in enumerate(members):
        report(unit, year_2023, {ind: values[i] for ind, values in parts.items()})
    return members


REPORTING_PERSONAS = (
    "canbo.binhduong",
    "lanhdao.binhduong",
    "canbo.longan",
    "canbo.daklak",
    "thuongtruc",
    "hoidong",
    "theodoi",
)


def reporting_setting() -> None:
    """Where the report tests take place: the catalogue; cluster 4 in 2018 (Bình Dương head,
    Long An a deputy, supervised by Vụ Địa phương III) and cluster 3 in 2023 (Đắk Lắk); the
    personas who prepare, decide and read reports."""
    catalogue()
    term(4, 2018)
    term(3, 2023)
    personas(*REPORTING_PERSONAS)
