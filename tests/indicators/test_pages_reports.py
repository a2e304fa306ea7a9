"""The report pages: a board officer saves, its leader submits, the cluster head returns with a
reason and then accepts, a correction keeps its history; bad input is refused beside its field
with nothing saved; outsiders and observers are kept out."""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.builders.clusters import board, plain_members, term
from tests.builders.people import client_for, client_of, staff_of
from tests.builders.reports import long_an, open_period, reporting_setting
from thidua.accounts.models import Role
from thidua.indicators.models import (
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    ReportValueChange,
)
from thidua.indicators.services.reports import report_file_attach, report_submit
from thidua.orgs.models import Unit

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(scope="module", autouse=True)
def _setting(module_db: None) -> None:
    reporting_setting()


@pytest.fixture
def period() -> ReportingPeriod:
    return open_period()


def url(name: str, period: ReportingPeriod, unit: Unit) -> str:
    return reverse(f"indicators:{name}", args=[period.pk, unit.pk])


def form_data(**extra: str) -> dict[str, str]:
    data = {
        "x_staff_streamlined": "61",
        "note_staff_streamlined": "Sơ kết 6 tháng",
        "x_staff_streamlined_share": "2489",
        "y_staff_streamlined_share": "22 345",
        "results": "Hoàn thành sắp xếp bộ máy.",
        "limitations": "Tiến độ còn chậm.",
        "directions": "Tiếp tục rà soát.",
    }
    return data | extra


def save(client: Client, period: ReportingPeriod, unit: Unit, **extra: str) -> Any:
    return client.post(url("report", period, unit), form_data(**extra))


def test_workflow_through_the_pages(period: ReportingPeriod) -> None:
    unit = long_an()
    officer = client_for("canbo.longan")
    response = save(officer, period, unit)
    assert response.status_code == 302
    report = Report.objects.get(unit=unit, period=period)
    assert {v.indicator.code: (v.value, v.denominator) for v in report.values.all()} == {
        "staff_streamlined": (D(61), None),
        "staff_streamlined_share": (D(2489), D(22345)),
    }
    page = officer.get(url("report", period, unit)).content.decode()
    assert 'data-testid="report-form"' in page
    assert "2489" in page
    assert 'data-testid="report-submit"' not in page  # an officer prepares, the leader submits

    leader = Client()
    leader.force_login(staff_of(unit))
    assert leader.post(url("report_submit", period, unit)).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    head = client_for("canbo.binhduong")
    board = head.get(reverse("indicators:period", args=[period.pk])).content.decode()
    assert 'data-testid="member-status-BTC-80-63">Đã gửi' in board
    no_reason = head.post(url("report_return", period, unit), {"reason": "  "})
    assert no_reason.status_code == 400
    assert "Phải ghi lý do trả lại." in no_reason.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    why = "Thiếu số liệu biên chế được giao."
    returned = head.post(url("report_return", period, unit), {"reason": why})
    # The report is the unit's again: the head goes back to the period, not to a 404.
    assert returned.status_code == 302
    assert returned["Location"] == reverse("indicators:period", args=[period.pk])
    report.refresh_from_db()
    assert (report.status, report.return_reason) == (ReportStatus.RETURNED, why)
    assert why in officer.get(url("report", period, unit)).content.decode()

    assert save(officer, period, unit, x_staff_streamlined="62").status_code == 302
    assert leader.post(url("report_submit", period, unit)).status_code == 302
    assert head.post(url("report_accept", period, unit)).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED

    correction = form_data(x_staff_streamlined="63", reason="Số liệu rà soát lại")
    no_reason = head.post(url("report_correct", period, unit), correction | {"reason": ""})
    assert no_reason.status_code == 400
    assert not ReportValueChange.objects.filter(report=report).exists()
    assert head.post(url("report_correct", period, unit), correction).status_code == 302
    change = ReportValueChange.objects.get(report=report)
    assert (change.old_value, change.new_value) == (D(62), D(63))
    history = officer.get(url("report", period, unit)).content.decode()
    assert 'data-testid="history"' in history
    assert "Số liệu rà soát lại" in history
    assert ReportValue.objects.get(report=report, indicator__code="staff_streamlined").value == 63


def test_y_below_x_is_refused_beside_the_field_and_nothing_saved(period: ReportingPeriod) -> None:
    unit = long_an()
    officer = client_for("canbo.longan")
    response = save(officer, period, unit, y_staff_streamlined_share="100")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'data-testid="error-staff_streamlined_share"' in body
    assert "không được lớn hơn mẫu số y" in body
    assert 'value="2489"' in body
    assert "Tiến độ còn chậm." in body
    assert not Report.objects.filter(unit=unit, period=period).exists()


