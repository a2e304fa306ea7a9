"""An uploaded score sheet read back into marks: the Excel round trip's return leg.

The whole uploaded file is checked (its identity, then every row) before anything is saved;
every bad cell is reported with its row and criterion.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.cell.cell import Cell, MergedCell

from thidua.core.errors import ValidationFailedError
from thidua.core.xlsx import cell_number, identity_read, refusal, workbook_open
from thidua.plans.models import AssessorStage
from thidua.scoring.excel.build import CODE, EXPLANATION, FORMAT, POINTS, SHEET, VALUE
from thidua.scoring.marks import mark_problems
from thidua.scoring.models import Assessment
from thidua.scoring.selectors.inputs import linked_figures
from thidua.scoring.services.assessments import Mark

# Points are stored with two decimals and values below 10^12 (Score's decimal fields).
MAX_NUMBER = Decimal(10) ** 12


def _number(cell: Cell | MergedCell, problems: list[str]) -> Decimal | None:
    return cell_number(cell, problems, limit=MAX_NUMBER, two_places=True)


def _not_ours() -> str:
    return _("Tệp này không phải phiếu chấm tải về từ hệ thống (thiếu phần định danh phiếu).")


def _match(assessment: Assessment, facts: dict[str, str]) -> None:
    """Refuse a sheet made for another plan, scale version, unit, stage or assessor."""
    scale = assessment.scale
    if facts.get("plan_id") != str(assessment.plan_id):
        raise refusal(
            _("Phiếu chấm này thuộc kế hoạch khác, không phải “%(plan)s”.")
            % {"plan": assessment.plan.title}
        )
    if facts.get("scale_version") != str(scale.version) or facts.get("scale_id") != str(scale.pk):
        raise refusal(
            _(
                "Phiếu chấm được lập cho thang điểm phiên bản %(other)s, không phải phiên bản "
                "%(version)s. Hãy tải phiếu chấm mới."
            )
            % {"other": facts.get("scale_version") or "?", "version": scale.version}
        )
    unit, assessor = assessment.unit, assessment.assessor
    if facts.get("unit_code") != unit.code:
        raise refusal(
            _("Phiếu chấm được lập cho đơn vị có mã %(other)s, không phải %(unit)s (%(code)s).")
            % {"other": facts.get("unit_code") or "?", "unit": unit.name, "code": unit.code}
        )
    if facts.get("stage") != assessment.stage:
        other = facts.get("stage", "")
        raise refusal(
            _("Phiếu chấm được lập cho vòng “%(other)s”, không phải vòng “%(stage)s”.")
            % {
                "other": AssessorStage(other).label if other in AssessorStage.values else other,
                "stage": AssessorStage(assessment.stage).label,
            }
        )
    if facts.get("assessor_code") != assessor.code:
        raise refusal(
            _("Phiếu chấm được lập cho đơn vị chấm có mã %(other)s, không phải %(code)s.")
            % {"other": facts.get("assessor_code") or "?", "code": assessor.code}
        )
    if facts.get("assessment_id") != str(assessment.pk):
        raise refusal(_("Phiếu chấm này thuộc một lượt chấm cũ; hãy tải phiếu chấm mới."))


def score_sheet_read(assessment: Assessment, content: bytes) -> dict[str, Mark]:
    """The marks of an uploaded sheet, keyed by criterion code; every problem is reported.

    A row whose entry cells are all empty is skipped, so it leaves that criterion as it is.
    A linked criterion's locked cell carries the report's figure: left as it was, it is not a
    mark; any other number there is refused like a value typed on the page.
    """
    wb = workbook_open(content)
    facts, rows = identity_read(wb, data_sheet=SHEET, file_format=FORMAT, not_ours=_not_ours())
    if not rows:
        raise refusal(_not_ours())
    _match(assessment, facts)
    ws = wb[SHEET]
    criteria = {
        c.code: c for c in assessment.scale.criteria.select_related("indicator") if c.is_leaf
    }
    linked = linked_figures(
        unit_id=assessment.unit_id, year=assessment.plan.year, criteria=criteria.values()
    )
    marks: dict[str, Mark] = {}
    problems: dict[str, list[str]] = {}
    for row, code in sorted(rows.items()):
        place = _("Dòng %(row)s — tiêu chí %(code)s") % {"row": row, "code": code}
        criterion = criteria.get(code)
        shown = ws.cell(row=row, column=CODE).value
        if criterion is None or str(shown or "").strip() != code:
            problems[place] = [_("Dòng này đã bị sửa, xóa hoặc dời chỗ; hãy tải phiếu chấm mới.")]
            continue
        found: list[str] = []
        points = cell_number(
            ws.cell(row=row, column=POINTS), found, limit=MAX_NUMBER, two_places=True
        )
        value = cell_number(
            ws.cell(row=row, column=VALUE), found, limit=MAX_NUMBER, two_places=True
        )
        figure = linked.get(code)
        if figure is not None and value is not None and value == figure.value:
            value = None
        note = ws.cell(row=row, column=EXPLANATION).value
        explanation = "" if note is None else str(note).strip()
        if points is None and value is None and not explanation and not found:
            continue
        found += mark_problems(criterion, points=points, value=value)
        if found:
            problems[place] = found
        else:
            marks[code] = Mark(points=points, value=value, explanation=explanation)
    if problems:
        raise ValidationFailedError(_("Tệp Excel có lỗi, chưa lưu gì."), problems)
    return marks
