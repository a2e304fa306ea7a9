"""The benchmark's indicator generator on a small scale: two years, three boards a year and
four communes, on the reference units with the sector's secretariat. The data must be what the
services would accept."""

from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction

from bench.generate_indicators import (
    generate_indicators,
    secretariat,
)
from bench.indicator_cases import indicator_cases
from tests.builders.people import persona
from thidua.core.errors import DomainError
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
from thidua.indicators.selectors.rollup import rollup_for
from thidua.indicators.services.figures import value_problems
from thidua.indicators.services.targets import target_problems
from thidua.orgs.models import UnitKind

pytestmark = pytest.mark.django_db
BOARDS, COMMUNES, SEED = 3, 4, 7


@pytest.fixture(autouse=True)
def _secretariat() -> None:
    """The generator opens the periods and accepts the reports as the sector's secretariat."""
    persona("thuongtruc")


@pytest.fixture
def years() -> tuple[int, int]:
    """A year of the 63 boards, then one of the 34 boards and the communes (from 2025)."""
    return 2024, 2025


def _generate(
    years: tuple[int, int], *, boards: int = BOARDS, communes: int = COMMUNES
) -> dict[str, int]:
    return generate_indicators(years=years, seed=SEED, boards_per_year=boards, communes=communes)


@pytest.fixture
def generated(years: tuple[int, int]) -> list[Report]:
    _generate(years)
    reports = Report.objects.filter(period__year__in=years).select_related("unit", "period")
    return list(reports)


def test_every_unit_has_an_accepted_report_in_both_periods(generated: list[Report]) -> None:
    # 3 boards in the first year; 3 boards and 4 communes in the second; two periods each.
    assert len(generated) == (BOARDS + BOARDS + COMMUNES) * 2
    manager = secretariat()
    for report in generated:
        assert report.status == ReportStatus.ACCEPTED
        assert report.decided_by == manager
        assert report.submitted_at is not None
        assert report.decided_at is not None
        assert report.period.as_of < report.submitted_at.date() <= report.period.deadline.date()
        assert report.submitted_at < report.decided_at
    kinds: dict[tuple[int, int], set[str]] = defaultdict(set)
    for report in generated:
        kinds[(report.unit_id, report.period.year)].add(report.period.kind)
    assert all(found == {PeriodKind.MID_YEAR, PeriodKind.YEAR} for found in kinds.values())


def test_periods_are_opened_through_the_service_with_a_deadline_after_the_as_of_date(
    generated: list[Report], years: tuple[int, int]
) -> None:
    periods = ReportingPeriod.objects.filter(year__in=years)
    assert sorted((p.year, p.kind) for p in periods) == sorted(
        (year, kind) for year in years for kind in (PeriodKind.MID_YEAR, PeriodKind.YEAR)
    )
    assert all(p.deadline.date() >= p.as_of for p in periods)


def test_communes_report_only_once_they_exist_and_boards_only_while_in_office(
    generated: list[Report], years: tuple[int, int]
) -> None:
    before, after = years
    communes = [r for r in generated if r.unit.kind == UnitKind.COMMUNE_COMMITTEE]
    assert len({r.unit_id for r in communes}) == COMMUNES
    assert {r.period.year for r in communes} == {after}
    boards = [r for r in generated if r.unit.kind == UnitKind.ORGANIZATION_BOARD]
    # The 63 boards ended on 30 June 2025; the 34 that succeeded them report from 2025.
    assert {r.period.year for r in boards} == {before, after}
    assert all(r.unit.code.endswith("-63") == (r.period.year == before) for r in boards)


def test_every_figure_is_one_the_services_accept(generated: list[Report]) -> None:
    values = list(
        ReportValue.objects.filter(report__in=generated).select_related("indicator", "report")
    )
    # Every report holds the same indicators, every one of them active in the catalogue, and
    # together they cover each kind of indicator the catalogue has.
    codes: dict[int, set[str]] = defaultdict(set)
    for value in values:
        codes[value.report_id].add(value.indicator.code)
    assert set(codes) == {r.pk for r in generated}
    first = codes[generated[0].pk]
    assert all(found == first for found in codes.values())
    active = Indicator.objects.filter(active=True)
    assert first <= set(active.values_list("code", flat=True))
    kinds = {v.indicator.kind for v in values}
    assert kinds == set(active.values_list("kind", flat=True))
    for value in values:
        assert value_problems(value.indicator, value.value, value.denominator) == []
        if value.indicator.kind == IndicatorKind.SHARE:
            assert value.denominator is not None
            assert value.denominator >= value.value
        else:
            assert value.denominator is None
        if value.indicator.kind == IndicatorKind.COUNT:
            assert value.value == value.value.to_integral_value()


