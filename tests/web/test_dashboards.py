"""The cluster dashboard: who may open it, the accepted figures only, the targets, the ranking,
the missing reports, bad choices in the address, and a fixed number of queries."""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.assessments import published_plan
from tests.builders.clusters import board, members_of, term
from tests.builders.people import client_for
from tests.builders.reports import (
    CLUSTER_3_2023_TOTALS,
    SPLIT_WEIGHTS,
    Figure,
    close,
    cluster_3_2023,
    indicator,
    open_period,
    period,
    report,
    split,
    target,
)
from thidua.indicators.models import Indicator, ReportStatus
from thidua.orgs.models import ClusterTerm

pytestmark = pytest.mark.django_db
# The page's queries: the session, the user, the grants and the page's own fixed reads.
LIMIT = 14  # one for the second factor's gate (thidua.accounts.middleware)
D = Decimal
CELL = r'<td data-testid="value" data-indicator="([\w-]+)">(.*?)</td>'


def url(cluster_term: ClusterTerm, query: str = "") -> str:
    path = reverse("web:dashboard_cluster", args=[cluster_term.pk])
    return f"{path}?{query}" if query else path


def vn(number: Decimal) -> str:
    """A number as the page writes it: "61", "5,30", "1.722" (Python's own grouping, with the
    Vietnamese marks swapped in, so the page's formatter is not its own judge)."""
    text = f"{number:,.0f}" if number == number.to_integral() else f"{number:,.2f}"
    return text.translate(str.maketrans(",.", ".,"))


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows_of(html: str) -> dict[int, dict[str, str]]:
    """The member rows: unit pk → indicator code → the cell's text."""
    found: dict[int, dict[str, str]] = {}
    pattern = r'<tr data-testid="member-row" data-unit="(\d+)">(.*?)</tr>'
    for unit, body in re.findall(pattern, html, re.S):
        found[int(unit)] = {code: _text(cell) for code, cell in re.findall(CELL, body, re.S)}
    return found


def total_row(html: str) -> dict[str, str]:
    body = re.search(r'<tr data-testid="cluster-total">(.*?)</tr>', html, re.S)
    assert body is not None
    return {code: _text(cell) for code, cell in re.findall(CELL, body.group(1), re.S)}


def test_cluster_3_totals_of_2023_are_the_roll_up_of_its_members() -> None:
    members = cluster_3_2023()
    page = client_for("canbo.daklak").get(url(term(3, 2023)))  # Đắk Lắk is a member in 2023
    assert page.status_code == 200
    html = page.content.decode()
    totals = total_row(html)
    assert set(totals) >= set(CLUSTER_3_2023_TOTALS)
    assert totals["cadres_trained_or_retrained"] == "1.722"
    assert totals["personnel_moves"] == "757"
    assert totals["dismissals_or_resignations"] == "20"
    assert totals["new_party_members_admitted"] == "20.777"
    rows = rows_of(html)
    assert set(rows) == {m.pk for m in members}
    # Each member's row shows the part of the 757 moves its report holds.
    moves = split(CLUSTER_3_2023_TOTALS["personnel_moves"], SPLIT_WEIGHTS)
    assert {pk: row["personnel_moves"] for pk, row in rows.items()} == {
        member.pk: vn(part) for member, part in zip(members, moves, strict=True)
    }


def test_the_cluster_s_staff_department_secretariat_and_council_may_open_it() -> None:
    cluster_4 = url(term(4, 2018))
    for username in ["canbo.binhduong", "canbo.longan", "theodoi", "thuongtruc", "hoidong"]:
        assert client_for(username).get(cluster_4).status_code == 200, username


