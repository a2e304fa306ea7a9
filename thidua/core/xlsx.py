"""Reading uploaded Excel sheets that the system itself handed out: opening them safely,
matching their hidden identity sheet, and reading typed numbers the way officials type them."""

import io
import zipfile
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell

from thidua.core.errors import ValidationFailedError
from thidua.core.numbers import number_parse, number_text
from thidua.core.xlsx_write import IDENTITY

# A filled sheet of a few hundred rows is well under 1 MB; the unpacked limit refuses zip
# bombs before openpyxl inflates them.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


def refusal(message: str) -> ValidationFailedError:
    """A refusal of the whole file, as opposed to the problems of its cells."""
    return ValidationFailedError(message, {})


def workbook_open(content: bytes) -> Workbook:
    unreadable = refusal(_("Tệp tải lên không phải tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng."))
    if not content:
        raise refusal(_("Tệp tải lên rỗng."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise refusal(
            _("Tệp tải lên quá lớn (tối đa %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 1024**2}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise unreadable
        return load_workbook(io.BytesIO(content))
    except ValidationFailedError:
        raise
    except Exception as exc:  # openpyxl fails in many ways on a damaged file; all mean the same
        raise unreadable from exc


def identity_read(
    wb: Workbook, *, data_sheet: str, file_format: str, not_ours: str
) -> tuple[dict[str, str], dict[int, str]]:
    """The facts of the hidden identity sheet, and which data row carries which code.

    ``not_ours`` is the message for a workbook the system did not hand out.
    """
    if IDENTITY not in wb.sheetnames or data_sheet not in wb.sheetnames:
        raise refusal(not_ours)
    facts: dict[str, str] = {}
    rows: dict[int, str] = {}
    for key, value, _gap, row, code in wb[IDENTITY].iter_rows(max_col=5, values_only=True):
        if key is not None:
            facts[str(key)] = "" if value is None else str(value)
        if isinstance(row, int) and code is not None:
            rows[row] = str(code)
    if facts.get("format") != file_format:
        raise refusal(not_ours)
    return facts, rows


def cell_number(
    cell: Cell | MergedCell, problems: list[str], *, limit: Decimal, two_places: bool = False
) -> Decimal | None:
    """The number in an entry cell, or None when it is empty; a reason goes to ``problems``."""
    raw = cell.value
    if raw is None:
        return None
    if cell.data_type == "f":
        problems.append(_("Ô chứa công thức “%(text)s”; hãy nhập số.") % {"text": raw})
        return None
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            problems.append(_("“%(text)s” không phải là số.") % {"text": raw})
            return None
        # Typing "90%" makes Excel keep 0.9 in a percent format; the reader meant 90.
        if "%" in str(cell.number_format):
            number = (number * 100).normalize()
        text = number_text(number)
    else:
        text = str(raw).strip()
        if not text:
            return None
        try:
            number = number_parse(text)
        except ValueError:
            problems.append(_("“%(text)s” không phải là số.") % {"text": text})
            return None
    if not number.is_finite() or abs(number) >= limit:
        problems.append(_("“%(text)s” quá lớn.") % {"text": text})
        return None
    exponent = number.as_tuple().exponent
    if two_places and isinstance(exponent, int) and exponent < -2:
        problems.append(_("“%(text)s” có quá hai chữ số thập phân.") % {"text": text})
        return None
    return number
