"""The sector dashboard: the roll-up's figures by cluster, by province on the 34 provinces of
2025 and over the years; the Excel export read back; bad choices; a fixed number of queries."""

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.builders.clusters import board, boards_valid_in, cluster_term, members_of, term
from tests.builders.people import client_for
from tests.builders.reports import cluster_3_2023, indicator, period, report, target
from thidua.indicators.models import PeriodKind, ReportStatus
from thidua.web.charts import NO_DATA, PALETTE

pytestmark = pytest.mark.django_db
# The page's queries: the session, the user, the grants and the page's own fixed reads.
LIMIT = 17  # one for the second factor's gate (thidua.accounts.middleware)
D = Decimal
TILE = r'<g data-testid="tile" data-code="([\w-]+)" data-class="(\d*)" data-fill="(#\w+)">(.*?)</g>'


def url(query: str = "") -> str:
    return (
        f"{reverse('web:dashboard_sector')}?{query}" if query else reverse("web:dashboard_sector")
    )


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def vn(number: Decimal) -> str:
    """A number as the page writes it: "61", "5,30", "1.722" (Python's own grouping, with the
    Vietnamese marks swapped in, so the page's formatter is not its own judge)."""
    text = f"{number:,.0f}" if number == number.to_integral() else f"{number:,.2f}"
    return text.translate(str.maketrans(",.", ".,"))


def shown_in(html: str, name: str) -> str:
    found = re.search(rf'data-testid="{name}"[^>]*>(.*?)</dd>', html, re.S)
    assert found is not None, name
    return _text(found.group(1))


def tiles(html: str) -> dict[str, tuple[str, str, str]]:
    """Tile code → (class, fill, text) as drawn on the map."""
    return {code: (k, fill, _text(body)) for code, k, fill, body in re.findall(TILE, html, re.S)}


def rows(html: str, kind: str) -> dict[str, str]:
    """A table's rows by their key (the unit's code, the term's pk, the year) → the value cell."""
    key = {"province": "data-unit", "cluster": "data-term", "trend": "data-year"}[kind]
    pattern = (
        rf'<tr data-testid="{kind}-row" {key}="([\w-]+)">.*?<td data-testid="value">(.*?)</td>'
    )
    return {k: _text(v) for k, v in re.findall(pattern, html, re.S)}


def test_cluster_3_totals_of_2023_appear_by_cluster_and_in_the_sector_total() -> None:
    cluster_3_2023()
    page = client_for("canbo.daklak").get(url("chi_tieu=cadres_trained_or_retrained&nam=2023"))
    assert page.status_code == 200
    html = page.content.decode()
    # Cluster 3's members are the only boards with 2023 figures: the sector total is theirs.
    assert shown_in(html, "total-value") == "1.722"
    assert rows(html, "cluster")[str(term(3, 2023).pk)] == "1.722"
    # Every 2023 board sits on the tile of its 2025 successor, and the tiles add up.
    drawn = tiles(html)
    assert len(drawn) == 34
    # Whole numbers with the Vietnamese thousands dot: "TP. HCM 1.234".
    figures = [text.split()[-1].replace(".", "") for _, _, text in drawn.values()]
    shown = [D(figure) for figure in figures if figure != "—"]
    assert sum(shown) == 1722
    assert "BTC-48" in rows(html, "province")  # Đà Nẵng and Quảng Nam, merged in 2025
    assert "BTC-49-63" not in rows(html, "province")


def test_a_share_is_coloured_and_tabled_as_the_ratio_of_the_sums() -> None:
    share = indicator("staff_streamlined_share")
    year_2019 = period(2019)
    report(board("77-63"), year_2019, {share: (2489, 22345)})  # 11.14 % (seed 003)
    report(board("80-63"), year_2019, {share: (61, 1151)})  # 5.30 %
    report(board("74-63"), year_2019, {share: (300, 600)})  # 50.00 %
    html = client_for("theodoi").get(url("chi_tieu=staff_streamlined_share&nam=2019")).content
    page = html.decode()
    assert shown_in(page, "total-value") == "11,83 % (2.850 / 24.096)"
    assert "22,15" not in page  # the mean of the three percentages
    # Bà Rịa - Vũng Tàu and Bình Dương count in Hồ Chí Minh: 2789 / 22945, not 30.57 %.
    by_province = rows(page, "province")
    assert by_province == {"BTC-79": "12,16 %", "BTC-80": "5,30 %"}
    drawn = tiles(page)
    assert drawn["BTC-79"][:2] == ("4", PALETTE[-1])
    assert drawn["BTC-79"][2] == "TP. HCM 12,16 %"
    assert drawn["BTC-80"][:2] == ("0", PALETTE[0])
    assert drawn["BTC-80"][2] == "Tây Ninh 5,30 %"  # Long An, in Tây Ninh from 2025
    assert drawn["BTC-01"] == ("", NO_DATA, "Hà Nội —")
    assert re.search(r"<td>2\.789</td><td>22\.945</td>", page)


