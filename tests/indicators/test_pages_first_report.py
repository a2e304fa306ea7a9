"""A unit's first report of a period: before anything is saved its staff see the empty form with
the unit's targets and download an empty Excel sheet naming the unit; uploading it filled (or
saving the form) creates the draft. A GET never creates a report, and outsiders learn nothing."""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.builders.people import client_for, persona, staff_of
from tests.builders.reports import (
    binh_duong,
    indicator,
    long_an,
    open_period,
    reporting_setting,
)
from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent
from thidua.indicators.models import (
    Indicator,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
)
from thidua.indicators.services.targets import target_set
from thidua.orgs.models import Unit

pytestmark = pytest.mark.django_db
D = Decimal
SHEET, IDENTITY = "Bao cao chi tieu", "_thidua"
X, Y, NOTE, TARGET = "E", "F", "G", "H"


@pytest.fixture(scope="module", autouse=True)
def _setting(module_db: None) -> None:
    reporting_setting()


@pytest.fixture
def period() -> ReportingPeriod:
    return open_period()


def url(name: str, period: ReportingPeriod, unit: Unit) -> str:
    return reverse(f"indicators:{name}", args=[period.pk, unit.pk])


def _target(unit: Unit, code: str, value: int, start: int = 2018, end: int = 2021) -> None:
    target_set(
        actor=persona("thuongtruc"),
        unit=unit,
        indicator=Indicator.objects.get(code=code),
        start_year=start,
        end_year=end,
        value=D(value),
    )


def _download(client: Client, period: ReportingPeriod, unit: Unit) -> bytes:
    response = client.get(url("report_excel", period, unit))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def _rows(content: bytes) -> dict[str, int]:
    ws = load_workbook(io.BytesIO(content))[SHEET]
    return {str(r[0].value): r[0].row for r in ws.iter_rows(min_row=8) if r[0].value}