def test_a_years_figure_is_not_below_its_mid_year_figure(generated: list[Report]) -> None:
    by_period: dict[tuple[int, str, str], Decimal] = {}
    rows = ReportValue.objects.filter(
        report__in=generated, indicator__kind=IndicatorKind.COUNT
    ).values_list("report__unit_id", "indicator__code", "report__period__kind", "value")
    for unit_id, code, kind, value in rows:
        by_period[(unit_id, code, kind)] = value
    pairs = [
        (value, by_period[(unit_id, code, PeriodKind.YEAR)])
        for (unit_id, code, kind), value in by_period.items()
        if kind == PeriodKind.MID_YEAR
    ]
    assert pairs
    assert all(mid <= year for mid, year in pairs)
    assert sum(year for _, year in pairs) > 0


def test_targets_are_valid_and_some_span_several_years(generated: list[Report]) -> None:
    units = {r.unit_id for r in generated}
    targets = list(Target.objects.filter(unit_id__in=units).select_related("indicator"))
    assert all(target_problems(t.indicator, t.value) == [] for t in targets)
    multi_year = [t for t in targets if t.end_year > t.start_year]
    assert multi_year
    # A board that ended on 30 June 2025 holds no target past 2025.
    ended = [(t, t.unit.valid_to) for t in multi_year if t.unit.valid_to is not None]
    assert ended
    assert all(t.end_year <= valid_to.year for t, valid_to in ended)


def test_the_sector_roll_up_counts_the_boards_and_not_the_communes(
    generated: list[Report], years: tuple[int, int]
) -> None:
    share = Indicator.objects.get(code="staff_streamlined_share")
    rolled = rollup_for(user=secretariat(), indicator=share, year=years[1], sector=True)
    boards = [
        r
        for r in generated
        if r.period.year == years[1]
        and r.period.kind == PeriodKind.YEAR
        and r.unit.kind == UnitKind.ORGANIZATION_BOARD
    ]
    figures_of_boards = ReportValue.objects.filter(report__in=boards, indicator=share)
    assert len(rolled.by_unit) == BOARDS
    assert rolled.numerator == sum(v.value for v in figures_of_boards)
    assert rolled.denominator == sum(v.denominator or 0 for v in figures_of_boards)
    assert rolled.target is not None


def _stored_figures(years: tuple[int, int]) -> dict[tuple[str, int, str], dict[str, Any]]:
    """Every stored figure: (unit code, year, period kind) -> {indicator: (x, y)}."""
    found: dict[tuple[str, int, str], dict[str, Any]] = defaultdict(dict)
    rows = ReportValue.objects.filter(report__period__year__in=years).values_list(
        "report__unit__code",
        "report__period__year",
        "report__period__kind",
        "indicator__code",
        "value",
        "denominator",
    )
    for code, year, kind, indicator, x, y in rows:
        found[(code, year, kind)][indicator] = (x, y)
    return dict(found)


def test_a_units_figures_do_not_depend_on_which_other_units_are_generated(
    years: tuple[int, int],
) -> None:
    with transaction.atomic():  # the whole run, read, then undone
        _generate(years)
        wide = _stored_figures(years)
        transaction.set_rollback(True)
    _generate(years, boards=1, communes=1)
    narrow = _stored_figures(years)
    # The first board of each year and the first commune, alone now, drew what they drew
    # among the others.
    assert len(narrow) == (1 + 1 + 1) * 2
    assert len(wide) == (BOARDS + BOARDS + COMMUNES) * 2
    assert {key: wide[key] for key in narrow} == narrow


def test_a_second_run_is_refused_and_writes_nothing(
    generated: list[Report], years: tuple[int, int]
) -> None:
    before = _counts()
    with pytest.raises(DomainError):
        _generate(years)
    assert _counts() == before


def _counts() -> dict[str, int]:
    return {
        "reports": Report.objects.count(),
        "values": ReportValue.objects.count(),
        "targets": Target.objects.count(),
        "periods": ReportingPeriod.objects.count(),
    }


def test_the_cases_run_on_small_data_and_skip_missing_pages_with_a_note(
    generated: list[Report], years: tuple[int, int]
) -> None:
    run = indicator_cases(1, years)
    names = [result.name for result in run.results]
    assert "rollup_for sector, staff_streamlined_share 2025" in names
    assert f"series_for sector, new_party_members_admitted {years[0]}–{years[1]}" in names
    assert all(result.queries > 0 for result in run.results)
    pages = [name for name in names if name.startswith("GET ")]
    # Each dashboard is either timed or named as skipped, never silently left out.
    sector_timed = any("/tong-quan/toan-nganh/" in name for name in pages)
    sector_skipped = any("dashboard_sector" in note for note in run.skipped)
    assert sector_timed != sector_skipped
