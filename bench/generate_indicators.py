"""Ten years of periodic indicator reports for the benchmarks, on top of ``bench.generate``.

Real: the indicator catalogue, loaded by ``indicator_catalogue_load``, and the reporting
periods (mid-year and year-end of every year), opened by the secretariat through
``period_create``. Synthetic, drawn from seeded ``random.Random`` so that two runs build the
same figures: for every organization board in office in a year (``boards_in_office``: 63 until
2024, 34 in 2025) and for every commune in 2025 (the communes began on 1 July 2025; their
reports are internal reports of their boards, outside the sector's roll-up), an accepted report
per period with a figure for each of 20 indicators; and targets for a few indicators, most of
them spanning several years.

Reports, figures and targets are written with ``bulk_create``: through ``report_save``,
``report_submit`` and ``report_accept`` the ~160,000 figures would take many minutes. They hold
what those services would leave: every figure passes ``value_problems`` and every target
``target_problems`` (the services' own checks), each report is accepted with its submission
and decision times before the deadline. Left out, because no benchmark reads them: the workflow
history rows (``Transition``) and the audit event of each report.

Each unit's figures are drawn from a generator seeded by the unit's code and the year, so a
unit has the same figures whichever other units are generated (the tests build a few).
"""

import datetime as dt
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from zoneinfo import ZoneInfo

from django.db import transaction

from bench.generate import DEFAULT_SEED, DEFAULT_YEARS, boards_in_office
from thidua.accounts.models import Role, User
from thidua.indicators.models import (
    Indicator,
    IndicatorKind,
    PeriodKind,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    Target,
)
from thidua.indicators.services.catalogue import indicator_catalogue_load
from thidua.indicators.services.figures import value_problems
from thidua.indicators.services.periods import period_create
from thidua.indicators.services.targets import target_problems
from thidua.orgs.models import Unit, UnitKind, UnitLineage

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
# The communes of the 2025 reform exist from 1 July 2025; earlier years have none.
FIRST_COMMUNE_YEAR = 2025
FIRST_TREND_YEAR = 2016
REPORTS_PER_BATCH = 1_000
VALUES_PER_BATCH = 5_000
NARRATIVE = "Dữ liệu tổng hợp cho đo hiệu năng."
# (kind, title, as of (month, day), deadline (month, day)): the year-end review counts the
# year to 30 November, like the seeds' 2023 figures.
PERIODS = [
    (PeriodKind.MID_YEAR, "Sơ kết 6 tháng đầu năm {year}", (6, 15), (6, 30)),
    (PeriodKind.YEAR, "Tổng kết năm {year}", (11, 30), (12, 15)),
]

Figures = dict[str, tuple[Decimal, Decimal | None]]


@dataclass(frozen=True)
class Spec:
    """How one indicator's figures are drawn. ``board`` and ``commune`` are the yearly figure
    (a share's y) of a unit of average size; a share's x over the year is ``permille`` of y.
    A share of a stock (organizations with a plan) is nearly complete at mid-year already; a
    share of a flow (staff streamlined) has about half its year's figure by then."""

    code: str
    kind: str
    board: float = 0
    commune: float = 0
    permille: tuple[int, int] = (0, 0)
    stock: bool = False


