"""In a real browser, the year opened by its own people (issue 14's play-through): the
secretariat opens 2026 for cluster 4 from 2018 (the 2025 merger's successors shown and
confirmed), elects its head with the decision, creates a board's staff accounts from an Excel
file and hands one of them a one-time link (its holder sets a password with it and signs in;
the link is dead after), and opens the year's reporting periods. Once the head has put the
plan out for registration, a member's leader finds the registration in their inbox and
receives its reminder from the cron job."""

import datetime as dt
import io
import re

import pytest
from django.db import connections
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import FilePayload, Page, expect

from tests.browser.steps import sign_in
from tests.builders.clusters import board, term
from tests.builders.people import PASSWORD, persona, staff_of
from tests.builders.plans import small_plan
from thidua.accounts.excel.template import staff_template_build
from thidua.accounts.models import User
from thidua.indicators.models import ReportingPeriod
from thidua.orgs.models import ClusterTerm
from thidua.plans.models import PlanStage
from thidua.plans.services.plan import deadline_set
from thidua.web.services.reminders import reminders_send

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

    # The year's reporting periods, from the secretariat's page.
    sign_in(page, "thuongtruc", PASSWORD)
    for kind, title, as_of, due in [
        ("Sơ kết 6 tháng", "Sơ kết 6 tháng đầu năm 2026", "2026-06-30", "2026-12-20T17:00"),
        ("Tổng kết năm", "Tổng kết năm 2026", "2026-12-31", "2027-01-15T17:00"),
    ]:
        page.goto("/chi-tieu/ky/")
        page.locator("summary", has_text="Mở kỳ báo cáo mới").click()
        form = page.get_by_test_id("period-form")
        form.get_by_label("Năm").fill("2026")
        form.get_by_label("Loại kỳ").select_option(label=kind)
        form.get_by_label("Tên kỳ báo cáo").fill(title)
        form.get_by_label("Số liệu tính đến ngày").fill(as_of)
        form.get_by_label("Hạn nộp").fill(due)
        form.get_by_role("button", name="Mở kỳ báo cáo").click()
        expect(page.get_by_test_id("periods")).to_contain_text(title)
    assert ReportingPeriod.objects.filter(year=2026).count() == 2
    page.get_by_test_id("logout").click()

    # The new head puts its plan out for registration, due in three days (its own pages are
    # tested elsewhere); the imported leader of the head board gets a password.
    term_2026 = ClusterTerm.objects.get(cluster=cluster_4_of_2018.cluster, year=2026)
    plan = small_plan(term_2026)
    deadline_set(
        actor=staff_of(board("79")),
        plan=plan,
        stage=PlanStage.REGISTRATION,
        due=timezone.now() + dt.timedelta(days=3),
    )
    leader = User.objects.get(username="minh.dv.hcm")
    leader.set_password(PASSWORD)
    leader.save()
    connections.close_all()

    sign_in(page, "minh.dv.hcm", PASSWORD)
    item = page.get_by_test_id("inbox").get_by_test_id("inbox-item")
    expect(item.first).to_contain_text(f"Gửi đăng ký thi đua của {HCM}")
    reminders_send()  # the cron job
    connections.close_all()
    page.goto("/")
    notices = page.get_by_test_id("home-notifications").get_by_test_id("notification")
    expect(notices.first).to_contain_text("Nhắc việc")
