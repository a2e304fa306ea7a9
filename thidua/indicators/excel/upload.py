"""The Excel round trip of a periodic report: download the sheet, fill it offline, upload it.

The whole file is checked (its identity, then every row) before anything is saved; every bad
cell is reported with its row and indicator code, and nothing is saved unless all are valid.
A unit with no report yet downloads an empty sheet, and its upload creates the draft.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.errors import ValidationFailedError
from thidua.core.xlsx import cell_number, identity_read, refusal, workbook_open
from thidua.indicators.excel.sheet import CODE, FORMAT, NOTE, SHEET, X, Y, report_sheet_build
from thidua.indicators.models import Indicator, PeriodKind, Report
from thidua.indicators.selectors.reports import report_values
from thidua.indicators.services.figures import MAX_NOTE, MAX_VALUE, value_problems
from thidua.indicators.services.reports import report_require_writable, report_save

__all__ = ["report_sheet_build", "report_sheet_read", "report_sheet_upload"]

Figures = dict[str, tuple[Decimal, Decimal | None]]


def _period_name(facts: dict[str, str]) -> str:
    kind = facts.get("period_kind", "")
    label = PeriodKind(kind).label if kind in PeriodKind.values else kind
    return _("“%(title)s” (%(kind)s %(year)s)") % {
        "title": facts.get("period_title") or "?",
        "kind": label,
        "year": facts.get("period_year") or "?",
    }


def _blank_outdated() -> ValidationFailedError:
    # An empty sheet filled while there was no report; the report saved since may hold other
    # figures, which this file would silently replace.
    return refusal(
        _(
            "Tệp được tải về khi đơn vị chưa lập báo cáo; báo cáo đã được lập sau đó. "
            "Hãy tải tệp mới."
        )
    )


def _match(report: Report, facts: dict[str, str]) -> None:
    """Refuse a file made for another period, another unit or another report."""
    period, unit = report.period, report.unit
    if facts.get("period_id") != str(period.pk):
        raise refusal(
            _("Tệp được lập cho kỳ %(other)s, không phải kỳ %(period)s.")
            % {
                "other": _period_name(facts),
                "period": _period_name(
                    {
                        "period_title": period.title,
                        "period_kind": period.kind,
                        "period_year": str(period.year),
                    }
                ),
            }
        )
    if facts.get("unit_code") != unit.code:
        raise refusal(
            _("Tệp được lập cho đơn vị có mã %(other)s, không phải %(unit)s (%(code)s).")
            % {"other": facts.get("unit_code") or "?", "unit": unit.name, "code": unit.code}
        )
    expected = "" if report.pk is None else str(report.pk)
    if facts.get("report_id") == "" and expected:
        raise _blank_outdated()
    if facts.get("report_id") != expected:
        raise refusal(_("Tệp này thuộc một báo cáo khác; hãy tải tệp mới."))


def report_sheet_read(report: Report, content: bytes) -> tuple[Figures, dict[str, str], set[str]]:
    """The figures and notes of an uploaded sheet, and the codes of every row it carries.

    An empty row means the indicator has no figure. Every problem of the file is reported.
    """
    wb = workbook_open(content)
    facts, rows = identity_read(
        wb,
        data_sheet=SHEET,
        file_format=FORMAT,
        not_ours=_(
            "Tệp này không phải tệp báo cáo chỉ tiêu tải về từ hệ thống (thiếu phần định danh)."
        ),
    )
    _match(report, facts)
    ws = wb[SHEET]
    catalogue = {i.code: i for i in Indicator.objects.filter(code__in=list(rows.values()))}
    kept = report_values(report)
    figures: Figures = {}
    notes: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    for row, code in sorted(rows.items()):
        indicator = catalogue.get(code)
        # People read the indicator's name; its code is only the sheet's own check (column A,
        # hidden).
        place = _("Dòng %(row)s — %(name)s") % {
            "row": row,
            "name": indicator.name if indicator is not None else _("chỉ tiêu không rõ"),
        }
        shown = str(ws.cell(row=row, column=CODE).value or "").strip()
        if indicator is None or shown != code:
            problems[place] = [_("Dòng này đã bị sửa, xóa hoặc dời chỗ; hãy tải tệp mới.")]
            continue
        found: list[str] = []
        x = cell_number(ws.cell(row=row, column=X), found, limit=MAX_VALUE)
        y = cell_number(ws.cell(row=row, column=Y), found, limit=MAX_VALUE)
        raw_note = ws.cell(row=row, column=NOTE).value
        note = "" if raw_note is None else str(raw_note).strip()
        if x is None and not found and (y is not None or note):
            found.append(_("Chưa nhập x (số liệu)."))
        if len(note) > MAX_NOTE:
            found.append(_("Ghi chú tối đa %(n)s ký tự.") % {"n": MAX_NOTE})
        if x is not None and not found:
            if not indicator.active and kept.get(code) != (x, y):
                found.append(_("Chỉ tiêu này đã ngừng sử dụng; không nhận số liệu mới."))
            else:
                found += value_problems(indicator, x, y)
        if found:
            problems[place] = found
        elif x is not None:
            figures[code], notes[code] = (x, y), note
    if problems:
        raise ValidationFailedError(_("Tệp Excel có lỗi, chưa lưu gì."), problems)
    return figures, notes, set(rows.values())


def report_sheet_upload(*, actor: User, report: Report, content: bytes) -> int:
    """Check the whole file, then save its figures at once; the number of figures in it.

    Figures of indicators the file has no row for (added to the catalogue after the file was
    made) are kept as they are. ``report`` may be unsaved (no report yet): report_save then
    creates the draft.
    """
    # Refuse a report that is not the actor's to write, submitted or past its deadline before
    # reading the file; report_save checks the same again inside its transaction.
    report_require_writable(actor, report)
    figures, notes, covered = report_sheet_read(report, content)
    if report.pk is None and Report.objects.filter(unit=report.unit, period=report.period).exists():
        raise _blank_outdated()
    others = (
        {}
        if report.pk is None
        else {v.indicator.code: v for v in report.values.select_related("indicator")}
    )
    values = {
        code: (v.value, v.denominator) for code, v in others.items() if code not in covered
    } | figures
    all_notes = {code: v.note for code, v in others.items() if code not in covered} | notes
    report_save(
        actor=actor,
        unit=report.unit,
        period=report.period,
        values=values,
        notes=all_notes,
        results=report.results,
        limitations=report.limitations,
        directions=report.directions,
    )
    return len(figures)
