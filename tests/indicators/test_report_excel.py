"""The Excel round trip of a report: real .xlsx files written, filled as a user would, read back."""

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.builders.people import persona, staff_of
from tests.builders.reports import (
    binh_duong,
    figures,
    indicator,
    long_an,
    open_period,
    reporting_setting,
    save,
)
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.indicators.excel.upload import report_sheet_build, report_sheet_upload
from thidua.indicators.models import Indicator, Report, ReportingPeriod, ReportValue
from thidua.indicators.services.reports import report_submit
from thidua.indicators.services.targets import target_set

pytestmark = pytest.mark.django_db
D = Decimal
SHEET = "Bao cao chi tieu"
X, Y, NOTE = "E", "F", "G"


@pytest.fixture(scope="module", autouse=True)
def _setting(module_db: None) -> None:
    reporting_setting()


@pytest.fixture
def period() -> ReportingPeriod:
    return open_period()


@pytest.fixture
def report(period: ReportingPeriod) -> Report:
    return save(
        persona("canbo.longan"),
        long_an(),
        period,
        figures(staff_streamlined=61, focal_points_reduced=7),
        notes={"staff_streamlined": "6 tháng đầu năm"},
    )


def _rows(ws: Worksheet) -> dict[str, int]:
    return {str(r[0].value): r[0].row for r in ws.iter_rows(min_row=8) if r[0].value}


