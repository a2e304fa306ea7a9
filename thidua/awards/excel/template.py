"""The template of the staff ratings sheet for a unit and a year: its heading, one row per
person on the unit's staff that year (name, birth year, position already filled), drop-down
lists for the rating and the title, and a hidden identity sheet naming the unit and the year."""

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.awards.excel.layout import (
    BIRTH_YEAR,
    DECIDED_ON,
    FORMAT,
    HEADINGS,
    INITIATIVES,
    NAME,
    RATING,
    SHEET,
    TITLE,
    WIDTHS,
)
from thidua.awards.models import Rating
from thidua.awards.selectors.records import StaffRow
from thidua.core.xlsx_write import (
    BOLD,
    BOX,
    ENTRY_FILL,
    HEADER_FILL,
    HEADING,
    WRAP,
    data_sheet_finish,
    put,
    workbook_bytes,
)
from thidua.orgs.models import Unit

HEADER_ROW = 4
# Rows left open for people not yet in the staff list.
SPARE_ROWS = 20


def _lists(first: int, last: int) -> list[DataValidation]:
    """Excel's own drop-downs while the sheet is filled; the upload checks everything again."""
    with translation.override("vi"):
        labels = [str(label) for _value, label in Rating.choices]
    rating = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    title = DataValidation(type="list", formula1='"LĐTT,CSTĐCS"', allow_blank=True)
    rating.add(f"D{first}:D{last}")
    title.add(f"E{first}:E{last}")
    return [rating, title]


def template_build(unit: Unit, year: int, staff: list[StaffRow]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 (a new workbook has its sheet)
    ws.title = SHEET
    put(ws, 1, 1, _("XẾP LOẠI VÀ DANH HIỆU THI ĐUA NĂM %(year)s") % {"year": year}, HEADING)
    put(ws, 2, 1, _("Đơn vị: %(unit)s (%(code)s)") % {"unit": unit.name, "code": unit.code})
    put(
        ws,
        3,
        1,
        _(
            "Mỗi người một dòng. Xếp loại: một trong bốn mức. Danh hiệu: LĐTT, CSTĐCS hoặc để "
            "trống; có danh hiệu thì ghi số và ngày quyết định (dd/mm/yyyy)."
        ),
    )
    for column, heading in HEADINGS.items():
        cell = put(ws, HEADER_ROW, column, heading, BOLD)
        cell.fill, cell.border, cell.alignment = HEADER_FILL, BOX, WRAP
    last = HEADER_ROW + len(staff) + SPARE_ROWS
    for offset, person in enumerate(staff, start=1):
        row = HEADER_ROW + offset
        put(ws, row, NAME, person.person.full_name)
        put(ws, row, BIRTH_YEAR, person.person.birth_year)
        put(ws, row, TITLE, ", ".join(person.titles))
        if person.record is not None and person.record.rating:
            with translation.override("vi"):
                put(ws, row, RATING, str(Rating(person.record.rating).label))
    for row in range(HEADER_ROW + 1, last + 1):
        for column in range(NAME, INITIATIVES + 1):
            cell = put(ws, row, column, ws.cell(row=row, column=column).value)
            cell.border, cell.fill = BOX, ENTRY_FILL
            cell.protection = Protection(locked=False)
        ws.cell(row=row, column=DECIDED_ON).number_format = "DD/MM/YYYY"
    for rule in _lists(HEADER_ROW + 1, last):
        ws.add_data_validation(rule)
    data_sheet_finish(ws, widths=WIDTHS, header_row=HEADER_ROW)
    ws.freeze_panes = f"B{HEADER_ROW + 1}"
    return workbook_bytes(
        wb, facts={"format": FORMAT, "unit_code": unit.code, "year": year}, rows={}
    )