COUNT, SHARE = IndicatorKind.COUNT, IndicatorKind.SHARE
# 14 counts, 4 shares, a percentage and a yes/no: the mix of the catalogue.
SPECS = [
    Spec("new_party_members_admitted", COUNT, 3_000, 60),
    Spec("cadres_trained_or_retrained", COUNT, 1_500, 25),
    Spec("personnel_moves", COUNT, 400, 6),
    Spec("personnel_rotations", COUNT, 60, 1),
    Spec("personnel_transfers", COUNT, 120, 2),
    Spec("personnel_appointments", COUNT, 150, 2),
    Spec("personnel_reappointments", COUNT, 60, 1),
    Spec("personnel_nominations", COUNT, 80, 1),
    Spec("dismissals_or_resignations", COUNT, 10, 0.3),
    Spec("staff_streamlined", COUNT),  # the x of staff_streamlined_share, as in the seeds
    Spec("focal_points_reduced", COUNT, 20, 0.5),
    Spec("weak_grassroots_orgs_consolidated", COUNT, 30, 1),
    Spec("good_practices_published", COUNT, 8, 0.5),
    Spec("merger_pilot_models", COUNT, 3, 0.1),
    Spec("staff_streamlined_share", SHARE, 8_000, 40, (10, 35)),
    Spec("job_position_schemes_approved", SHARE, 40, 3, (600, 1_000), stock=True),
    Spec("party_organizations_with_movement_plan", SHARE, 700, 25, (850, 1_000), stock=True),
    Spec("members_registered_in_movement", SHARE, 60_000, 1_500, (800, 990), stock=True),
    Spec("work_programme_completion", IndicatorKind.PERCENTAGE),
    Spec("emulation_plan_issued", IndicatorKind.YES_NO),
]
SAME_AS_X = {"staff_streamlined": "staff_streamlined_share"}
# (indicator, first year, last year, target) given to every board reporting in those years:
# the 10 % streamlining by 2021 of the seeds, then a second term.
MULTI_YEAR_TARGETS = [
    ("staff_streamlined_share", 2016, 2021, Decimal(10)),
    ("staff_streamlined_share", 2022, 2026, Decimal(5)),
    ("job_position_schemes_approved", 2016, 2020, Decimal(100)),
    ("members_registered_in_movement", 2021, 2025, Decimal(90)),
]
# Every unit also gets a yearly target for new members, near its expected figure.
YEARLY_TARGET = "new_party_members_admitted"


def generate_indicators(
    *,
    years: Sequence[int] = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
    boards_per_year: int | None = None,
    communes: int | None = None,
) -> dict[str, int]:
    """Load the catalogue, open the periods and write every report; returns row counts.

    ``boards_per_year`` and ``communes`` keep only the first ones in code order (tests).
    Expects the boards and the sector accounts of ``bench.generate`` and no period yet in
    ``years``.
    """
    indicator_catalogue_load()
    indicators = bench_indicators()
    manager = secretariat()
    units = reporting_units(years, boards_per_year=boards_per_year, communes=communes)
    sizes = unit_sizes(seed, {unit for year_units in units.values() for unit in year_units})
    with transaction.atomic():
        periods = open_periods(manager, years)
        for year in sorted(units):
            write_reports(seed, year, units[year], sizes, periods, indicators, manager)
        Target.objects.bulk_create(
            targets(seed, units, sizes, indicators), batch_size=VALUES_PER_BATCH
        )
    return indicator_counts()


def indicator_counts() -> dict[str, int]:
    communes = Report.objects.filter(unit__kind=UnitKind.COMMUNE_COMMITTEE)
    return {
        "indicators in the catalogue": Indicator.objects.count(),
        "reporting periods": ReportingPeriod.objects.count(),
        "reports": Report.objects.count(),
        "reports of communes": communes.count(),
        "report values": ReportValue.objects.count(),
        "targets": Target.objects.count(),
    }


def bench_indicators() -> dict[str, Indicator]:
    """The 20 indicators of ``SPECS``, checked against the catalogue."""
    found = Indicator.objects.in_bulk([spec.code for spec in SPECS], field_name="code")
    for spec in SPECS:
        indicator = found.get(spec.code)
        if indicator is None or not indicator.active or indicator.kind != spec.kind:
            raise RuntimeError(f"the catalogue has no active {spec.kind} indicator {spec.code}")
    return found


def secretariat() -> User:
    user = User.objects.filter(grants__role=Role.SECTOR_SECRETARIAT).order_by("pk").first()
    if user is None:
        raise RuntimeError("no secretariat account: run bench.generate first")
    return user


def reporting_units(
    years: Sequence[int], *, boards_per_year: int | None, communes: int | None
) -> dict[int, list[Unit]]:
    """Each year's reporting units: the boards in office, and the communes once they exist."""
    every_commune = Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE).order_by("code")
    commune_list = list(every_commune[:communes] if communes is not None else every_commune)
    found: dict[int, list[Unit]] = {}
    for year in years:
        boards = boards_in_office(year)
        found[year] = boards[:boards_per_year] if boards_per_year is not None else boards
        if year >= FIRST_COMMUNE_YEAR:
            found[year] += [c for c in commune_list if c.is_valid_in_year(year)]
    return found