def _filled(content: bytes, entries: dict[str, Any]) -> bytes:
    """Type into the sheet: ``{"staff_streamlined": 63, "staff_streamlined_share/F": 1150}``."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb[SHEET]
    rows = _rows(ws)
    for key, value in entries.items():
        code, _slash, column = key.partition("/")
        ws[f"{column or X}{rows[code]}"] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _values(report: Report) -> dict[str, tuple[Decimal, Decimal | None]]:
    return {
        v.indicator.code: (v.value, v.denominator)
        for v in ReportValue.objects.filter(report=report).select_related("indicator")
    }


def test_the_sheet_lists_the_catalogue_prefilled_and_protected(report: Report) -> None:
    target_set(
        actor=persona("thuongtruc"),
        unit=long_an(),
        indicator=Indicator.objects.get(code="staff_streamlined_share"),
        start_year=2018,
        end_year=2021,
        value=D(10),
    )
    wb = load_workbook(io.BytesIO(report_sheet_build(report=report)))
    ws = wb[SHEET]
    rows = _rows(ws)
    assert set(rows) - {"Mã chỉ tiêu"} == set(
        Indicator.objects.filter(active=True).values_list("code", flat=True)
    )
    line = rows["staff_streamlined"]
    assert ws[f"{X}{line}"].value == 61
    assert ws[f"{NOTE}{line}"].value == "6 tháng đầu năm"
    assert ws[f"B{rows['staff_streamlined_share']}"].value.endswith(
        "x: Số biên chế đã tinh giản; y: Tổng biên chế được giao"
    )
    assert ws[f"H{rows['staff_streamlined_share']}"].value == "10 % (2018–2021)"
    assert ws.protection.sheet
    assert not ws[f"{X}{line}"].protection.locked
    assert ws[f"{Y}{line}"].protection.locked  # a count has no y
    assert not ws[f"{Y}{rows['staff_streamlined_share']}"].protection.locked
    identity = {r[0]: r[1] for r in wb["_thidua"].iter_rows(max_col=2, values_only=True) if r[0]}
    assert identity["report_id"] == str(report.pk)
    assert identity["unit_code"] == "BTC-80-63"
    assert identity["period_id"] == str(report.period_id)
    assert (identity["period_year"], identity["period_kind"]) == ("2018", "ad_hoc")
    assert wb["_thidua"].sheet_state == "hidden"


def test_a_filled_sheet_saves_every_figure_at_once(report: Report) -> None:
    content = _filled(
        report_sheet_build(report=report),
        {
            "staff_streamlined": 63,
            "staff_streamlined_share": 63,
            "staff_streamlined_share/F": "1 150",
            "work_programme_completion": "87,5",
            "emulation_plan_issued": 1,
            "focal_points_reduced": None,  # cleared
            "focal_points_reduced/G": None,
        },
    )
    saved = report_sheet_upload(actor=persona("canbo.longan"), report=report, content=content)
    assert saved == 4
    assert _values(report) == {
        "staff_streamlined": (D(63), None),
        "staff_streamlined_share": (D(63), D(1150)),
        "work_programme_completion": (D("87.5"), None),
        "emulation_plan_issued": (D(1), None),
    }
    report.refresh_from_db()
    assert report.results.startswith("Hoàn thành")  # the narrative is not in the sheet


def test_every_bad_cell_is_reported_and_nothing_is_saved(report: Report) -> None:
    content = _filled(
        report_sheet_build(report=report),
        {
            "staff_streamlined": "sáu mươi",
            "staff_streamlined_share": 2489,
            "staff_streamlined_share/F": 245,
            "focal_points_reduced": -4,
            "job_position_schemes_approved/F": 24,
        },
    )
    rows = _rows(load_workbook(io.BytesIO(content))[SHEET])
    before = (_values(report), ReportValue.objects.count())
    with pytest.raises(ValidationFailedError) as refused:
        report_sheet_upload(actor=persona("canbo.longan"), report=report, content=content)
    problems = refused.value.problems

    def place(row: int, code: str) -> str:
        return f"Dòng {row} — {indicator(code).name}"

    assert set(problems) == {
        place(rows["staff_streamlined"], "staff_streamlined"),
        place(rows["staff_streamlined_share"], "staff_streamlined_share"),
        place(rows["focal_points_reduced"], "focal_points_reduced"),
        place(rows["job_position_schemes_approved"], "job_position_schemes_approved"),
    }
    assert "không phải là số" in problems[place(rows["staff_streamlined"], "staff_streamlined")][0]
    assert (
        "không được lớn hơn mẫu số"
        in problems[place(rows["staff_streamlined_share"], "staff_streamlined_share")][0]
    )
    assert (
        "không được âm" in problems[place(rows["focal_points_reduced"], "focal_points_reduced")][0]
    )
    assert (_values(report), ReportValue.objects.count()) == before


def test_a_file_made_for_another_period_is_refused(report: Report) -> None:
    other_period = open_period(title="Báo cáo chuyên đề tinh giản biên chế")
    other = save(persona("canbo.longan"), long_an(), other_period, figures(staff_streamlined=1))
    content = _filled(report_sheet_build(report=other), {"staff_streamlined": 99})
    before = _values(report)
    with pytest.raises(ValidationFailedError) as refused:
        report_sheet_upload(actor=persona("canbo.longan"), report=report, content=content)
    assert refused.value.message.startswith(
        "Tệp được lập cho kỳ “Báo cáo chuyên đề tinh giản biên chế”"
    )
    assert "không phải kỳ “Báo cáo đột xuất năm 2018”" in refused.value.message
    assert _values(report) == before
    assert _values(other) == {"staff_streamlined": (D(1), None)}


def test_a_file_made_for_another_unit_is_refused(report: Report, period: ReportingPeriod) -> None:
    theirs = save(persona("canbo.binhduong"), binh_duong(), period, figures(staff_streamlined=5))
    content = report_sheet_build(report=theirs)
    with pytest.raises(ValidationFailedError, match="đơn vị có mã BTC-74-63"):
        report_sheet_upload(actor=persona("canbo.longan"), report=report, content=content)
    # and Bình Dương's officer may not upload into Long An's report at all
    with pytest.raises(PermissionDeniedError):
        report_sheet_upload(actor=persona("canbo.binhduong"), report=report, content=content)


def test_a_file_that_is_not_an_xlsx_or_not_ours_is_refused(report: Report) -> None:
    officer = persona("canbo.longan")
    with pytest.raises(ValidationFailedError, match="không phải tệp Excel"):
        report_sheet_upload(actor=officer, report=report, content=b"%PDF-1.4 not a workbook")
    blank = io.BytesIO()
    Workbook().save(blank)
    with pytest.raises(ValidationFailedError, match="thiếu phần định danh"):
        report_sheet_upload(actor=officer, report=report, content=blank.getvalue())


def test_a_submitted_report_takes_no_upload(report: Report) -> None:
    content = _filled(report_sheet_build(report=report), {"staff_streamlined": 70})
    report_submit(actor=staff_of(long_an()), report=report)
    with pytest.raises(DomainError):
        report_sheet_upload(actor=persona("canbo.longan"), report=report, content=content)
    assert _values(report)["staff_streamlined"] == (D(61), None)
