"""A unit's indicator report, a cluster's roll-up and the sector's, built from accepted reports
made through the services; the figures are worked out by hand from the data each test sets."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.builders.clusters import board, cluster_term, term
from tests.builders.people import persona
from tests.builders.reports import (
    binh_duong,
    cluster_3_2023,
    indicator,
    period,
    report,
    target,
)
from tests.documents.columns import assert_ordinals_fit
from tests.documents.texts import plain_table
from thidua.core.errors import NotFoundError
from thidua.documents.builders import BUILDERS
from thidua.documents.content import DocumentContent, Heading, Table
from thidua.indicators.models import PeriodKind, ReportStatus

pytestmark = pytest.mark.django_db
D = Decimal


def tables(content: DocumentContent) -> list[Table]:
    return [plain_table(b) for b in content.body if isinstance(b, Table)]


def row_of(table: Table, name: str) -> list[str]:
    return next(r for r in table.rows if r[1] == name)


def test_a_units_year_end_report_states_its_figures_against_its_targets() -> None:
    """5,30 % of 10 % is 53,00 %; 1.722 of 2.000 is 86,10 %."""
    share, trained = indicator("staff_streamlined_share"), indicator("cadres_trained_or_retrained")
    unit = binh_duong()
    target(unit, share, 2016, 2020, D(10))
    target(unit, trained, 2018, 2018, D(2000))
    made = report(unit, period(2018), {share: (61, 1151), trained: 1722})
    with translation.override("en"):
        content = BUILDERS["unit_report"].build(made.pk, persona("lanhdao.binhduong"))
    assert content.issuer.name == "BAN TỔ CHỨC TỈNH ỦY BÌNH DƯƠNG"
    assert content.issuer.superior == "TỈNH ỦY BÌNH DƯƠNG"
    assert content.header.number_symbol == "Số     -BC/BTCTU"
    assert content.header.place == "Bình Dương"
    assert content.summary == "tổng kết công tác năm 2018"
    (figures,) = tables(content)
    assert row_of(figures, "Tỷ lệ tinh giản biên chế")[2:] == [
        "%",
        "61/\n1.151 (5,30 %)",
        "10,00 %",
        "53,00 %",
    ]
    assert row_of(figures, "Số lượt cán bộ được đào tạo, bồi dưỡng")[2:] == [
        "lượt",
        "1.722",
        "2.000",
        "86,10 %",
    ]
    assert figures.caption == "Số liệu tính đến ngày 30 tháng 11 năm 2018"
    assert_ordinals_fit([b for b in content.body if isinstance(b, Table)])


def test_a_board_cannot_build_another_boards_draft_report() -> None:
    trained = indicator("cadres_trained_or_retrained")
    draft = report(
        binh_duong(), period(2018, PeriodKind.MID_YEAR), {trained: 5}, status=ReportStatus.DRAFT
    )
    with pytest.raises(NotFoundError):
        BUILDERS["unit_report"].build(draft.pk, persona("canbo.longan"))
    with pytest.raises(NotFoundError):
        BUILDERS["unit_report"].build(draft.pk, persona("canbo.daklak"))
    own = BUILDERS["unit_report"].build(draft.pk, persona("canbo.binhduong"))
    assert own.summary == "sơ kết công tác 6 tháng đầu năm 2018"


def test_the_cluster_rollup_sums_the_members_and_takes_the_ratio_of_sums() -> None:
    """Cluster 3's 2023 totals (seed 004): 1.722 cadres trained, 20.777 members admitted; two
    members' shares 61/1.151 and 2.489/22.345 make 2.550/23.496 = 10,85 % (not the 8,22 %
    mean of 5,30 % and 11,14 %)."""
    members = cluster_3_2023()
    share = indicator("staff_streamlined_share")
    year_end = period(2023)
    report(members[0], year_end, {share: (61, 1151)})
    report(members[1], year_end, {share: (2489, 22345)})
    content = BUILDERS["cluster_rollup"].build(term(3, 2023).pk, persona("canbo.daklak"))
    totals = tables(content)[0]
    assert row_of(totals, "Số lượt cán bộ được đào tạo, bồi dưỡng")[3] == "1.722"
    assert row_of(totals, "Số đảng viên mới được kết nạp")[3] == "20.777"
    assert row_of(totals, "Tỷ lệ tinh giản biên chế")[3] == "2.550/\n23.496 (10,85 %)"
    assert content.issuer.name == "CỤM THI ĐUA SỐ 3"
    # Each member's own line: 1.722 split 14:9:11:… over the twelve, the first gets
    # 1.722 x 14 / 100 = 241 and one of the 6 left over.
    trained = next(
        tables(content)[k + 1]
        for k, b in enumerate([b for b in content.body if isinstance(b, Heading) and b.level == 2])
        if b.text.endswith("Số lượt cán bộ được đào tạo, bồi dưỡng")
    )
    assert len(trained.rows) == 12
    assert row_of(trained, members[0].name)[2] == "242"
    assert_ordinals_fit([b for b in content.body if isinstance(b, Table)])


def test_the_sector_rollup_states_the_sector_and_each_cluster() -> None:
    cluster_3_2023()
    content = BUILDERS["sector_rollup"].build(period(2023).pk, persona("thuongtruc"))
    sector = tables(content)[0]
    assert row_of(sector, "Số lượt cán bộ được đào tạo, bồi dưỡng")[2:] == ["1.722", "-", "-", "12"]
    assert sector.rows[2][2] == "757"
    assert Heading("Cụm thi đua số 3", level=2) in content.body
    assert content.issuer.abbreviation == "BTCTW"
    assert content.header.number_symbol == "Số     -BC/BTCTW"


def test_a_long_an_report_is_not_readable_by_another_cluster() -> None:
    trained = indicator("cadres_trained_or_retrained")
    made = report(board("80-63"), period(2018), {trained: 40}, status=ReportStatus.SUBMITTED)
    with pytest.raises(NotFoundError):
        BUILDERS["unit_report"].build(made.pk, persona("canbo.daklak"))


def _sector_build(reporting_period_pk: int) -> tuple[DocumentContent, int]:
    """The sector roll-up and the number of queries its build made."""
    user = persona("thuongtruc")
    with CaptureQueriesContext(connection) as captured:
        content = BUILDERS["sector_rollup"].build(reporting_period_pk, user)
    return content, len(captured.captured_queries)


def test_the_sector_rollup_states_each_cluster_in_the_same_queries_however_many() -> None:
    """Cluster 4 of 2018: Bình Dương 40 of 50 and Long An 25 of 30 cadres trained, 65 of 80 is
    81,25 %. A cluster 5: Hà Nội's share 300/600 = 50 % against 10 % (500 %), Cao Bằng 10
    cadres trained without a target. The sector: 40 + 25 + 10 + Lạng Sơn's 1.000 (in no
    cluster) = 1.075, by four boards."""
    trained = indicator("cadres_trained_or_retrained")
    share = indicator("staff_streamlined_share")
    year = period(2018)
    term(4, 2018)
    report(binh_duong(), year, {trained: 40})
    _sector_build(year.pk)  # a first build fills the caches (translations, content types)
    _content, small = _sector_build(year.pk)

    cluster_term(5, 2018, [board("01-63"), board("04-63")])
    report(board("80-63"), year, {trained: 25})
    report(board("01-63"), year, {share: (300, 600)})
    report(board("04-63"), year, {trained: 10})
    report(board("20-63"), year, {trained: 1000})
    target(binh_duong(), trained, 2018, 2018, D(50))
    target(board("80-63"), trained, 2018, 2018, D(30))
    target(board("01-63"), share, 2016, 2020, D(10))
    content, large = _sector_build(year.pk)
    assert large == small

    sector, four, five = tables(content)
    trained_name, share_name = "Số lượt cán bộ được đào tạo, bồi dưỡng", "Tỷ lệ tinh giản biên chế"
    assert row_of(sector, trained_name)[2:] == ["1.075", "-", "-", "4"]
    assert row_of(sector, share_name)[2:] == ["300/\n600 (50,00 %)", "10,00 %", "500,00 %", "1"]
    assert [b.text for b in content.body if isinstance(b, Heading) and b.level == 2] == [
        "Cụm thi đua số 4",
        "Cụm thi đua số 5",
    ]
    assert four.rows == [["1", trained_name, "lượt", "65", "80", "81,25 %"]]
    assert row_of(five, trained_name)[3:] == ["10", "-", "-"]
    assert row_of(five, share_name)[2:] == ["%", "300/\n600 (50,00 %)", "10,00 %", "500,00 %"]
    assert len(five.rows) == 2
