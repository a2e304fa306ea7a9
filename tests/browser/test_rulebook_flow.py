"""The secretariat reads the rule book, sets the base salary from a date, and tries the
Government-flag quota on a case, in a real browser under the Content-Security-Policy."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import sign_in
from tests.builders.people import PASSWORD, persona
from thidua.rulebook.services.loader import rulebook_load


@pytest.fixture
def loaded(transactional_db: None) -> None:
    """The rule book and the secretariat, committed before the browser starts."""
    rulebook_load()
    persona("thuongtruc")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_secretariat_sets_the_base_salary_and_tries_the_flag_quota(
    loaded: None, page: Page
) -> None:
    page.goto("/")
    sign_in(page, "thuongtruc", PASSWORD)
    page.get_by_test_id("nav-rulebook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Văn bản, quy định thi đua, khen thưởng"
    )
    flag_row = page.get_by_test_id("rule-government_flag.max_share_of_cluster_leaders-2024-01-01")
    expect(flag_row).to_contain_text("Công văn 5007/BNV-TĐKT")
    expect(flag_row).to_contain_text("[C] Đã xác nhận")

    # A new base salary from 2026: the 2024 value ends the day before.
    page.get_by_test_id("set-base_salary").click()
    page.get_by_label("Giá trị mới").fill("2.530.000")
    page.get_by_label("Áp dụng từ ngày").fill("2026-01-01")
    page.get_by_label("Điều, khoản, điểm (hoặc mục) làm căn cứ").fill("Điều 3")
    page.get_by_label("Lý do thay đổi").fill("Mức lương cơ sở mới")
    page.get_by_test_id("parameter-save").click()
    expect(page.get_by_text("Đã đặt giá trị mới cho tham số.")).to_be_visible()
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("2.530.000")
    expect(history).to_contain_text("01/07/2024 – 31/12/2025")

    # Fifteen cluster leaders allow three Government-flag proposals, not four.
    page.goto("/quy-dinh/thu-ap-dung/?rule=government_flag_quota")
    page.get_by_label("Ngày xét").fill("2025-12-01")
    page.get_by_label("Số tập thể dẫn đầu cụm, khối thi đua").fill("15")
    page.get_by_label("Số tập thể được đề nghị").fill("4")
    page.get_by_test_id("try-apply").click()
    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_have_attribute("data-outcome", "refused")
    expect(verdict).to_contain_text("được đề nghị tối đa 3")
    expect(verdict).to_contain_text("Công văn 5007/BNV-TĐKT")