def _filled(content: bytes, entries: dict[str, Any]) -> io.BytesIO:
    """Type into the sheet: ``{"staff_streamlined": 61, "staff_streamlined_share/F": 1151}``."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb[SHEET]
    rows = _rows(content)
    for key, value in entries.items():
        code, _slash, column = key.partition("/")
        ws[f"{column or X}{rows[code]}"] = value
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "bao-cao.xlsx"
    return out


def _reports(unit: Unit, period: ReportingPeriod) -> int:
    return Report.objects.filter(unit=unit, period=period).count()


def test_a_unit_without_a_report_sees_the_empty_form_with_its_targets(
    period: ReportingPeriod,
) -> None:
    unit = long_an()
    _target(unit, "staff_streamlined_share", 10)
    officer = client_for("canbo.longan")
    before = (Report.objects.count(), AuditEvent.objects.count())
    response = officer.get(url("report", period, unit))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="report-form"' in page
    assert 'data-testid="report-status">Chưa lập' in page
    active = list(Indicator.objects.filter(active=True).values_list("code", flat=True))
    assert page.count('data-testid="row-') == len(active)
    for code in active:
        assert f'name="x_{code}"' in page
    assert 'name="y_staff_streamlined_share"' in page
    assert 'data-testid="target-staff_streamlined_share">10 %' in page
    assert 'data-testid="target-staff_streamlined">—' in page
    assert 'data-testid="excel-download"' in page
    assert 'action="{}"'.format(url("report_excel_upload", period, unit)) in page
    assert 'data-testid="report-submit"' not in page  # nothing to submit yet
    assert (Report.objects.count(), AuditEvent.objects.count()) == before


def test_the_empty_page_runs_the_same_queries_with_more_targets(period: ReportingPeriod) -> None:
    unit, officer = long_an(), client_for("canbo.longan")
    officer.get(url("report", period, unit))  # sessions and translations warmed up

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer.get(url("report", period, unit)).status_code == 200
        return len(captured)

    few = queries()
    assert few <= 9, few  # one for the second factor's gate (thidua.accounts.middleware)
    for code in ("staff_streamlined", "focal_points_reduced", "personnel_moves"):
        _target(unit, code, 40, 2018, 2018)
    assert queries() == few


def test_the_empty_sheet_names_the_unit_and_lists_the_catalogue(period: ReportingPeriod) -> None:
    unit = long_an()
    _target(unit, "staff_streamlined_share", 10)
    before = Report.objects.count()
    content = _download(client_for("canbo.longan"), period, unit)
    assert Report.objects.count() == before  # a download creates nothing
    wb = load_workbook(io.BytesIO(content))
    identity = {r[0]: r[1] for r in wb[IDENTITY].iter_rows(max_col=2, values_only=True) if r[0]}
    assert identity["unit_code"] == "BTC-80-63"
    assert identity["period_id"] == str(period.pk)
    assert identity["period_kind"] == "ad_hoc"
    assert identity.get("report_id") in {None, ""}  # no report yet
    ws = wb[SHEET]
    assert ws["A2"].value == "Đơn vị: Ban Tổ chức Tỉnh ủy Long An (BTC-80-63)"
    assert str(ws["A4"].value).startswith("Trạng thái: Chưa lập")
    rows = _rows(content)
    active = set(Indicator.objects.filter(active=True).values_list("code", flat=True))
    assert set(rows) - {"Mã chỉ tiêu"} == active
    assert all(ws[f"{X}{row}"].value is None for code, row in rows.items() if code in active)
    assert ws[f"{TARGET}{rows['staff_streamlined_share']}"].value == "10 % (2018–2021)"
    assert not ws[f"{X}{rows['staff_streamlined']}"].protection.locked


def test_uploading_the_filled_empty_sheet_creates_the_draft(period: ReportingPeriod) -> None:
    unit, officer = long_an(), client_for("canbo.longan")
    content = _download(officer, period, unit)
    upload = _filled(
        content,
        {
            "staff_streamlined": 61,
            "staff_streamlined/G": "6 tháng đầu năm",
            "staff_streamlined_share": 61,
            "staff_streamlined_share/F": "1 151",
        },
    )
    saves = AuditEvent.objects.filter(action="report.save").count()
    response = officer.post(url("report_excel_upload", period, unit), {"file": upload})
    assert response.status_code == 302
    report = Report.objects.get(unit=unit, period=period)
    assert report.status == ReportStatus.DRAFT
    values = {v.indicator.code: (v.value, v.denominator, v.note) for v in report.values.all()}
    assert values == {
        "staff_streamlined": (D(61), None, "6 tháng đầu năm"),
        "staff_streamlined_share": (D(61), D(1151), ""),
    }
    assert AuditEvent.objects.filter(action="report.save").count() == saves + 1
    page = officer.get(url("report", period, unit)).content.decode()
    assert 'data-testid="report-status">Đang soạn' in page
    assert 'value="1151"' in page
    leader = Client()
    leader.force_login(staff_of(unit))
    assert leader.post(url("report_submit", period, unit)).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_bad_first_upload_reports_every_cell_and_creates_nothing(
    period: ReportingPeriod,
) -> None:
    unit, officer = long_an(), client_for("canbo.longan")
    content = _download(officer, period, unit)
    rows = _rows(content)
    upload = _filled(
        content,
        {
            "staff_streamlined": -3,
            "staff_streamlined_share": 2489,
            "staff_streamlined_share/F": 245,
        },
    )
    before = (Report.objects.count(), ReportValue.objects.count())
    response = officer.post(url("report_excel_upload", period, unit), {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp Excel có lỗi, chưa lưu gì." in page
    assert f"Dòng {rows['staff_streamlined']} — {indicator('staff_streamlined').name}" in page
    assert "không được âm" in page
    assert "không được lớn hơn mẫu số y" in page
    assert (Report.objects.count(), ReportValue.objects.count()) == before


def test_an_empty_sheet_is_refused_once_the_report_was_saved(period: ReportingPeriod) -> None:
    unit, officer = long_an(), client_for("canbo.longan")
    content = _download(officer, period, unit)
    saved = officer.post(url("report", period, unit), {"x_staff_streamlined": "12"})
    assert saved.status_code == 302
    upload = _filled(content, {"staff_streamlined": 99})
    response = officer.post(url("report_excel_upload", period, unit), {"file": upload})
    assert response.status_code == 400
    assert "báo cáo đã được lập sau đó" in response.content.decode()
    value = ReportValue.objects.get(report__unit=unit, report__period=period)
    assert value.value == D(12)


def test_an_empty_sheet_of_another_unit_is_refused(period: ReportingPeriod) -> None:
    theirs = _download(client_for("canbo.binhduong"), period, binh_duong())
    upload = _filled(theirs, {"staff_streamlined": 5})
    officer = client_for("canbo.longan")
    response = officer.post(url("report_excel_upload", period, long_an()), {"file": upload})
    assert response.status_code == 400
    assert "đơn vị có mã BTC-74-63" in response.content.decode()
    assert _reports(long_an(), period) == _reports(binh_duong(), period) == 0


def test_no_first_upload_after_the_deadline() -> None:
    closed = open_period(title="Báo cáo đã hết hạn", days_left=-1)
    unit, officer = long_an(), client_for("canbo.longan")
    upload = _filled(_download(officer, closed, unit), {"staff_streamlined": 5})
    response = officer.post(url("report_excel_upload", closed, unit), {"file": upload})
    assert response.status_code == 400
    assert "Đã quá hạn nộp báo cáo" in response.content.decode()
    assert _reports(unit, closed) == 0


def test_an_outsider_learns_nothing_before_any_report(period: ReportingPeriod) -> None:
    unit = binh_duong()
    content = _download(client_for("canbo.binhduong"), period, unit)
    before = (Report.objects.count(), AuditEvent.objects.count())
    daklak = client_for("canbo.daklak")
    assert daklak.get(url("report", period, unit)).status_code == 404
    assert daklak.get(url("report_excel", period, unit)).status_code == 404
    upload = _filled(content, {"staff_streamlined": 5})
    assert daklak.post(url("report_excel_upload", period, unit), {"file": upload}).status_code in {
        403,
        404,
    }
    refused = daklak.post(url("report", period, unit), {"x_staff_streamlined": "5"})
    assert refused.status_code in {403, 404}
    assert (Report.objects.count(), AuditEvent.objects.count()) == before


def test_a_reader_who_may_not_prepare_sees_no_form_and_cannot_upload(
    period: ReportingPeriod,
) -> None:
    unit = long_an()
    observer = Client()
    observer.force_login(staff_of(unit, Role.OBSERVER))
    page = observer.get(url("report", period, unit))
    assert page.status_code == 200
    assert 'data-testid="report-form"' not in page.content.decode()
    content = _download(observer, period, unit)  # reading the empty sheet is harmless
    upload = _filled(content, {"staff_streamlined": 5})
    response = observer.post(url("report_excel_upload", period, unit), {"file": upload})
    assert response.status_code == 403
    assert _reports(unit, period) == 0