def unit_sizes(seed: int, units: Iterable[Unit]) -> dict[int, float]:
    """A size per unit, spread like the provinces' (a few large ones). A board formed in
    2025 is as large as the boards merged into it, so trends run on across the merger."""
    units = sorted(units, key=lambda unit: unit.code)
    predecessors: dict[int, list[Unit]] = {}
    links = UnitLineage.objects.filter(
        successor__in=units, predecessor__kind=UnitKind.ORGANIZATION_BOARD
    ).select_related("predecessor")
    for link in links:
        predecessors.setdefault(link.successor_id, []).append(link.predecessor)

    def own(unit: Unit) -> float:
        spread = 0.4 if unit.kind == UnitKind.COMMUNE_COMMITTEE else 0.5
        return random.Random(f"{seed}:size:{unit.code}").lognormvariate(0, spread)

    return {
        unit.pk: sum(own(old) for old in predecessors[unit.pk])
        if unit.pk in predecessors
        else own(unit)
        for unit in units
    }


def open_periods(manager: User, years: Sequence[int]) -> dict[tuple[int, str], ReportingPeriod]:
    """Mid-year and year-end periods of every year, through the service (checks and audit)."""
    periods: dict[tuple[int, str], ReportingPeriod] = {}
    for year in years:
        for kind, title, (as_month, as_day), (month, day) in PERIODS:
            periods[(year, kind)] = period_create(
                actor=manager,
                year=year,
                kind=kind,
                title=title.format(year=year),
                as_of=dt.date(year, as_month, as_day),
                deadline=dt.datetime(year, month, day, 17, tzinfo=LOCAL),
            )
    return periods


