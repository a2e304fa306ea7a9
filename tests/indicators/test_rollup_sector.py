"""The sector's figures of a period, every indicator and every cluster term at once
(``sector_figures_for``): figures worked out by hand, the same answers as the per-indicator and
per-term selectors, and a number of queries that does not grow with the data."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders.clusters import board, boards_valid_in, cluster_term, term
from tests.builders.people import persona
from tests.builders.reports import cluster_3_2023, indicator, period, report, target
from thidua.core.errors import PermissionDeniedError
from thidua.indicators.models import Indicator, PeriodKind, ReportingPeriod, ReportStatus
from thidua.indicators.selectors.catalogue import indicator_list_for
from thidua.indicators.selectors.rollup import UnitRollup, rollup_for
from thidua.indicators.selectors.rollup_sector import SectorFigures, sector_figures_for
from thidua.indicators.selectors.rollup_terms import term_figures_for
from thidua.orgs.models import ClusterTerm, UnitKind

pytestmark = pytest.mark.django_db
D = Decimal


def figures_of(
    reporting_period: ReportingPeriod, indicators: list[Indicator], terms: list[ClusterTerm]
) -> SectorFigures:
    return sector_figures_for(
        user=persona("theodoi"), period=reporting_period, indicators=indicators, terms=terms
    )


def lines(by_unit: list[UnitRollup]) -> dict[str, tuple[Decimal | None, ...]]:
    """Each unit's (value, target, progress) by its code."""
    return {line.unit.code: (line.value, line.target, line.progress) for line in by_unit}


def test_the_sector_and_each_cluster_of_a_year_worked_out_by_hand() -> None:
    """Cluster 4 (Bình Dương, Long An, Bà Rịa - Vũng Tàu, Tây Ninh among its eleven) and a
    cluster 5 of Hà Nội and Cao Bằng in 2018; Lạng Sơn in no cluster; a provincial
    committee's own report and a draft, which never count."""
    trained = indicator("cadres_trained_or_retrained")
    share = indicator("staff_streamlined_share")
    moves = indicator("personnel_moves")
    dismissals = indicator("dismissals_or_resignations")
    four = term(4, 2018)
    five = cluster_term(5, 2018, [board("01-63"), board("04-63")])
    year = period(2018)
    bd, la, brvt, tn = board("74-63"), board("80-63"), board("77-63"), board("72-63")
    hn, cb, ls = board("01-63"), board("04-63"), board("20-63")
    report(bd, year, {trained: 40, share: (61, 1151), moves: 10})
    report(la, year, {trained: 25})
    report(brvt, year, {share: (2489, 22345)})
    report(hn, year, {trained: 100, share: (300, 600), moves: 30})
    report(cb, year, {trained: 10})
    report(ls, year, {trained: 1000})
    committee = bd.parent  # the provincial committee: not one of the sector's boards
    assert committee is not None
    assert committee.kind == UnitKind.PROVINCIAL_COMMITTEE
    report(committee, year, {trained: 7})  # never counted
    report(tn, year, {trained: 9000}, status=ReportStatus.DRAFT)  # never counted
    target(bd, trained, 2018, 2018, D(50))
    target(la, trained, 2016, 2020, D(20))
    target(la, trained, 2018, 2018, D(30))  # the narrower span is the one that year meets
    target(tn, trained, 2018, 2018, D(5))  # a member's target without its figure
    target(bd, moves, 2018, 2018, D(20))
    target(hn, moves, 2018, 2018, D(40))
    target(bd, share, 2016, 2020, D(12))
    target(hn, share, 2016, 2020, D(10))

    found = figures_of(year, [trained, share, moves, dismissals], [four, five])

    whole = found.sector
    # 40 + 25 + 100 + 10 + 1.000: Hà Nội, Cao Bằng and Lạng Sơn have no target, so neither
    # has the total.
    assert (whole[trained.pk].value, whole[trained.pk].target) == (D(1175), None)
    assert lines(whole[trained.pk].by_unit) == {
        "BTC-74-63": (D(40), D(50), D("80.00")),
        "BTC-80-63": (D(25), D(30), D("83.33")),
        "BTC-01-63": (D(100), None, None),
        "BTC-04-63": (D(10), None, None),
        "BTC-20-63": (D(1000), None, None),
    }
    # (61 + 2.489 + 300) / (1.151 + 22.345 + 600) = 2.850 / 24.096 = 11,83 %.
    sector_share = whole[share.pk]
    assert (sector_share.numerator, sector_share.denominator, sector_share.value) == (
        D(2850),
        D(24096),
        D("11.83"),
    )
    assert sector_share.target is None  # Bà Rịa - Vũng Tàu has none
    # 5,30 % of 12 % is 44,17 %; 50 % of 10 % is 500 %.
    assert lines(sector_share.by_unit) == {
        "BTC-74-63": (D("5.30"), D(12), D("44.17")),
        "BTC-77-63": (D("11.14"), None, None),
        "BTC-01-63": (D("50.00"), D(10), D("500.00")),
    }
    # 10 + 30 against 20 + 40: 66,67 %.
    assert (whole[moves.pk].value, whole[moves.pk].target, whole[moves.pk].progress) == (
        D(40),
        D(60),
        D("66.67"),
    )
    assert (whole[dismissals.pk].value, whole[dismissals.pk].by_unit) == (None, [])

    cluster_4 = found.terms[four.pk]
    # 40 + 25 against 50 + 30: 81,25 %.
    assert (
        cluster_4.rollups[trained.pk].value,
        cluster_4.rollups[trained.pk].target,
        cluster_4.rollups[trained.pk].progress,
    ) == (D(65), D(80), D("81.25"))
    # 2.550 / 23.496 = 10,85 %.
    assert cluster_4.rollups[share.pk].value == D("10.85")
    assert cluster_4.rollups[share.pk].target is None
    assert (cluster_4.rollups[moves.pk].value, cluster_4.rollups[moves.pk].progress) == (
        D(10),
        D("50.00"),
    )
    assert cluster_4.targets == {
        trained.pk: {bd.pk: D(50), la.pk: D(30), tn.pk: D(5)},
        share.pk: {bd.pk: D(12)},
        moves.pk: {bd.pk: D(20)},
    }
    cluster_5 = found.terms[five.pk]
    assert cluster_5.rollups[trained.pk].value == D(110)
    assert cluster_5.rollups[trained.pk].target is None
    hn_share = cluster_5.rollups[share.pk]
    assert (hn_share.numerator, hn_share.denominator, hn_share.value, hn_share.progress) == (
        D(300),
        D(600),
        D("50.00"),
        D("500.00"),
    )
    assert (cluster_5.rollups[moves.pk].value, cluster_5.rollups[moves.pk].progress) == (
        D(30),
        D("75.00"),
    )
    assert cluster_5.targets == {share.pk: {hn.pk: D(10)}, moves.pk: {hn.pk: D(40)}}
    assert cluster_5.rollups[dismissals.pk].by_unit == []


