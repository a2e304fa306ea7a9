"""The layout of the downloadable score sheet (.xlsx) and its builder.

The workbook names the assessment and the scale version it was made for in a hidden sheet, so
that an upload (``thidua.scoring.excel.read``) can be matched to the right sheet.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.dates import datetime_text
from thidua.core.numbers import number_text
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
from thidua.plans.models import AssessorStage, Criterion, CriterionKind, Section
from thidua.scoring.marks import POINT_KINDS, VALUE_KINDS
from thidua.scoring.models import Assessment
from thidua.scoring.selectors.inputs import LinkedFigure, linked_figures

SHEET = "Phieu cham"
FORMAT = "thidua.score_sheet/1"

CODE, TITLE, KIND, MAXIMUM, POINTS, VALUE, EXPLANATION, EVIDENCE = range(1, 9)
HEADER_ROW = 9
WIDTHS = {"A": 9, "B": 55, "C": 24, "D": 11, "E": 11, "F": 14, "G": 40, "H": 36}

# The format code uses "." and ","; Excel shows the reader's own separators, so a Vietnamese
# installation displays 1.234,50.
NUMBER_FORMAT = "#,##0.00"


def _plain(number: Decimal) -> str:
    """A number as a formula literal: a dot for the decimals, no exponent."""
    return f"{number.normalize():f}"


def _tree(criteria: list[Criterion]) -> list[tuple[Criterion, int]]:
    """The criteria in reading order with their depth."""
    children: dict[int | None, list[Criterion]] = {}
    for node in criteria:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[tuple[Criterion, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            ordered.append((node, depth))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return ordered


def _kind_label(node: Criterion, linked: LinkedFigure | None) -> str:
    kind = CriterionKind(node.kind).label
    label = (
        str(kind)
        if node.section == Section.BASE
        else _("%(kind)s (%(section)s)") % {"kind": kind, "section": Section(node.section).label}
    )
    if linked is None:
        return label
    return _("%(kind)s — số liệu lấy từ báo cáo năm, không nhập trên phiếu (nguồn: %(source)s)") % {
        "kind": label,
        "source": linked.source,
    }


def _evidence_text(node: Criterion) -> str:
    if not node.evidence_required:
        return node.evidence_hint
    if node.evidence_hint:
        return _("%(hint)s (bắt buộc)") % {"hint": node.evidence_hint}
    return _("Bắt buộc có minh chứng")


def _points_rule(node: Criterion) -> DataValidation:
    top = number_text(node.maximum)
    if node.kind == CriterionKind.PASS_FAIL:
        rule = DataValidation(type="list", formula1=f'"0,{_plain(node.maximum)}"')
        rule.error = _("Tiêu chí đạt/không đạt chỉ nhận 0 hoặc %(max)s điểm.") % {"max": top}
        rule.prompt = _("Đạt: %(max)s điểm; không đạt: 0 điểm.") % {"max": top}
    else:
        rule = DataValidation(
            type="decimal", operator="between", formula1="0", formula2=_plain(node.maximum)
        )
        rule.error = _("Điểm phải là số từ 0 đến %(max)s.") % {"max": top}
        rule.prompt = (
            _("Nhập điểm từ 0 đến %(max)s, theo bước %(step)s.")
            % {"max": top, "step": number_text(node.step)}
            if node.step
            else _("Nhập điểm từ 0 đến %(max)s.") % {"max": top}
        )
    rule.errorTitle = _("Điểm chưa hợp lệ")
    rule.promptTitle = _("Điểm")
    return rule


def _value_rule() -> DataValidation:
    rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    rule.error = _("Số liệu thực hiện phải là số không âm.")
    rule.errorTitle = _("Số liệu chưa hợp lệ")
    rule.prompt = _("Nhập số liệu thực hiện; điểm do hệ thống tính.")
    rule.promptTitle = _("Số liệu")
    return rule


def _title_block(ws: Worksheet, assessment: Assessment) -> None:
    scale = assessment.scale
    lines = [
        _("PHIẾU CHẤM ĐIỂM THI ĐUA"),
        _("Kế hoạch: %(title)s") % {"title": assessment.plan.title},
        _("Đơn vị được chấm: %(unit)s (%(code)s)")
        % {"unit": assessment.unit.name, "code": assessment.unit.code},
        _("Đơn vị chấm: %(unit)s (%(code)s)")
        % {"unit": assessment.assessor.name, "code": assessment.assessor.code},
        _("Vòng chấm: %(stage)s") % {"stage": AssessorStage(assessment.stage).label},
        _("Thang điểm: phiên bản %(version)s, tối đa %(max)s điểm; lập phiếu lúc %(at)s")
        % {
            "version": scale.version,
            "max": number_text(scale.maximum),
            "at": datetime_text(),
        },
        _(
            "Chỉ nhập vào các ô nền vàng: cột Điểm hoặc cột Số liệu thực hiện, và cột Giải trình. "
            "Dòng để trống được bỏ qua. Phần thập phân dùng dấu phẩy (2,5). "
            "Tệp minh chứng đính kèm trên trang chấm điểm."
        ),
    ]
    for row, text in enumerate(lines, start=1):
        put(ws, row, 1, text, HEADING if row == 1 else PLAIN).alignment = Alignment(
            wrap_text=True, vertical="center", horizontal="center" if row == 1 else "left"
        )
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=EVIDENCE)
    ws.row_dimensions[len(lines)].height = 36


def _table(ws: Worksheet, assessment: Assessment) -> dict[int, str]:
    """Write the criteria rows; return the row of each leaf criterion."""
    headers = [
        _("Mã"),
        _("Nội dung"),
        _("Cách chấm"),
        _("Điểm tối đa"),
        _("Điểm"),
        _("Số liệu thực hiện"),
        _("Giải trình"),
        _("Minh chứng"),
    ]
    for column, text in enumerate(headers, start=1):
        cell = put(ws, HEADER_ROW, column, text, BOLD)
        cell.fill, cell.border = HEADER_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    scores = {s.criterion_id: s for s in assessment.scores.all()}
    criteria = list(assessment.scale.criteria.select_related("indicator"))
    linked = linked_figures(
        unit_id=assessment.unit_id, year=assessment.plan.year, criteria=criteria
    )
    rules: dict[tuple[str, Decimal, Decimal | None], DataValidation] = {}
    value_rule = _value_rule()
    rows: dict[int, str] = {}
    for row, (node, depth) in enumerate(_tree(criteria), start=HEADER_ROW + 1):
        font = BOLD if node.kind == CriterionKind.GROUP else PLAIN
        score = scores.get(node.pk)
        figure = linked.get(node.code)
        values: dict[int, Any] = {
            CODE: node.code,
            TITLE: node.title,
            KIND: _kind_label(node, figure),
            MAXIMUM: node.maximum,
            POINTS: score.points if score else None,
            # A linked criterion shows the report's figure in a locked cell: it is read, not typed.
            VALUE: figure.value if figure else (score.value if score else None),
            EXPLANATION: score.explanation if score else "",
            EVIDENCE: _evidence_text(node),
        }
        cells: dict[int, Cell] = {}
        for column, value in values.items():
            cell = cells[column] = put(ws, row, column, value, font)
            cell.border, cell.alignment = BOX, WRAP
            if column in {MAXIMUM, POINTS, VALUE}:
                cell.number_format = NUMBER_FORMAT
            if node.kind == CriterionKind.GROUP:
                cell.fill = SHUT_FILL
        cells[TITLE].alignment = Alignment(wrap_text=True, vertical="top", indent=depth * 2)
        if node.kind == CriterionKind.GROUP:
            continue
        rows[row] = node.code
        number = POINTS if node.kind in POINT_KINDS else VALUE
        entries = (EXPLANATION,) if figure else (number, EXPLANATION)
        for column in entries:
            cells[column].protection, cells[column].fill = Protection(locked=False), ENTRY_FILL
        if figure:
            cells[VALUE].fill = SHUT_FILL
            continue
        if node.kind in VALUE_KINDS:
            value_rule.add(cells[VALUE])
            continue
        key = (node.kind, node.maximum, node.step)
        if key not in rules:
            rules[key] = _points_rule(node)
        rules[key].add(cells[POINTS])
    for rule in [*rules.values(), value_rule]:
        rule.showErrorMessage = rule.showInputMessage = rule.allow_blank = True
        rule.errorStyle = "stop"
        ws.add_data_validation(rule)
    return rows


def _identity(assessment: Assessment) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "plan_id": assessment.plan_id,
        "assessment_id": assessment.pk,
        "unit_code": assessment.unit.code,
        "stage": assessment.stage,
        "assessor_code": assessment.assessor.code,
        "scale_id": assessment.scale_id,
        "scale_version": assessment.scale.version,
    }


def score_sheet_build(assessment: Assessment) -> bytes:
    """The .xlsx score sheet of ``assessment``, prefilled with the marks it already has."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    ws: Worksheet = wb.create_sheet(SHEET)
    _title_block(ws, assessment)
    rows = _table(ws, assessment)
    data_sheet_finish(ws, widths=WIDTHS, header_row=HEADER_ROW)
    return workbook_bytes(wb, facts=_identity(assessment), rows=rows)