def test_a_year_before_2025_is_shown_on_the_successor_s_tile() -> None:
    trained = indicator("cadres_trained_or_retrained")
    report(board("74-63"), period(2021), {trained: 120})  # Bình Dương, merged into HCM in 2025
    report(board("66-63"), period(2021), {trained: 30})  # Đắk Lắk (with Phú Yên from 2025)
    page = client_for("canbo.longan").get(url("chi_tieu=cadres_trained_or_retrained&nam=2021"))
    html = page.content.decode()
    assert tiles(html)["BTC-79"][2] == "TP. HCM 120"
    assert tiles(html)["BTC-66"][2] == "Đắk Lắk 30"
    assert rows(html, "province") == {"BTC-66": "30", "BTC-79": "120"}
    assert "tỉnh, thành phố kế thừa năm 2025" in html


def test_drafts_submitted_and_returned_reports_never_count() -> None:
    trained = indicator("cadres_trained_or_retrained")
    year_2019 = period(2019)
    report(board("77-63"), year_2019, {trained: 100})
    report(board("80-63"), year_2019, {trained: 5001}, status=ReportStatus.SUBMITTED)
    report(board("74-63"), year_2019, {trained: 7001}, status=ReportStatus.DRAFT)
    report(board("70-63"), year_2019, {trained: 9001}, status=ReportStatus.RETURNED)
    page = client_for("thuongtruc").get(url("chi_tieu=cadres_trained_or_retrained&nam=2019"))
    html = page.content.decode()
    assert shown_in(html, "total-value") == "100"
    for hidden in ("5001", "7001", "9001", "5101"):
        assert hidden not in html
    response = client_for("thuongtruc").get(
        reverse("web:dashboard_sector_excel") + "?chi_tieu=cadres_trained_or_retrained&nam=2019"
    )
    sheet = load_workbook(io.BytesIO(response.content))["Theo tỉnh"]
    assert [c for row in sheet.iter_rows(values_only=True) for c in row if c in (5001, 7001)] == []


def test_the_trend_runs_over_the_years_with_the_change_on_the_year_before() -> None:
    trained = indicator("cadres_trained_or_retrained")
    lang_son = board("20-63")
    report(lang_son, period(2016), {trained: 100})
    report(lang_son, period(2017), {trained: 150})
    target(lang_son, trained, 2017, 2017, D(200))
    html = client_for("theodoi").get(url("chi_tieu=cadres_trained_or_retrained&nam=2017"))
    page = html.content.decode()
    assert shown_in(page, "total-change") == "+50 (+50 %)"
    assert shown_in(page, "total-target") == "200"
    assert shown_in(page, "total-progress") == "75 %"
    trend = rows(page, "trend")
    assert (trend["2016"], trend["2017"]) == ("100", "150")
    svg = re.search(r'<svg[^>]*id="trend-chart".*?</svg>', page, re.S)
    assert svg is not None
    assert 'aria-describedby="trend-table"' in svg.group(0)
    points = dict(re.findall(r'data-testid="point" data-year="(\d+)" data-value="([\d.]+)"', page))
    assert (points["2016"], points["2017"]) == ("100.00", "150.00")


def test_every_chart_is_an_image_with_a_title_a_table_and_a_png_button() -> None:
    cluster_3_2023()
    page = client_for("hoidong").get(url("chi_tieu=personnel_moves&nam=2023")).content.decode()
    for chart, table in [
        ("province-map", "province-table"),
        ("cluster-chart", "cluster-table"),
        ("trend-chart", "trend-table"),
    ]:
        svg = re.search(rf'<svg[^>]*id="{chart}".*?</svg>', page, re.S)
        assert svg is not None, chart
        assert 'role="img"' in svg.group(0)
        assert f'aria-labelledby="{chart}-title"' in svg.group(0)
        assert f'<title id="{chart}-title">' in svg.group(0)
        assert f'aria-describedby="{table}"' in svg.group(0)
        assert f'id="{table}"' in page
        assert f'data-chart-png="{chart}"' in page
    assert "web/chart-png.js" in page
    assert 'data-download-progress="excel-download"' in page
    assert "<progress" in page
    assert "web/download-progress.js" in page


