"""Roll-ups: the pure arithmetic, then the selector on reports in the database."""

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.builders.clusters import board, cluster, term
from tests.builders.people import persona
from tests.builders.reports import (
    CLUSTER_3_2023_TOTALS,
    cluster_3_2023,
    indicator,
    period,
    report,
    target,
)
from thidua.core.errors import PermissionDeniedError, ValidationFailedError
from thidua.indicators import rollup
from thidua.indicators.models import PeriodKind, ReportStatus
from thidua.indicators.rollup import Figure, Rolled
from thidua.indicators.selectors.rollup import rollup_for, series_for
from thidua.indicators.selectors.scopes import Scope
from thidua.orgs.models import Unit, UnitKind
from thidua.orgs.services import cluster_term_create

D = Decimal

# --- the arithmetic ------------------------------------------------------------------------


def test_each_rule_rolls_up_as_it_says() -> None:
    figures = [Figure(D(3)), Figure(D("7.5")), Figure(D(1))]
    assert rollup.roll_up("sum", figures) == Rolled(D("11.50"))
    assert rollup.roll_up("max", figures) == Rolled(D("7.50"))
    assert rollup.roll_up("min", figures) == Rolled(D("1.00"))
    assert rollup.roll_up("none", figures) == Rolled(None)
    assert rollup.roll_up("sum", []) == Rolled(None)


def test_ratio_of_sums_keeps_numerator_and_denominator() -> None:
    # 1/2 = 50 % and 10/100 = 10 %: the mean of the percentages would say 30 %.
    rolled = rollup.roll_up("ratio_of_sums", [Figure(D(1), D(2)), Figure(D(10), D(100))])
    assert rolled == Rolled(D("10.78"), D("11.00"), D("102.00"))


def test_a_share_over_nothing_has_no_percentage() -> None:
    assert rollup.roll_up("ratio_of_sums", [Figure(D(0), D(0))]) == Rolled(None, D(0), D(0))
    assert rollup.roll_up("ratio_of_sums", [Figure(D(5))]) == Rolled(None)
    assert rollup.percentage(D(1), D(0)) is None


def test_progress_is_direction_aware() -> None:
    # Lạng Sơn, H1 2018: 5.3 % against the 10 % to reach by 2021 (seed 001).
    assert rollup.progress(D("5.30"), D(10), better="higher") == D("53.00")
    # Lower is better: staying under a ceiling of 8 with 4 is twice as good as needed.
    assert rollup.progress(D(4), D(8), better="lower") == D("200.00")
    assert rollup.progress(D(0), D(8), better="lower") is None
    assert rollup.progress(D(3), D(0), better="higher") is None
    assert rollup.progress(None, D(8), better="higher") is None


def test_targets_of_shares_weigh_by_denominator() -> None:
    pairs = [(D(10), D(1151)), (D(12), D(22345))]
    assert rollup.roll_up_target("ratio_of_sums", pairs) == D("11.90")
    assert rollup.roll_up_target("sum", [(D(5), None), (D(7), None)]) == D("12.00")
    assert rollup.roll_up_target("ratio_of_sums", [(D(10), None)]) is None


def test_year_on_year_change() -> None:
    assert rollup.year_change(D(120), D(100)) == rollup.Change(D("20.00"), D("20.00"))
    assert rollup.year_change(D(80), D(100)) == rollup.Change(D("-20.00"), D("-20.00"))
    assert rollup.year_change(D(5), D(0)) == rollup.Change(D("5.00"), None)
    assert rollup.year_change(D(5), None) is None


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@st.composite
def share_figures(draw: st.DrawFn) -> list[Figure]:
    count = draw(st.integers(min_value=1, max_value=40))
    figures = []
    for _ in range(count):
        y = draw(amounts.filter(lambda v: v > 0))
        x = draw(st.decimals(min_value=0, max_value=y, places=2, allow_nan=False))
        figures.append(Figure(x, y))
    return figures


# No deadline: up to 40 figures of 50-digit arithmetic can pass 200 ms on a loaded machine.
@settings(deadline=None)
@given(share_figures())
def test_ratio_of_sums_is_sum_over_sum_and_between_the_units(figures: list[Figure]) -> None:
    rolled = rollup.roll_up("ratio_of_sums", figures)
    sum_x = sum((f.x for f in figures), D(0))
    sum_y = sum((f.y for f in figures if f.y is not None), D(0))
    assert rolled.numerator == sum_x
    assert rolled.denominator == sum_y
    assert rolled.value == rollup.percentage(sum_x, sum_y)
    units = [rollup.unit_value(f, share=True) for f in figures]
    known = [u for u in units if u is not None]
    assert rolled.value is not None
    assert min(known) <= rolled.value <= max(known)