def test_a_negative_count_is_refused(period: ReportingPeriod) -> None:
    unit = long_an()
    officer = client_for("canbo.longan")
    assert save(officer, period, unit).status_code == 302
    before = list(ReportValue.objects.filter(report__unit=unit).values_list("value", flat=True))
    response = save(officer, period, unit, x_staff_streamlined="-3")
    assert response.status_code == 400
    assert "Số liệu không được âm." in response.content.decode()
    after = list(ReportValue.objects.filter(report__unit=unit).values_list("value", flat=True))
    assert before == after


def test_an_officer_cannot_submit(period: ReportingPeriod) -> None:
    unit = long_an()
    officer = client_for("canbo.longan")
    save(officer, period, unit)
    assert officer.post(url("report_submit", period, unit)).status_code == 403
    assert Report.objects.get(unit=unit, period=period).status == ReportStatus.DRAFT


def test_outsiders_do_not_see_a_draft_and_the_observer_cannot_write(
    period: ReportingPeriod,
) -> None:
    unit = long_an()
    save(client_for("canbo.longan"), period, unit)
    daklak = client_for("canbo.daklak")
    assert daklak.get(url("report", period, unit)).status_code == 404
    assert daklak.post(url("report", period, unit), form_data()).status_code in {403, 404}
    assert daklak.get(url("report_excel", period, unit)).status_code == 404
    head = client_for("canbo.binhduong")
    assert head.get(url("report", period, unit)).status_code == 404  # still the unit's draft
    observer = client_for("theodoi")
    count = ReportValue.objects.count()
    assert observer.post(url("report", period, unit), form_data()).status_code in {403, 404}
    assert observer.post(url("report_submit", period, unit)).status_code in {403, 404}
    assert ReportValue.objects.count() == count


def test_the_excel_download_opens(period: ReportingPeriod) -> None:
    unit = long_an()
    officer = client_for("canbo.longan")
    save(officer, period, unit)
    response = officer.get(url("report_excel", period, unit))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    assert len(workbook.sheetnames) >= 2


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_pages_run_the_same_queries_with_one_report_or_several(period: ReportingPeriod) -> None:
    unit = long_an()
    officer = client_for("canbo.longan")
    save(officer, period, unit)
    boards = {"head": client_for("canbo.binhduong"), "secretariat": client_for("thuongtruc")}
    periods, board_page = (
        reverse("indicators:periods"),
        reverse("indicators:period", args=[period.pk]),
    )
    report_page = url("report", period, unit)

    def counts() -> tuple[dict[str, tuple[int, int]], int]:
        lists = {
            name: (_queries(c, periods), _queries(c, board_page)) for name, c in boards.items()
        }
        return lists, _queries(officer, report_page)

    few = counts()
    # Two more periods, three more members' reports, and more figures in Long An's.
    open_period(title="Báo cáo đột xuất lần hai năm 2018")
    open_period(title="Báo cáo đột xuất lần ba năm 2018")
    others = [u for u in plain_members(term(4, 2018)) if u != unit][:3]
    for member in others:
        save(client_of(staff_of(member, Role.UNIT_OFFICER)), period, member)
    save(officer, period, unit, x_focal_points_reduced="3", x_personnel_moves="12")
    assert counts() == few
    # The secretariat's board lists every member of every cluster of the year in as many
    # queries as the head's board of one cluster.
    # The secretariat's list also fills the new period form's two selects (terms, departments).
    lists, report = few
    form_selects = {"head": 0, "secretariat": 2}
    assert all(
        listed <= 5 + form_selects[name] and board <= 9 for name, (listed, board) in lists.items()
    ), lists
    assert report <= 12  # one for the second factor's gate (thidua.accounts.middleware)


def test_evidence_downloads_for_readers_only_and_never_inline(period: ReportingPeriod) -> None:
    """Long An's officer attaches the minutes; once submitted, the head (Bình Dương) reads
    them; Đắk Lắk, outside the cluster, cannot; a file of another report is not served here."""
    unit = long_an()
    officer = client_for("canbo.longan")
    assert save(officer, period, unit).status_code == 302
    report = Report.objects.get(unit=unit, period=period)
    minutes = b"%PDF-1.4 bien ban hop"
    stored = report_file_attach(
        actor=staff_of(unit, Role.UNIT_OFFICER), report=report, name="bien-ban.pdf", content=minutes
    )
    download = reverse("indicators:report_file", args=[period.pk, unit.pk, stored.pk])
    assert download in officer.get(url("report", period, unit)).content.decode()
    head = client_for("canbo.binhduong")
    assert head.get(download).status_code == 404  # a draft is the unit's own
    report_submit(actor=staff_of(unit), report=report)
    response = head.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == minutes  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for("canbo.daklak").get(download).status_code == 404
    other = reverse("indicators:report_file", args=[period.pk, board("74-63").pk, stored.pk])
    assert head.get(other).status_code == 404