def test_every_signed_in_official_may_read_it_but_not_an_anonymous_visitor() -> None:
    for username in ["canbo.daklak", "theodoi", "hoidong"]:
        assert client_for(username).get(url()).status_code == 200
    for path in (url(), reverse("web:dashboard_sector_excel")):
        response = Client().get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_defaults_are_the_latest_year_and_the_first_indicator_with_figures() -> None:
    moves, trained = indicator("personnel_moves"), indicator("cadres_trained_or_retrained")
    admitted = indicator("new_party_members_admitted")  # first in the catalogue
    report(board("77-63"), period(2019), {admitted: 30, moves: 4})
    report(board("80-63"), period(2021), {moves: 7, trained: 12})  # 2021: moves, trained
    report(board("74-63"), period(2022), {admitted: 9}, status=ReportStatus.SUBMITTED)
    report(board("74-63"), period(2023, PeriodKind.MID_YEAR), {admitted: 5})
    page = client_for("theodoi").get(url()).content.decode()
    # The latest year-end period with an accepted figure, and its first indicator in the
    # catalogue's order (cadres trained comes before personnel moves).
    assert '<option value="2021" selected>' in page
    assert '<option value="cadres_trained_or_retrained" selected>' in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("chi_tieu=khong_co", "Không tìm thấy chỉ tiêu “khong_co”."),
        ("nam=abc", "Năm “abc” không hợp lệ: hãy chọn một năm, ví dụ 2023."),
        ("nam=20233", "Năm “20233” không hợp lệ"),
        ("ky=quarter", "Kỳ “quarter” không hợp lệ: chọn tổng kết năm hoặc sơ kết 6 tháng."),
    ],
)
def test_a_bad_choice_is_said_in_vietnamese_not_a_server_error(query: str, message: str) -> None:
    report(board("77-63"), period(2019), {indicator("personnel_moves"): 4})
    client = client_for("canbo.longan")
    response = client.get(url(query))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'data-testid="sector-total"' in response.content.decode()  # the defaults still show
    excel = client.get(f"{reverse('web:dashboard_sector_excel')}?{query}")
    assert excel.status_code == 400
    assert message in excel.content.decode()


def test_the_excel_export_holds_the_provinces_clusters_and_years() -> None:
    share = indicator("staff_streamlined_share")
    report(board("77-63"), period(2019), {share: (2489, 22345)})
    report(board("80-63"), period(2019), {share: (61, 1151)})
    report(board("80-63"), period(2018), {share: (50, 1151)})
    response = client_for("theodoi").get(
        reverse("web:dashboard_sector_excel") + "?chi_tieu=staff_streamlined_share&nam=2019"
    )
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(response.content))
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Theo tỉnh", "Theo cụm", "Xu hướng"]
    provinces = {
        row[0]: row for row in workbook["Theo tỉnh"].iter_rows(min_row=5, values_only=True)
    }
    assert provinces["BTC-79"][2:5] == (11.14, 2489, 22345)
    assert provinces["BTC-80"][2:5] == (5.3, 61, 1151)
    total = next(row for row in provinces.values() if row[1] == "Toàn ngành")
    assert total[2:5] == (10.85, 2550, 23496)  # ratio of sums: 2550 / 23496
    years = [row[0] for row in workbook["Xu hướng"].iter_rows(min_row=5, values_only=True)]
    assert 2018 in years
    assert 2019 in years
    assert "Tỷ lệ tinh giản biên chế" in str(workbook["Theo cụm"]["A2"].value)


def _queries(client: Client, path: str, at_most: Any) -> int:
    with at_most(LIMIT) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_years_units_or_reports(
    django_assert_max_num_queries: Any,
) -> None:
    trained = indicator("cadres_trained_or_retrained")
    client = client_for("theodoi")
    term(4, 2018)
    path = url("chi_tieu=cadres_trained_or_retrained&nam=2018")  # a year with a cluster term
    report(board("77-63"), period(2018), {trained: 5})
    client.get(path)
    few = _queries(client, path, django_assert_max_num_queries)
    # Four boards of cluster 4 and two of cluster 3, over five years.
    boards = [m.unit for m in term(4, 2018).memberships.select_related("unit")][:4]
    boards += [m.unit for m in term(3, 2023).memberships.select_related("unit")][:2]
    for year in (2015, 2016, 2017, 2018, 2019):
        for i, unit in enumerate(boards):
            report(unit, period(year), {trained: 10 + i})
            target(unit, trained, year, year, D(12))
    many = _queries(client, path, django_assert_max_num_queries)
    assert few == many
    page = client.get(path).content.decode()
    assert len(rows(page, "trend")) >= 5


def test_a_cluster_is_linked_only_for_readers_who_may_open_its_dashboard() -> None:
    """Bình Dương's officer opens cluster 4's own dashboard, not another cluster's: the other
    cluster is named without a link, where the link would only lead to a 403."""
    trained = indicator("cadres_trained_or_retrained")
    own = term(4, 2018)
    other = cluster_term(7, 2018, boards_valid_in(2018, 2, exclude=members_of(own)))
    report(board("74-63"), period(2018), {trained: 5})
    report(members_of(other)[0], period(2018), {trained: 3})
    path = url("chi_tieu=cadres_trained_or_retrained&nam=2018")
    officer = client_for("canbo.binhduong")
    page = officer.get(path).content.decode()
    own_link = reverse("web:dashboard_cluster", args=[own.pk])
    other_link = reverse("web:dashboard_cluster", args=[other.pk])
    assert f'href="{own_link}"' in page
    assert officer.get(own_link).status_code == 200
    assert f'href="{other_link}"' not in page
    assert other.cluster.name in page
    assert officer.get(other_link).status_code == 403
    secretariat_page = client_for("thuongtruc").get(path).content.decode()
    assert f'href="{other_link}"' in secretariat_page
