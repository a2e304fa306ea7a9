"""A mid-year report's round in a real browser: a member board's officer fills the figures and
attaches the evidence, its leader submits; the cluster head returns it with a reason; the board
reworks the figure and submits again; the head accepts; the cluster's dashboard shows the new
figure, and only then.

Cluster 4 in 2018: Bình Dương is the head. The mid-year period of 2018 is opened by the
secretariat with a deadline still to come.
"""

import pytest
from django.db import connections
from playwright.sync_api import FilePayload, Page, expect

from tests.browser.steps import sign_in
from tests.builders import reports
from tests.builders.clusters import head_of, term
from tests.builders.people import PASSWORD, staff_of
from thidua.accounts.models import Role
from thidua.indicators.models import PeriodKind, Report, ReportingPeriod, ReportStatus
from thidua.orgs.models import OfficerRole, Unit

PDF = b"%PDF-1.4 bao cao so ket 6 thang dau nam 2018"
NEW_MEMBERS = "new_party_members_admitted"


@pytest.fixture(autouse=True)
def _orm_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    """The setup runs through the ORM while Playwright's event loop is alive."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _mid_year_2018() -> ReportingPeriod:
    reports.catalogue()
    return reports.period(2018, PeriodKind.MID_YEAR)


def _plain_member() -> Unit:
    """A member of cluster 4 in 2018 that is neither head nor deputy."""
    membership = (
        term(4, 2018)
        .memberships.filter(role=OfficerRole.MEMBER)
        .select_related("unit")
        .order_by("unit__code")
        .first()
    )
    assert membership is not None
    return membership.unit


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_mid_year_report_is_returned_reworked_accepted_and_shown(page: Page) -> None:
    try:
        _report_flow(page)
    finally:
        # Playwright's greenlet has its own database connection: close it, or the test
        # database cannot be dropped at the end of the session.
        connections.close_all()


def _report_flow(page: Page) -> None:
    period = _mid_year_2018()
    cluster = term(4, 2018)
    unit = _plain_member()
    officer, leader = staff_of(unit, Role.UNIT_OFFICER), staff_of(unit)
    head_staff = staff_of(head_of(cluster), Role.UNIT_OFFICER)
    report_url = f"/chi-tieu/bao-cao/{period.pk}/{unit.pk}/"
    dashboard_url = f"/tong-quan/cum/{cluster.pk}/?ky={period.pk}&chi_tieu={NEW_MEMBERS}"
    figure = f'[data-testid="member-row"][data-unit="{unit.pk}"] [data-indicator="{NEW_MEMBERS}"]'

    # The officer fills the figures and the narrative, saves, attaches the minutes.
    sign_in(page, officer.username, PASSWORD)
    page.goto(report_url)
    expect(page.get_by_test_id("report-status")).to_have_text("Chưa lập")
    page.locator(f'input[name="x_{NEW_MEMBERS}"]').fill("412")
    page.locator('textarea[name="results"]').fill("Kết nạp 412 đảng viên mới trong 6 tháng.")
    page.get_by_test_id("report-save").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đang soạn")
    form = page.get_by_test_id("file-form")
    form.locator('input[type="file"]').set_input_files(
        files=FilePayload(name="bien-ban-so-ket.pdf", mimeType="application/pdf", buffer=PDF)
    )
    page.get_by_test_id("file-attach").click()
    expect(page.get_by_test_id("files")).to_contain_text("bien-ban-so-ket.pdf")
    expect(page.get_by_test_id("report-submit")).to_have_count(0)  # officers do not submit

    # The leader submits.
    sign_in(page, leader.username, PASSWORD)
    page.goto(report_url)
    page.get_by_test_id("report-submit").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã gửi")

    # The head's officer returns it: the figure does not match the minutes.
    sign_in(page, head_staff.username, PASSWORD)
    page.goto(dashboard_url)
    expect(page.locator(figure)).to_have_count(1)
    expect(page.locator(figure)).not_to_contain_text("412")  # not accepted: not shown
    page.goto(report_url)
    return_form = page.get_by_test_id("return-form")
    return_form.locator('textarea[name="reason"]').fill("Số kết nạp chưa khớp biên bản: 421.")
    page.get_by_test_id("report-return").click()
    expect(page.get_by_test_id(f"member-status-{unit.code}")).to_have_text("Bị trả lại")

    # The board sees why, corrects the figure; its leader submits again.
    sign_in(page, officer.username, PASSWORD)
    page.goto(report_url)
    expect(page.get_by_test_id("return-reason")).to_contain_text("chưa khớp biên bản")
    page.locator(f'input[name="x_{NEW_MEMBERS}"]').fill("421")
    page.get_by_test_id("report-save").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Bị trả lại")
    sign_in(page, leader.username, PASSWORD)
    page.goto(report_url)
    page.get_by_test_id("report-submit").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã gửi")

    # The head accepts; the cluster's dashboard shows the corrected figure.
    sign_in(page, head_staff.username, PASSWORD)
    page.goto(report_url)
    page.get_by_test_id("report-accept").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã tiếp nhận")
    page.goto(dashboard_url)
    expect(page.locator(figure)).to_contain_text("421")

    report = Report.objects.get(period=period, unit=unit)
    assert report.status == ReportStatus.ACCEPTED
    assert report.values.get(indicator__code=NEW_MEMBERS).value == 421
    assert [f.name for f in report.files.all()] == ["bien-ban-so-ket.pdf"]