# --- the selector on accepted reports ------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_cluster_3_roll_up_for_2023_equals_the_article_totals() -> None:
    members = cluster_3_2023()
    assert len(members) == 12
    assert all(m.illustrative for m in term(3, 2023).memberships.all())  # names not in seed 004
    for code, total in CLUSTER_3_2023_TOTALS.items():
        result = rollup_for(
            user=persona("canbo.daklak"),
            indicator=indicator(code),
            year=2023,
            cluster_term=term(3, 2023),
        )
        assert result.value == total, code
        assert len(result.by_unit) == 12
        assert sum((line.value or D(0) for line in result.by_unit), D(0)) == total


def test_a_share_rolls_up_as_ratio_of_sums_not_the_mean_of_percentages() -> None:
    share = indicator("staff_streamlined_share")
    ad_hoc = period(2018, PeriodKind.AD_HOC)
    report(board("77-63"), ad_hoc, {share: (2489, 22345)})  # 11.14 % (seed 003)
    report(board("80-63"), ad_hoc, {share: (61, 1151)})  # 5.30 %
    report(board("74-63"), ad_hoc, {share: (300, 600)})  # 50.00 %
    result = rollup_for(
        user=persona("theodoi"), indicator=share, period=ad_hoc, cluster_term=term(4, 2018)
    )
    assert (result.numerator, result.denominator) == (D(2850), D(24096))
    assert result.value == D("11.83")
    mean = sum((line.value or D(0) for line in result.by_unit), D(0)) / 3
    assert abs(mean - D("22.15")) < D("0.01")
    assert {line.unit.code: line.value for line in result.by_unit} == {
        "BTC-77-63": D("11.14"),
        "BTC-80-63": D("5.30"),
        "BTC-74-63": D("50.00"),
    }


def test_drafts_submitted_and_returned_reports_never_count() -> None:
    share = indicator("staff_streamlined_share")
    ad_hoc = period(2018, PeriodKind.AD_HOC)
    report(board("77-63"), ad_hoc, {share: (2489, 22345)})
    report(board("72-63"), ad_hoc, {share: (9000, 9000)}, status=ReportStatus.DRAFT)
    report(board("75-63"), ad_hoc, {share: (800, 900)}, status=ReportStatus.SUBMITTED)
    report(board("70-63"), ad_hoc, {share: (700, 900)}, status=ReportStatus.RETURNED)
    scopes: list[dict[str, Any]] = [{"cluster_term": term(4, 2018)}, {"sector": True}]
    for scope in scopes:
        result = rollup_for(user=persona("canbo.longan"), indicator=share, period=ad_hoc, **scope)
        assert [line.unit.code for line in result.by_unit] == ["BTC-77-63"]
        assert (result.value, result.numerator, result.denominator) == (
            D("11.14"),
            D(2489),
            D(22345),
        )


def test_a_department_rolls_up_the_boards_it_supervises_that_year() -> None:
    term(4, 2018)  # supervised by Vụ Địa phương III
    term(3, 2023)  # supervised by no department
    trained = indicator("cadres_trained_or_retrained")
    ad_hoc = period(2018, PeriodKind.AD_HOC)
    report(board("74-63"), ad_hoc, {trained: 40})  # cluster 4, supervised by Vụ Địa phương III
    report(board("80-63"), ad_hoc, {trained: 25})
    report(board("20-63"), ad_hoc, {trained: 1000})  # Lạng Sơn: in no cluster of 2018
    vdp3 = Unit.objects.get(code="BTCTW-VDP3")
    result = rollup_for(user=persona("theodoi"), indicator=trained, period=ad_hoc, department=vdp3)
    assert result.value == D(65)
    whole = rollup_for(user=persona("theodoi"), indicator=trained, period=ad_hoc, sector=True)
    assert whole.value == D(1065)
    later = rollup_for(
        user=persona("theodoi"), indicator=trained, year=2023, department=vdp3
    )  # no term of 2023 is supervised by it
    assert later.value is None
    assert later.by_unit == []