def figures(rng: random.Random, *, year: int, size: float, commune: bool) -> dict[str, Figures]:
    """A unit's figures of one year: {period kind: {indicator code: (x, y)}}."""
    trend = 1 + 0.03 * (year - FIRST_TREND_YEAR)
    mid: Figures = {}
    full: Figures = {}
    for spec in SPECS:
        base = spec.commune if commune else spec.board
        if spec.code in SAME_AS_X:
            continue
        if spec.kind == IndicatorKind.COUNT:
            x = round(base * size * trend * rng.uniform(0.8, 1.2))
            full[spec.code] = (Decimal(x), None)
            mid[spec.code] = (Decimal(x * rng.randint(35, 55) // 100), None)
        elif spec.kind == IndicatorKind.SHARE:
            y = max(1, round(base * size * rng.uniform(0.9, 1.1)))
            x = y * rng.randint(*spec.permille) // 1_000
            part = rng.randint(85, 100) if spec.stock else rng.randint(35, 55)
            full[spec.code] = (Decimal(x), Decimal(y))
            mid[spec.code] = (Decimal(x * part // 100), Decimal(y))
        elif spec.kind == IndicatorKind.PERCENTAGE:
            full[spec.code] = (Decimal(rng.randint(7_500, 10_000)).scaleb(-2), None)
            mid[spec.code] = (Decimal(rng.randint(3_500, 6_500)).scaleb(-2), None)
        else:
            issued = Decimal(1 if rng.random() < 0.95 else 0)
            full[spec.code] = mid[spec.code] = (issued, None)
    for code, share in SAME_AS_X.items():
        full[code] = (full[share][0], None)
        mid[code] = (mid[share][0], None)
    return {PeriodKind.MID_YEAR: mid, PeriodKind.YEAR: full}


def write_reports(
    seed: int,
    year: int,
    units: Sequence[Unit],
    sizes: dict[int, float],
    periods: dict[tuple[int, str], ReportingPeriod],
    indicators: dict[str, Indicator],
    manager: User,
) -> None:
    """The year's accepted reports, then their figures, each checked as ``report_save``
    checks it."""
    reports: list[Report] = []
    planned: list[Figures] = []
    for unit in units:
        rng = random.Random(f"{seed}:{unit.code}:{year}")
        commune = unit.kind == UnitKind.COMMUNE_COMMITTEE
        drawn = figures(rng, year=year, size=sizes[unit.pk], commune=commune)
        for kind, _, _, _ in PERIODS:
            period = periods[(year, kind)]
            submitted, decided = _decision_times(rng, period)
            reports.append(
                Report(
                    unit=unit,
                    period=period,
                    status=ReportStatus.ACCEPTED,
                    results=NARRATIVE,
                    illustrative=True,
                    submitted_at=submitted,
                    decided_by=manager,
                    decided_at=decided,
                )
            )
            planned.append(drawn[kind])
    Report.objects.bulk_create(reports, batch_size=REPORTS_PER_BATCH)
    rows = _values(reports, planned, indicators)
    while batch := list(islice(rows, VALUES_PER_BATCH)):
        ReportValue.objects.bulk_create(batch)


def _decision_times(rng: random.Random, period: ReportingPeriod) -> tuple[dt.datetime, dt.datetime]:
    """Submitted between the as-of date and the deadline, accepted a few days later."""
    days = (period.deadline.astimezone(LOCAL).date() - period.as_of).days
    day = period.as_of + dt.timedelta(days=rng.randint(1, days))
    submitted = dt.datetime(day.year, day.month, day.day, 9, tzinfo=LOCAL)
    return submitted, submitted + dt.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 7))


def _values(
    reports: Sequence[Report], planned: Sequence[Figures], indicators: dict[str, Indicator]
) -> Iterator[ReportValue]:
    for report, drawn in zip(reports, planned, strict=True):
        for code, (x, y) in drawn.items():
            indicator = indicators[code]
            if problems := value_problems(indicator, x, y):
                raise ValueError(f"{report.unit.code} {code} ({x}, {y}): {problems}")
            yield ReportValue(report=report, indicator=indicator, value=x, denominator=y)


def targets(
    seed: int,
    units: dict[int, list[Unit]],
    sizes: dict[int, float],
    indicators: dict[str, Indicator],
) -> list[Target]:
    """Multi-year targets for the boards reporting within their span (from the first year a
    board reports); a yearly target for new members for every unit and year."""
    made: list[Target] = []
    reporting: dict[int, set[int]] = {}
    by_pk: dict[int, Unit] = {}
    spec = next(s for s in SPECS if s.code == YEARLY_TARGET)
    for year, year_units in units.items():
        for unit in year_units:
            reporting.setdefault(unit.pk, set()).add(year)
            by_pk[unit.pk] = unit
            rng = random.Random(f"{seed}:target:{unit.code}:{year}")
            base = spec.commune if unit.kind == UnitKind.COMMUNE_COMMITTEE else spec.board
            trend = 1 + 0.03 * (year - FIRST_TREND_YEAR)
            value = Decimal(round(base * sizes[unit.pk] * trend * rng.uniform(0.9, 1.05)))
            made.append(_target(indicators[YEARLY_TARGET], unit, year, year, value))
    for unit_pk, years in sorted(reporting.items()):
        unit = by_pk[unit_pk]
        if unit.kind != UnitKind.ORGANIZATION_BOARD:
            continue
        # A board that ended (the 63 of 1 July 2025) holds its target to its last year.
        ended = unit.valid_to.year if unit.valid_to else None
        for code, first, last, value in MULTI_YEAR_TARGETS:
            covered = sorted(year for year in years if first <= year <= last)
            if covered:
                end = min(last, ended) if ended else last
                made.append(_target(indicators[code], unit, covered[0], end, value))
    return made


def _target(indicator: Indicator, unit: Unit, start: int, end: int, value: Decimal) -> Target:
    if problems := target_problems(indicator, value):
        raise ValueError(f"{unit.code} {indicator.code} {value}: {problems}")
    return Target(
        unit=unit,
        indicator=indicator,
        start_year=start,
        end_year=end,
        value=value,
        basis=NARRATIVE,
    )
