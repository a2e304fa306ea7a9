"""A board officer finds their board and the 2018 officers of cluster 4 in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.builders.clusters import term
from tests.builders.people import PASSWORD, persona
from thidua.orgs.models import ClusterTerm

BINH_DUONG = "Ban Tổ chức Tỉnh ủy Bình Dương"
LONG_AN = "Ban Tổ chức Tỉnh ủy Long An"
LAM_DONG = "Ban Tổ chức Tỉnh ủy Lâm Đồng"
CLUSTER_4 = "Cụm thi đua số 4"
LOGIN_PATH = "/accounts/dang-nhap/"
WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."


@pytest.fixture
def cluster_4(transactional_db: None) -> ClusterTerm:
    """Cluster 4 in 2018 and Bình Dương's officer, committed before the browser starts."""
    persona("canbo.binhduong")
    return term(4, 2018)


def submit_login(page: Page, username: str, password: str) -> None:
    """Fill the login form that is on screen and send it with its button."""
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_board_officer_finds_cluster_4_officers_of_2018(cluster_4: ClusterTerm, page: Page) -> None:
    page.goto(LOGIN_PATH)
    submit_login(page, "canbo.binhduong", PASSWORD)
    expect(page.get_by_test_id("logout")).to_contain_text("canbo.binhduong")

    # The unit directory, searched without diacritics through the live (HTMX) search.
    page.get_by_role("navigation").get_by_role("link", name="Đơn vị", exact=True).click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/don-vi/$"))
    page.locator("#unit-q").fill("binh duong")
    results = page.get_by_test_id("unit-results")
    board_row = results.get_by_role("row").filter(has_text="BTC-74-63")
    expect(board_row).to_have_count(1)
    expect(board_row.get_by_role("link")).to_have_text(BINH_DUONG)

    # The board's page lists its cluster history; open cluster 4 of 2018 from there.
    board_row.get_by_role("link", name=BINH_DUONG, exact=True).click()
    expect(page.get_by_test_id("unit-name")).to_have_text(BINH_DUONG)
    term_row = (
        page.get_by_test_id("history")
        .get_by_role("row")
        .filter(has=page.get_by_role("cell", name="2018", exact=True))
        .filter(has_text=CLUSTER_4)
    )
    expect(term_row).to_have_count(1)
    term_row.get_by_role("link").click()

    # The term page: who leads cluster 4 in 2018.
    expect(page).to_have_url(re.compile(r"/cum/nhiem-ky/\d+/$"))
    expect(page.get_by_test_id("term-title")).to_contain_text(CLUSTER_4)
    expect(page.locator("hgroup")).to_contain_text("Năm 2018")
    expect(page.get_by_test_id("term-head")).to_have_text(BINH_DUONG)
    deputies = page.get_by_test_id("term-deputies").get_by_role("link")
    expect(deputies).to_have_count(2)
    assert sorted(deputies.all_inner_texts()) == sorted([LONG_AN, LAM_DONG])
    members = page.get_by_test_id("term-members")
    expect(members).to_contain_text(BINH_DUONG)
    expect(members).to_contain_text(LONG_AN)
    expect(members).to_contain_text(LAM_DONG)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_anonymous_visitor_is_sent_to_login_and_wrong_password_is_refused(
    cluster_4: ClusterTerm, page: Page
) -> None:
    page.goto("/cum/")
    expect(page).to_have_url(re.compile(r"/accounts/dang-nhap/\?next=/cum/$"))
    expect(page.get_by_test_id("logout")).to_have_count(0)

    submit_login(page, "canbo.binhduong", "not-the-password")
    expect(page.get_by_test_id("login-error")).to_have_text(WRONG_CREDENTIALS)
    expect(page).to_have_url(re.compile(r"/accounts/dang-nhap/"))
    expect(page.get_by_test_id("logout")).to_have_count(0)

    # The right password then leads back to the page first asked for.
    submit_login(page, "canbo.binhduong", PASSWORD)
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/cum/$"))
    expect(page.get_by_test_id("logout")).to_contain_text("canbo.binhduong")