def test_a_board_outside_the_cluster_is_refused() -> None:
    refused = client_for("canbo.daklak").get(url(term(4, 2018)))  # Đắk Lắk: not in cluster 4
    assert refused.status_code == 403
    assert "chỉ dành cho thành viên cụm" in refused.content.decode()
    assert client_for("canbo.longan").get(url(term(3, 2023))).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    response = Client().get(url(term(4, 2018)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_only_accepted_figures_show_with_their_targets_and_progress() -> None:
    share, moves = indicator("staff_streamlined_share"), indicator("personnel_moves")
    year_2018 = period(2018)
    binh_duong, long_an, lam_dong = board("74-63"), board("80-63"), board("68-63")
    report(binh_duong, year_2018, {share: (61, 1151), moves: 61})  # 5.30 % (as seed 001)
    report(long_an, year_2018, {share: (990, 1000), moves: 987}, status=ReportStatus.SUBMITTED)
    report(lam_dong, year_2018, {share: (970, 1000), moves: 975}, status=ReportStatus.DRAFT)
    target(binh_duong, share, 2018, 2021, D(10))
    target(long_an, moves, 2018, 2018, D(40))
    html = client_for("canbo.binhduong").get(url(term(4, 2018), f"ky={year_2018.pk}")).content
    page = html.decode()
    rows = rows_of(page)
    # The contract of the browser test: the row of the unit, the cell of the indicator.
    assert "5,30 %" in rows[binh_duong.pk]["staff_streamlined_share"]
    assert "Chỉ tiêu: 10 %" in rows[binh_duong.pk]["staff_streamlined_share"]
    assert "Đạt 53 %" in rows[binh_duong.pk]["staff_streamlined_share"]
    assert rows[binh_duong.pk]["personnel_moves"] == "61"
    # Submitted, not yet accepted; and a draft: neither value is shown anywhere.
    assert rows[long_an.pk]["personnel_moves"] == "— Chỉ tiêu: 40"
    assert rows[lam_dong.pk]["personnel_moves"] == "—"
    assert rows[long_an.pk]["staff_streamlined_share"] == "—"
    assert rows[lam_dong.pk]["staff_streamlined_share"] == "—"
    for hidden in ("987", "975"):
        assert hidden not in page
    assert total_row(page)["personnel_moves"] == "61"


def test_the_default_period_is_the_latest_with_accepted_figures() -> None:
    moves = indicator("personnel_moves")
    year_2018 = period(2018)
    report(board("74-63"), year_2018, {moves: 12})
    later = open_period(title="Báo cáo đột xuất cuối năm 2018", as_of=dt.date(2018, 12, 31))
    page = client_for("canbo.longan").get(url(term(4, 2018))).content.decode()
    assert re.search(rf'<option value="{year_2018.pk}" selected>', page)
    assert rows_of(page)[board("74-63").pk]["personnel_moves"] == "12"
    chosen = client_for("canbo.longan").get(url(term(4, 2018), f"ky={later.pk}"))
    assert "Chưa có số liệu được tiếp nhận" in chosen.content.decode()


def test_missing_reports_are_listed_and_overdue_ones_marked() -> None:
    moves = indicator("personnel_moves")
    year_2018 = period(2018)
    upcoming = open_period(as_of=dt.date(2018, 9, 30), days_left=10)
    members = [m.unit for m in term(4, 2018).memberships.select_related("unit")]
    for unit in members[1:]:
        report(unit, year_2018, {moves: 5})
    report(members[0], year_2018, {moves: 5}, status=ReportStatus.DRAFT)  # a draft is not sent
    report(members[1], upcoming, {moves: 5}, status=ReportStatus.SUBMITTED)
    close(year_2018)  # its deadline (15/01/2019) has passed
    page = client_for("theodoi").get(url(term(4, 2018))).content.decode()
    blocks = dict(
        re.findall(
            r'<article data-testid="missing-period" data-period="(\d+)">(.*?)</article>', page, re.S
        )
    )
    overdue = blocks[str(year_2018.pk)]
    assert 'data-testid="overdue"' in overdue
    assert re.findall(r'data-testid="missing-unit" data-unit="(\d+)"', overdue) == [
        str(members[0].pk)
    ]
    pending = blocks[str(upcoming.pk)]
    assert 'data-testid="overdue"' not in pending
    waiting = {
        int(pk) for pk in re.findall(r'data-testid="missing-unit" data-unit="(\d+)"', pending)
    }
    assert waiting == {m.pk for m in members} - {members[1].pk}


def test_the_published_ranking_shows_with_a_link_to_the_results() -> None:
    plan, (a, b, c) = published_plan()  # 95.00, 85.67 and 67.00; the others 0, tied
    page = client_for("canbo.binhduong").get(url(term(4, 2018))).content.decode()
    assert reverse("scoring:results", args=[plan.pk]) in page
    ranked = re.findall(r'data-testid="rank-row" data-unit="(\d+)"', page)
    others = sorted(
        (u for u in members_of(plan.term) if u not in (a, b, c)), key=lambda u: u.sort_key
    )
    assert ranked == [str(u.pk) for u in (a, b, c, *others)]
    none = client_for("canbo.binhduong").get(url(term(4, 2017))).content.decode()
    assert 'data-testid="no-ranking"' in none


def test_the_chart_draws_each_member_s_progress_with_a_table_alternative() -> None:
    share = indicator("staff_streamlined_share")
    year_2018 = period(2018)
    binh_duong, long_an = board("74-63"), board("80-63")
    report(binh_duong, year_2018, {share: (61, 1151)})
    report(long_an, year_2018, {share: (240, 1000)})
    target(binh_duong, share, 2018, 2021, D(10))
    target(long_an, share, 2018, 2018, D(12))
    page = (
        client_for("canbo.binhduong")
        .get(url(term(4, 2018), f"ky={year_2018.pk}&chi_tieu=staff_streamlined_share"))
        .content.decode()
    )
    svg = re.search(r'<svg[^>]*id="cluster-chart".*?</svg>', page, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert 'aria-describedby="cluster-chart-table"' in svg.group(0)
    assert 'id="cluster-chart-table"' in page
    assert 'data-chart-png="cluster-chart"' in page
    assert "web/chart-png.js" in page
    bars = dict(re.findall(r'data-testid="bar" data-value="([\d.]*)" data-width="([\d.]+)"', page))
    # 53 % and 200 % of their targets: the second bar is as long as the axis allows.
    assert set(bars) == {"53.00", "200.00", ""}
    assert D(bars["200.00"]) > D(bars["53.00"]) > 0
    assert 'data-testid="reference"' in svg.group(0)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ky=abc", "Kỳ báo cáo “abc” không thuộc năm của nhiệm kỳ cụm"),
        ("ky=999999", "Kỳ báo cáo “999999” không thuộc năm của nhiệm kỳ cụm"),
        ("chi_tieu=khong_co", "Không có chỉ tiêu “khong_co”."),
    ],
)
def test_a_bad_choice_in_the_address_is_said_in_vietnamese(query: str, message: str) -> None:
    report(board("74-63"), period(2018), {indicator("personnel_moves"): 3})
    response = client_for("canbo.binhduong").get(url(term(4, 2018), query))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'data-testid="member-row"' in response.content.decode()  # the defaults still show


def _queries(client: Client, path: str, at_most: Any) -> int:
    with at_most(LIMIT) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_members_reports_or_indicators(
    django_assert_max_num_queries: Any,
) -> None:
    year_2018 = period(2018)
    codes = ["personnel_moves", "cadres_trained_or_retrained", "new_party_members_admitted"]
    members = [m.unit for m in term(4, 2018).memberships.select_related("unit")]
    client = client_for("canbo.binhduong")
    report(members[-1], year_2018, {indicator(codes[0]): 1})
    client.get(url(term(4, 2018)))  # sessions and caches warm
    few = _queries(client, url(term(4, 2018)), django_assert_max_num_queries)
    # Six accepted reports with three figures and a target each; five more only submitted,
    # with a fourth indicator that nobody has an accepted figure of.
    share = indicator("staff_streamlined_share")
    for i, unit in enumerate(members):
        figures: dict[Indicator, Figure] = {indicator(code): 10 + i for code in codes}
        target(unit, indicator(codes[0]), 2018, 2018, D(20))
        if i < 5:
            report(unit, year_2018, {**figures, share: (5, 100)}, status=ReportStatus.SUBMITTED)
        else:
            report(unit, year_2018, figures)
    many = _queries(client, url(term(4, 2018)), django_assert_max_num_queries)
    assert few == many
    page = client.get(url(term(4, 2018))).content.decode()
    assert len(rows_of(page)) == len(members)
    assert all(len(cells) == len(codes) for cells in rows_of(page).values())


def test_the_ranking_page_downloads_its_chart_with_the_shared_script() -> None:
    plan, _units = published_plan()
    page = client_for("hoidong").get(reverse("scoring:results", args=[plan.pk]))
    html = page.content.decode()
    assert 'data-chart-png="ranking-chart"' in html
    assert f'data-filename="xep-hang-{plan.pk}.png"' in html
    assert "web/chart-png.js" in html
    assert "XMLSerializer" not in html  # no copy of the script inline any more


def test_an_indicator_without_accepted_figures_keeps_its_column_empty() -> None:
    """Nothing accepted yet is an answer, not a bad request."""
    report(board("74-63"), period(2018), {indicator("personnel_moves"): 3})
    response = client_for("canbo.binhduong").get(
        url(term(4, 2018), "chi_tieu=new_party_members_admitted")
    )
    assert response.status_code == 200
    html = response.content.decode()
    cells = re.findall(r'data-indicator="new_party_members_admitted">(.*?)</td>', html)
    assert len(cells) == term(4, 2018).memberships.count() + 1  # and the cluster's total
    assert set(cells) == {"—"}
