"""Reading a filled staff sheet into rows of text; what the rows mean is checked by the import
service (``thidua.accounts.services.staff_import``), all of them before anything is written."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.worksheet.worksheet import Worksheet

from thidua.accounts.excel.columns import COLUMNS, MAX_ROWS, SHEET
from thidua.core.errors import ValidationFailedError
from thidua.core.text import fold
from thidua.core.xlsx import refusal, workbook_open

# Headers are found in the first rows, by their folded text: "HỌ VÀ TÊN *" is "họ và tên".
HEADER_ROWS = 10
ALIASES = {"email": "thu dien tu", "ho ten": "ho va ten"}


@dataclass(frozen=True)
class StaffRow:
    row: int
    values: dict[str, str]


def _header_key(raw: object) -> str | None:
    text = fold(str(raw or "")).replace("*", "").strip()
    text = ALIASES.get(text, text)
    return next((c.key for c in COLUMNS if text in {fold(str(c.title)), fold(c.vietnamese)}), None)


def _header(ws: Worksheet) -> tuple[int, dict[str, int]]:
    for number in range(1, HEADER_ROWS + 1):
        found: dict[str, int] = {}
        for column in range(1, (ws.max_column or 1) + 1):
            key = _header_key(ws.cell(row=number, column=column).value)
            if key is not None:
                found.setdefault(key, column)
        if "username" in found:
            missing = [str(c.title) for c in COLUMNS if c.required and c.key not in found]
            if missing:
                raise refusal(
                    _("Tệp thiếu cột: %(columns)s. Hãy dùng tệp mẫu.")
                    % {"columns": ", ".join(missing)}
                )
            return number, found
    raise refusal(_("Không tìm thấy dòng tiêu đề (cột “Tên đăng nhập”). Hãy dùng tệp mẫu."))


def staff_sheet_read(content: bytes) -> list[StaffRow]:
    """The non-empty rows under the header, each cell as trimmed text."""
    wb = workbook_open(content)
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    header_row, columns = _header(ws)
    rows: list[StaffRow] = []
    problems: dict[str, list[str]] = {}
    for number in range(header_row + 1, (ws.max_row or header_row) + 1):
        values: dict[str, str] = {}
        for key, column in columns.items():
            cell = ws.cell(row=number, column=column)
            if cell.data_type == "f":
                problems.setdefault(_("Dòng %(row)s") % {"row": number}, []).append(
                    _("Ô chứa công thức “%(text)s”; hãy nhập giá trị.") % {"text": cell.value}
                )
                continue
            value = cell.value
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            values[key] = "" if value is None else str(value).strip()
        if any(values.values()):
            rows.append(StaffRow(number, values))
    if len(rows) > MAX_ROWS:
        raise refusal(_("Tệp có quá %(n)s dòng tài khoản.") % {"n": MAX_ROWS})
    if problems:
        raise ValidationFailedError(_("Tệp Excel có lỗi, chưa lưu gì."), problems)
    if not rows:
        raise refusal(_("Tệp không có dòng tài khoản nào dưới dòng tiêu đề."))
    return rows