def test_an_anonymous_visitor_reads_nothing() -> None:
    with pytest.raises(PermissionDeniedError):
        sector_figures_for(
            user=AnonymousUser(), period=period(2018), indicators=[], terms=[term(4, 2018)]
        )


def _richer_2023() -> tuple[ReportingPeriod, list[ClusterTerm]]:
    """Cluster 3's twelve members with the seed's totals, a cluster 7 of four other boards
    with shares and targets, and a board in no cluster."""
    cluster_3_2023()
    year = period(2023)
    others = boards_valid_in(2023, 5)
    seven = cluster_term(7, 2023, others[:4])
    share, trained = indicator("staff_streamlined_share"), indicator("cadres_trained_or_retrained")
    for i, unit in enumerate(others):
        report(unit, year, {share: (10 * (i + 1), 300 + i), trained: 7 * i})
        target(unit, trained, 2023, 2023, D(5 * i + 1))
        if i % 2 == 0:
            target(unit, share, 2021, 2025, D(3 + i))
    return year, [term(3, 2023), seven]


def test_the_same_answers_as_the_selectors_of_one_indicator_and_one_term() -> None:
    year, terms = _richer_2023()
    indicators = list(indicator_list_for(user=persona("theodoi")))
    found = figures_of(year, indicators, terms)
    for ind in indicators:
        alone = rollup_for(user=persona("theodoi"), indicator=ind, period=year, sector=True)
        assert found.sector[ind.pk] == alone, ind.code
    assert any(found.sector[ind.pk].by_unit for ind in indicators)
    for cluster_term_ in terms:
        alone_term = term_figures_for(
            user=persona("theodoi"), cluster_term=cluster_term_, period=year, indicators=indicators
        )
        assert found.terms[cluster_term_.pk] == alone_term


def _count(year: ReportingPeriod, indicators: list[Indicator], terms: list[ClusterTerm]) -> int:
    user = persona("theodoi")
    with CaptureQueriesContext(connection) as captured:
        sector_figures_for(user=user, period=year, indicators=indicators, terms=terms)
    return len(captured.captured_queries)


def test_the_queries_do_not_grow_with_indicators_clusters_and_units() -> None:
    trained, share = indicator("cadres_trained_or_retrained"), indicator("staff_streamlined_share")
    small_year = period(2018, PeriodKind.MID_YEAR)
    report(board("74-63"), small_year, {trained: 3})
    small = _count(small_year, [trained], [term(4, 2018)])

    large_year, terms = _richer_2023()
    report(board("20-63"), large_year, {trained: 9, share: (1, 2)})
    every = list(indicator_list_for(user=persona("theodoi")))
    assert len(every) > 10
    large = _count(large_year, every, terms)
    assert large == small == 5
