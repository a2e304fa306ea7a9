"""The layout of a report's downloadable Excel sheet (.xlsx) and its builder.

A hidden sheet names the report, its unit and its period, so that an upload
(``thidua.indicators.excel.upload``) is matched to the report it was made for. Before a unit's first
save the sheet is built from an unsaved report: every row empty, no report id, and the upload
of it creates the draft.
"""

from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.dates import datetime_text
from thidua.core.numbers import number_text, percent_text
from thidua.core.xlsx_write import (
    BOLD,
    BOX,
    ENTRY_FILL,
    HEADER_FILL,
    HEADING,
    PLAIN,
    SHUT_FILL,
    WRAP,
    data_sheet_finish,
    put,
    workbook_bytes,
)
from thidua.indicators.models import (
    Indicator,
    IndicatorKind,
    Report,
    ReportStatus,
    ReportValue,
    Target,
)
from thidua.indicators.selectors.catalogue import targets_in_force

SHEET = "Bao cao chi tieu"
FORMAT = "thidua.indicator_report/1"

CODE, NAME, KIND, MEASURE, X, Y, NOTE, TARGET = range(1, 9)
HEADER_ROW = 7
WIDTHS = {"A": 30, "B": 55, "C": 16, "D": 13, "E": 14, "F": 14, "G": 36, "H": 22}

NUMBER_FORMAT = "#,##0.##"


def _rule(kind: str) -> DataValidation:
    """Excel's own check while the sheet is filled; the upload checks everything again."""
    if kind == IndicatorKind.YES_NO:
        rule = DataValidation(type="list", formula1='"0,1"')
        rule.error = _("Chỉ nhập 1 (có) hoặc 0 (không).")
    elif kind == IndicatorKind.PERCENTAGE:
        rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
        rule.error = _("Tỷ lệ phần trăm phải từ 0 đến 100.")
    elif kind == IndicatorKind.COUNT:
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        rule.error = _("Số lượng là số nguyên không âm.")
    else:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        rule.error = _("Số liệu là số không âm.")
    rule.errorTitle = _("Số liệu chưa hợp lệ")
    rule.showErrorMessage = rule.allow_blank = True
    rule.errorStyle = "stop"
    return rule


def _title_block(ws: Worksheet, report: Report) -> None:
    period = report.period
    lines = [
        _("BÁO CÁO SỐ LIỆU CHỈ TIÊU"),
        _("Đơn vị: %(unit)s (%(code)s)") % {"unit": report.unit.name, "code": report.unit.code},
        _("Kỳ báo cáo: %(title)s — số liệu tính đến ngày %(as_of)s; hạn nộp %(deadline)s")
        % {
            "title": period.title,
            "as_of": f"{period.as_of:%d/%m/%Y}",
            "deadline": datetime_text(period.deadline),
        },
        _("Trạng thái: %(status)s; lập tệp lúc %(at)s")
        % {
            "status": ReportStatus(report.status).label if report.pk else _("Chưa lập"),
            "at": datetime_text(),
        },
        _(
            "Chỉ nhập vào các ô nền vàng: x (số liệu), y (chỉ với chỉ tiêu tỷ lệ: mẫu số) và "
            "ghi chú. Dòng để trống là chỉ tiêu không có số liệu. Phần thập phân dùng dấu phẩy "
            "(2,5). Tệp minh chứng và phần thuyết minh nhập trên trang báo cáo."
        ),
    ]
    for row, text in enumerate(lines, start=1):
        put(ws, row, 1, text, HEADING if row == 1 else PLAIN).alignment = Alignment(
            wrap_text=True, vertical="center", horizontal="center" if row == 1 else "left"
        )
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=TARGET)
    ws.row_dimensions[len(lines)].height = 48


def _name(indicator: Indicator) -> str:
    if indicator.kind != IndicatorKind.SHARE:
        return indicator.name
    return _("%(name)s\nx: %(x)s; y: %(y)s") % {
        "name": indicator.name,
        "x": indicator.numerator_label,
        "y": indicator.denominator_label,
    }


