"""In a real browser: the secretariat opens 2026 for cluster 4 from 2018, elects its head with
the decision, creates a board's staff accounts from an Excel file and hands one of them a
one-time link; its holder sets a password with it and signs in, and the link is dead after."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import FilePayload, Page, expect

from tests.browser.steps import sign_in
from tests.builders.clusters import board, term
from tests.builders.people import PASSWORD, persona
from thidua.accounts.excel.template import staff_template_build
from thidua.orgs.models import ClusterTerm

HCM = "Ban Tổ chức Thành ủy Hồ Chí Minh"
NEW_PASSWORD = "Mat-khau-moi-2026!"


@pytest.fixture
def cluster_4_of_2018(transactional_db: None) -> ClusterTerm:
    persona("thuongtruc")
    return term(4, 2018)


def _staff_file() -> bytes:
    wb = load_workbook(io.BytesIO(staff_template_build([board("79")])))
    ws = wb["Tài khoản"]
    ws.append(["Phạm Thị Hoa", "hoa.pt.hcm", None, "Cán bộ đơn vị", "BTC-79"])
    ws.append(["Đỗ Văn Minh", "minh.dv.hcm", None, "Lãnh đạo đơn vị", "BTC-79"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_secretariat_sets_up_2026_and_a_new_officer_signs_in(
    cluster_4_of_2018: ClusterTerm, page: Page
) -> None:
    sign_in(page, "thuongtruc", PASSWORD)
    page.goto("/cum/?nam=2018")
    page.get_by_test_id("rollover-link").click()
    page.get_by_test_id("rollover-years").get_by_label("Lập cho năm").fill("2026")
    page.get_by_role("button", name="Xem đề xuất").click()
    expect(page.get_by_test_id("replacement").first).to_be_visible()
    page.get_by_test_id("rollover-form").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/cum/\?nam=2026$"))

    page.get_by_role("link", name=cluster_4_of_2018.cluster.name).click()
    page.get_by_test_id("term-adjust-link").click()
    form = page.get_by_test_id("officer-form")
    form.get_by_label("Đơn vị").select_option(label=HCM)
    form.get_by_label("Vai trò mới").select_option(label="Cụm trưởng")
    form.get_by_label("Quyết định (").fill("Bầu tại Hội nghị tổng kết ngày 08/01/2026")
    form.get_by_role("button", name="Ghi thay đổi").click()
    expect(page.get_by_test_id("adjust-head")).to_have_text(HCM)
    expect(page.get_by_test_id("officer-changes")).to_contain_text("08/01/2026")

    page.get_by_role("navigation").get_by_role("link", name="Tài khoản", exact=True).click()
    page.get_by_test_id("import-form").locator('input[type="file"]').set_input_files(
        files=FilePayload(
            name="can-bo-hcm.xlsx",
            mimeType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            buffer=_staff_file(),
        )
    )
    page.get_by_role("button", name="Nhập tài khoản").click()
    expect(page.get_by_role("status")).to_contain_text("Đã tạo 2 tài khoản")
    page.get_by_test_id("account-hoa.pt.hcm").get_by_role("link").click()
    page.get_by_role("button", name="Cấp liên kết đặt mật khẩu").click()
    link = page.get_by_test_id("reset-link").input_value()
    assert "/accounts/dat-mat-khau/" in link

    page.get_by_test_id("logout").click()
    page.goto(link)
    page.locator('input[name="new_password1"]').fill(NEW_PASSWORD)
    page.locator('input[name="new_password2"]').fill(NEW_PASSWORD)
    page.get_by_role("button", name="Đặt mật khẩu").click()
    expect(page.get_by_test_id("reset-done")).to_be_visible()
    sign_in(page, "hoa.pt.hcm", NEW_PASSWORD)
    page.get_by_test_id("logout").click()
    page.goto(link)
    expect(page.get_by_test_id("reset-dead")).to_be_visible()