def test_a_communes_own_report_does_not_count_twice_in_the_sector() -> None:
    """A commune's figures are already part of its province board's figure."""
    trained = indicator("cadres_trained_or_retrained")
    ad_hoc = period(2025, PeriodKind.AD_HOC)
    report(board("79"), ad_hoc, {trained: 300})
    commune = Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE).order_by("code").first()
    assert commune is not None
    report(commune, ad_hoc, {trained: 40})
    whole = rollup_for(user=persona("theodoi"), indicator=trained, period=ad_hoc, sector=True)
    assert whole.value == D(300)
    assert [line.unit.code for line in whole.by_unit] == ["BTC-79"]


def test_a_2024_value_of_binh_duong_counts_in_the_2025_ho_chi_minh_board() -> None:
    trained = indicator("cadres_trained_or_retrained")
    ad_hoc = period(2024, PeriodKind.AD_HOC)
    report(board("74-63"), ad_hoc, {trained: 120})  # Bình Dương, before the merger
    report(board("66-63"), ad_hoc, {trained: 30})  # Đắk Lắk: its own successor line
    user = persona("canbo.daklak")
    plain = rollup_for(user=user, indicator=trained, period=ad_hoc, sector=True)
    assert {line.unit.code for line in plain.by_unit} == {"BTC-74-63", "BTC-66-63"}
    merged = rollup_for(user=user, indicator=trained, period=ad_hoc, sector=True, lineage_year=2025)
    assert {line.unit.code: line.value for line in merged.by_unit} == {
        "BTC-79": D(120),
        "BTC-66": D(30),
    }
    assert merged.value == plain.value == D(150)
    # A 2025 cluster with the new Hồ Chí Minh board takes in Bình Dương's 2024 figures.
    south = cluster_term_create(actor=None, cluster=cluster(4), year=2025, members=[board("79")])
    in_term = rollup_for(
        user=user, indicator=trained, period=ad_hoc, cluster_term=south, lineage_year=2025
    )
    assert [(line.unit.code, line.value) for line in in_term.by_unit] == [("BTC-79", D(120))]
    without_lineage = rollup_for(user=user, indicator=trained, period=ad_hoc, cluster_term=south)
    assert without_lineage.by_unit == []


def test_series_runs_across_the_merger_with_year_on_year_change() -> None:
    trained = indicator("cadres_trained_or_retrained")
    report(board("74-63"), period(2024), {trained: 120})  # Bình Dương
    report(board("79-63"), period(2024), {trained: 300})  # Hồ Chí Minh before 2025
    report(board("77-63"), period(2024), {trained: 80})  # Bà Rịa - Vũng Tàu
    report(board("79"), period(2025), {trained: 550})
    points = series_for(
        user=persona("theodoi"), indicator=trained, unit_or_scope=board("79"), years=[2024, 2025]
    )
    assert [(p.year, p.rollup.value) for p in points] == [(2024, D(500)), (2025, D(550))]
    assert points[0].change is None
    assert points[1].change == rollup.Change(D("50.00"), D("10.00"))
    assert [line.unit.code for line in points[0].rollup.by_unit] == ["BTC-79"]


def test_a_cluster_series_takes_each_year_s_members() -> None:
    term(4, 2017)
    term(4, 2018)
    moves = indicator("personnel_moves")
    report(board("74-63"), period(2017), {moves: 40})  # Bình Dương, cluster 4 both years
    report(board("74-63"), period(2018), {moves: 30})
    report(board("20-63"), period(2018), {moves: 999})  # Lạng Sơn: not in cluster 4
    points = series_for(
        user=persona("canbo.longan"),
        indicator=moves,
        unit_or_scope=Scope(cluster=cluster(4)),
        years=[2018, 2017],
    )
    assert [p.year for p in points] == [2017, 2018]
    for point, expected in zip(points, [D(40), D(30)], strict=True):
        lines = {line.unit.code: line.value for line in point.rollup.by_unit}
        assert lines["BTC-74-63"] == expected
        assert "BTC-20-63" not in lines