def _target_text(indicator: Indicator, target: Target | None) -> str:
    if target is None:
        return ""
    if indicator.kind in {IndicatorKind.SHARE, IndicatorKind.PERCENTAGE}:
        value = percent_text(target.value)
    else:
        value = number_text(target.value)
    years = (
        str(target.end_year)
        if target.start_year == target.end_year
        else f"{target.start_year}–{target.end_year}"
    )
    return _("%(value)s (%(years)s)") % {"value": value, "years": years}


def _values(report: Report) -> list[ReportValue]:
    """The report's figures; none before its first save."""
    return [] if report.pk is None else list(report.values.all())


def sheet_indicators(report: Report) -> list[Indicator]:
    """The rows of the sheet: the active catalogue, and any withdrawn indicator that the
    report already has a figure for, so that the figure is shown and kept."""
    used = {v.indicator_id for v in _values(report)}
    return [i for i in Indicator.objects.all() if i.active or i.pk in used]


def _table(ws: Worksheet, report: Report) -> dict[int, str]:
    headers = [
        _("Mã chỉ tiêu"),
        _("Tên chỉ tiêu"),
        _("Loại"),
        _("Đơn vị tính"),
        _("x (số liệu)"),
        _("y (mẫu số)"),
        _("Ghi chú"),
        _("Chỉ tiêu được giao"),
    ]
    for column, text in enumerate(headers, start=1):
        cell = put(ws, HEADER_ROW, column, text, BOLD)
        cell.fill, cell.border = HEADER_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    values = {v.indicator_id: v for v in _values(report)}
    targets = targets_in_force(unit=report.unit, year=report.period.year)
    rules = {kind: _rule(kind) for kind in IndicatorKind.values}
    rows: dict[int, str] = {}
    for row, indicator in enumerate(sheet_indicators(report), start=HEADER_ROW + 1):
        value = values.get(indicator.pk)
        share = indicator.kind == IndicatorKind.SHARE
        cells = {
            CODE: indicator.code,
            NAME: _name(indicator),
            KIND: str(IndicatorKind(indicator.kind).label),
            MEASURE: indicator.unit_of_measure,
            X: value.value if value else None,
            Y: value.denominator if value and share else None,
            NOTE: value.note if value else "",
            TARGET: _target_text(indicator, targets.get(indicator.code)),
        }
        placed: dict[int, Cell] = {}
        for column, content in cells.items():
            cell = placed[column] = put(ws, row, column, content)
            cell.border, cell.alignment = BOX, WRAP
            if column in {X, Y}:
                cell.number_format = NUMBER_FORMAT
        # A withdrawn indicator's row shows its figure but takes no new one.
        open_columns = ({X, NOTE} | ({Y} if share else set())) if indicator.active else set()
        for column in (X, Y, NOTE):
            if column in open_columns:
                placed[column].protection = Protection(locked=False)
                placed[column].fill = ENTRY_FILL
            else:
                placed[column].fill = SHUT_FILL
        for column in open_columns - {NOTE}:
            rules[indicator.kind].add(placed[column])
        rows[row] = indicator.code
    for rule in rules.values():
        if rule.sqref:
            ws.add_data_validation(rule)
    return rows


def _identity(report: Report) -> dict[str, Any]:
    period = report.period
    return {
        "format": FORMAT,
        "report_id": "" if report.pk is None else report.pk,
        "unit_code": report.unit.code,
        "period_id": period.pk,
        "period_year": period.year,
        "period_kind": period.kind,
        "period_title": period.title,
        "revision": report.revision,
    }


def report_sheet_build(*, report: Report) -> bytes:
    """The .xlsx sheet of ``report`` with one row per indicator, prefilled with its figures;
    ``report`` may be unsaved (``ReportPage.report_or_blank``), giving an empty sheet."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    ws: Worksheet = wb.create_sheet(SHEET)
    _title_block(ws, report)
    rows = _table(ws, report)
    data_sheet_finish(ws, widths=WIDTHS, header_row=HEADER_ROW)
    # The codes tie each row to its indicator for the upload; people read the names.
    ws.column_dimensions[get_column_letter(CODE)].hidden = True
    return workbook_bytes(wb, facts=_identity(report), rows=rows)
