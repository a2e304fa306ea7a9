"""Writing the Excel sheets the system hands out: one house style, a hidden identity sheet that
lets an upload be matched to what it was made for, and protection that keeps the layout."""

import io
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

IDENTITY = "_thidua"
# Times New Roman is the party-format font and carries every Vietnamese letter.
FONT = "Times New Roman"
PLAIN = Font(name=FONT, size=12)
BOLD = Font(name=FONT, size=12, bold=True)
HEADING = Font(name=FONT, size=14, bold=True)
ENTRY_FILL = PatternFill("solid", fgColor="FFF2CC")
SHUT_FILL = PatternFill("solid", fgColor="EDEDED")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


# Text that a spreadsheet program would read as a formula or a command (OWASP "CSV/formula
# injection"): a note "=HYPERLINK(...)" typed by one official must not become a live formula in
# the file another official opens.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_kept_as_text(cell: Cell) -> Cell:
    """Store a text that starts like a formula as plain text, marked so (quote prefix) that the
    spreadsheet keeps it text even when the cell is edited; the text itself is unchanged, so an
    upload reads back what was written."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put(ws: Worksheet, row: int, column: int, value: Any, font: Font = PLAIN) -> Cell:
    """Every cell the system writes goes through here (or ``workbook_bytes``)."""
    cell: Cell = text_kept_as_text(ws.cell(row=row, column=column, value=value))
    cell.font = font
    return cell


def data_sheet_finish(ws: Worksheet, *, widths: Mapping[str, float], header_row: int) -> None:
    """Column widths, the header kept in view and in print, landscape pages, protection."""
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"C{header_row + 1}"  # the code and the title stay in view
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    # Protection keeps the structure (codes, rows) while the sheet is filled offline; it is
    # not security: no password, anyone may lift it, and every upload is checked in full.
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False


def workbook_bytes(wb: Workbook, *, facts: Mapping[str, Any], rows: Mapping[int, str]) -> bytes:
    """Add the hidden identity sheet (``facts`` and which row holds which code), lock the
    workbook's structure so it cannot be unhidden, and return the file."""
    ws = wb.create_sheet(IDENTITY)
    for index, (key, value) in enumerate(facts.items(), start=1):
        ws.cell(row=index, column=1, value=key)
        text_kept_as_text(ws.cell(row=index, column=2, value=str(value)))
    ws.cell(row=1, column=4, value="row")
    ws.cell(row=1, column=5, value="code")
    for index, (row, code) in enumerate(sorted(rows.items()), start=2):
        ws.cell(row=index, column=4, value=row)
        text_kept_as_text(ws.cell(row=index, column=5, value=code))
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