def test_progress_against_a_multi_year_target_and_the_narrowest_target_wins() -> None:
    share = indicator("staff_streamlined_share")
    mid_2018 = period(2018, PeriodKind.AD_HOC)
    lang_son, brvt = board("20-63"), board("77-63")
    report(lang_son, mid_2018, {share: (61, 1151)})  # 5.30 % (seed 001)
    report(brvt, mid_2018, {share: (2489, 22345)})
    target(lang_son, share, 2016, 2021, D(10))  # 10 % by 2021
    target(brvt, share, 2015, 2020, D(12))
    user = persona("thuongtruc")
    result = rollup_for(user=user, indicator=share, period=mid_2018, sector=True)
    lines = {line.unit.code: line for line in result.by_unit}
    assert (lines["BTC-20-63"].target, lines["BTC-20-63"].progress) == (D(10), D("53.00"))
    assert result.value == D("10.85")
    assert result.target == D("11.90")  # (10 x 1151 + 12 x 22345) / 23496
    assert result.progress == D("91.18")
    target(lang_son, share, 2018, 2018, D(6))
    narrow = rollup_for(user=user, indicator=share, period=mid_2018, sector=True)
    assert {line.unit.code: line.target for line in narrow.by_unit}["BTC-20-63"] == D(6)
    target(brvt, share, 2015, 2020, D(12)).delete()
    partial = rollup_for(user=user, indicator=share, period=mid_2018, sector=True)
    assert partial.target is None  # a total is never measured against part of the targets


def test_an_indicator_that_does_not_roll_up_still_shows_each_unit() -> None:
    completion = indicator("work_programme_completion")
    ad_hoc = period(2018, PeriodKind.AD_HOC)
    report(board("74-63"), ad_hoc, {completion: 95})
    report(board("80-63"), ad_hoc, {completion: 80})
    result = rollup_for(user=persona("theodoi"), indicator=completion, period=ad_hoc, sector=True)
    assert result.value is None
    assert sorted(line.value for line in result.by_unit if line.value) == [D(80), D(95)]


def test_anonymous_users_may_not_read_roll_ups() -> None:
    with pytest.raises(PermissionDeniedError):
        rollup_for(
            user=AnonymousUser(), indicator=indicator("personnel_moves"), year=2023, sector=True
        )
    with pytest.raises(PermissionDeniedError):
        series_for(
            user=AnonymousUser(),
            indicator=indicator("personnel_moves"),
            unit_or_scope=Scope(sector=True),
            years=[2023],
        )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": 2023}, "scope"),
        ({"year": 2023, "sector": True, "cluster_term": "term"}, "scope"),
        ({"sector": True}, "period"),
        ({"year": 2023, "department": "board"}, "department"),
        ({"year": 2023, "sector": True, "period_kind": PeriodKind.AD_HOC}, "period_kind"),
        ({"year": 2023, "sector": True, "period_kind": "quarter"}, "period_kind"),
        ({"year": 2019, "sector": True, "period": "2018"}, "year"),
    ],
)
def test_bad_parameters_are_refused_in_vietnamese(params: dict[str, object], field: str) -> None:
    named = {"term": term(3, 2023), "board": board("74-63"), "2018": period(2018)}
    given_params = {k: named.get(v, v) if isinstance(v, str) else v for k, v in params.items()}
    with pytest.raises(ValidationFailedError) as refused:
        rollup_for(
            user=persona("theodoi"),
            indicator=indicator("personnel_moves"),
            **given_params,  # type: ignore[arg-type]
        )
    assert refused.value.message == "Tham số tổng hợp không hợp lệ."
    assert field in refused.value.problems


def _spread(units: list[Unit], ad_hoc_year: int, at_most: Any) -> tuple[int, int]:
    """Queries of a sector roll-up, and of a cluster roll-up mapped onto the 2025 boards."""
    trained = indicator("cadres_trained_or_retrained")
    ad_hoc = period(ad_hoc_year, PeriodKind.AD_HOC)
    for i, unit in enumerate(units):
        report(unit, ad_hoc, {trained: 10 + i})
        target(unit, trained, ad_hoc_year, ad_hoc_year, D(12))
    user, cluster_3 = persona("theodoi"), term(3, 2023)
    with at_most(5) as sector:
        result = rollup_for(user=user, indicator=trained, period=ad_hoc, sector=True)
    assert len(result.by_unit) == len(units)
    with at_most(5) as cluster:
        merged = rollup_for(
            user=user,
            indicator=trained,
            period=ad_hoc,
            cluster_term=cluster_3,
            lineage_year=2025,
        )
    assert merged.value == result.value == sum(10 + i for i in range(len(units)))
    return len(sector), len(cluster)


def test_the_number_of_queries_does_not_grow_with_the_units(
    django_assert_max_num_queries: Any,
) -> None:
    members = [m.unit for m in term(3, 2023).memberships.select_related("unit")]
    few = _spread(members[:3], 2021, django_assert_max_num_queries)
    many = _spread(members, 2022, django_assert_max_num_queries)
    assert few == many
