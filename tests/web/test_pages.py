"""Every page: who may open it, who may not, and a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders.clusters import board, boards_valid_in, cluster_term, term
from tests.builders.people import client_for

pytestmark = pytest.mark.django_db


def _pages() -> list[str]:
    return [
        reverse("web:home"),
        reverse("web:units"),
        reverse("web:units") + "?q=binh+duong",
        reverse("web:unit", args=[board("79").pk]),
        reverse("web:unit_children", args=[board("79").parent_id]),
        reverse("web:clusters") + "?nam=2018",
        reverse("web:term", args=[term(4, 2018).pk]),
    ]


def test_anonymous_requests_get_the_login_page() -> None:
    for url in [*_pages(), reverse("web:audit")]:
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


def test_directory_pages_open_for_every_signed_in_role() -> None:
    for username in ["canbo.longan", "theodoi", "hoidong"]:
        client = client_for(username)
        for url in _pages():
            assert client.get(url).status_code == 200, (username, url)


def test_search_without_diacritics_finds_the_board() -> None:
    page = client_for("canbo.longan").get(reverse("web:units") + "?q=binh+duong").content.decode()
    assert "Ban Tổ chức Tỉnh ủy Bình Dương" in page
    assert "Long An" not in page


def test_term_page_shows_head_deputies_and_regulation() -> None:
    page = client_for("canbo.daklak").get(reverse("web:term", args=[term(4, 2018).pk]))
    html = page.content.decode()
    head = re.search(r'data-testid="term-head">(.*?)</dd>', html, re.S)
    deputies = re.search(r'data-testid="term-deputies">(.*?)</dd>', html, re.S)
    assert head is not None
    assert deputies is not None
    assert "Ban Tổ chức Tỉnh ủy Bình Dương" in head.group(1)
    assert "Long An" in deputies.group(1)
    assert "Lâm Đồng" in deputies.group(1)
    assert "01-QC/CTĐ" in html
    assert "Không gian làm việc" not in html  # cluster 3 board sees no link to cluster 4's


def test_unit_page_shows_lineage_and_inherited_history() -> None:
    term(4, 2018)  # Bình Dương's term, inherited by the 2025 Hồ Chí Minh board
    html = client_for("canbo.longan").get(reverse("web:unit", args=[board("79").pk])).content
    text = html.decode()
    assert "Ban Tổ chức Tỉnh ủy Bình Dương" in text
    assert "Nghị quyết 202/2025/QH15" in text
    assert "Cụm thi đua số 4" in text


def test_a_board_of_cluster_3_cannot_open_the_cluster_4_workspace() -> None:
    url = reverse("web:term_workspace", args=[term(4, 2018).pk])
    response = client_for("canbo.daklak").get(url)
    assert response.status_code == 403
    assert "chỉ dành cho thành viên" in response.content.decode()
    own = client_for("canbo.daklak").get(reverse("web:term_workspace", args=[term(3, 2023).pk]))
    assert own.status_code == 200


def test_the_head_sees_its_powers_and_the_officer_decisions_in_the_workspace() -> None:
    url = reverse("web:term_workspace", args=[term(4, 2018).pk])
    html = client_for("canbo.binhduong").get(url).content.decode()
    assert 'data-testid="can-manage"' in html
    assert "05/01/2018" in html
    assert 'data-testid="can-manage"' not in client_for("theodoi").get(url).content.decode()


def test_the_workspace_tells_the_secretariat_its_own_powers_not_a_head_s() -> None:
    url = reverse("web:term_workspace", args=[term(4, 2018).pk])
    head = client_for("canbo.binhduong").get(url).content.decode()
    assert "Đơn vị của bạn là cụm trưởng hoặc cụm phó năm nay." in head
    secretariat = client_for("thuongtruc").get(url).content.decode()
    assert "Đơn vị của bạn là cụm trưởng" not in secretariat
    assert "quyền của Thường trực thi đua ngành" in secretariat
    member = client_for("canbo.longan").get(url).content.decode()  # a deputy in 2018
    assert "Đơn vị của bạn là cụm trưởng hoặc cụm phó năm nay." in member


def test_the_workspace_lists_the_member_accounts_as_contacts() -> None:
    url = reverse("web:term_workspace", args=[term(4, 2018).pk])
    client_for("canbo.longan")
    html = client_for("canbo.binhduong").get(url).content.decode()
    assert "Cán bộ Ban Tổ chức Long An" in html
    assert "Chưa có tài khoản nào" not in html


def test_a_cluster_dashboard_of_a_year_without_periods_says_so() -> None:
    url = reverse("web:dashboard_cluster", args=[term(4, 2018).pk])
    html = client_for("canbo.binhduong").get(url).content.decode()
    assert 'data-testid="no-periods"' in html
    assert "đã gửi đủ báo cáo" not in html


def test_an_officer_of_long_an_cannot_read_binh_duong_internal_data() -> None:
    url = reverse("web:unit_internal", args=[board("74-63").pk])
    assert client_for("canbo.longan").get(url).status_code == 403
    assert client_for("canbo.binhduong").get(url).status_code == 200
    assert client_for("thuongtruc").get(url).status_code == 200


def test_only_administrators_open_the_audit_view() -> None:
    url = reverse("web:audit")
    for username in ["canbo.binhduong", "thuongtruc", "hoidong", "theodoi"]:
        assert client_for(username).get(url).status_code == 403, username
    page = client_for("quantri").get(url + "?kiem_tra=1").content.decode()
    assert "Chuỗi nguyên vẹn" in page


def test_unknown_objects_are_404() -> None:
    client = client_for("canbo.longan")
    assert client.get(reverse("web:unit", args=[999999])).status_code == 404
    assert client.get(reverse("web:term", args=[999999])).status_code == 404


def test_pages_load_no_asset_from_outside() -> None:
    html = client_for("canbo.longan").get(reverse("web:home")).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client_for("canbo.longan").get(path).status_code == 200, path


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_pages_run_the_same_queries_with_2_or_6_members() -> None:
    long_an = board("80-63")
    small = cluster_term(50, 2019, [long_an, *boards_valid_in(2019, 1, exclude=[long_an])])
    large = cluster_term(51, 2020, [long_an, *boards_valid_in(2020, 5, exclude=[long_an])])
    client = client_for("canbo.longan")
    client.get(reverse("web:home"))  # the session and the translations warmed up
    clusters, units = reverse("web:clusters"), reverse("web:units")
    pairs = [
        (f"{clusters}?nam=2019", f"{clusters}?nam=2020"),
        (reverse("web:term", args=[small.pk]), reverse("web:term", args=[large.pk])),
        (f"{units}?q=binh+duong", f"{units}?q=xa"),  # 2 units found, then a full page
    ]
    for few, many in pairs:
        assert _queries(client, few) == _queries(client, many) <= 12, many
    # The home page also reads what waits on the reader (the plans they serve, the reporting
    # periods) and their unread notifications: one query each, whatever the data.
    assert _queries(client, reverse("web:home")) <= 15


def test_english_is_available() -> None:
    client = client_for("canbo.longan")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(reverse("web:home")).content.decode().startswith("<!doctype html>")
    assert 'lang="en"' in client.get(reverse("web:home")).content.decode()
