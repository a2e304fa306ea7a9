"""The template a board fills with its staff: one row per person, the roles and the units the
uploader may use offered as drop-down lists (a second sheet names the units)."""

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.accounts.excel.columns import COLUMNS, MAX_ROWS, SHEET, UNITS_SHEET
from thidua.accounts.models import Role
from thidua.accounts.policy import UNIT_GRANTABLE_ROLES
from thidua.core.xlsx_write import BOLD, BOX, HEADER_FILL, put
from thidua.orgs.models import Unit


def staff_template_build(units: Sequence[Unit]) -> bytes:
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    ws = wb.create_sheet(SHEET)
    for index, column in enumerate(COLUMNS, start=1):
        cell = put(ws, 1, index, str(column.title) + (" *" if column.required else ""), BOLD)
        cell.fill, cell.border = HEADER_FILL, BOX
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    last = MAX_ROWS + 1
    roles = [str(label) for value, label in Role.choices if value in UNIT_GRANTABLE_ROLES]
    role_list = DataValidation(type="list", formula1='"' + ",".join(roles) + '"', allow_blank=True)
    role_column = get_column_letter(1 + [c.key for c in COLUMNS].index("role"))
    role_list.add(f"{role_column}2:{role_column}{last}")
    ws.add_data_validation(role_list)

    listed = wb.create_sheet(UNITS_SHEET)
    put(listed, 1, 1, _("Mã đơn vị"), BOLD)
    put(listed, 1, 2, _("Tên đơn vị"), BOLD)
    for row, unit in enumerate(units, start=2):
        put(listed, row, 1, unit.code)
        put(listed, row, 2, unit.name)
    listed.column_dimensions["A"].width = 18
    listed.column_dimensions["B"].width = 60
    if units:
        unit_column = get_column_letter(1 + [c.key for c in COLUMNS].index("unit"))
        unit_list = DataValidation(
            type="list", formula1=f"'{UNITS_SHEET}'!$A$2:$A${len(units) + 1}", allow_blank=True
        )
        unit_list.add(f"{unit_column}2:{unit_column}{last}")
        ws.add_data_validation(unit_list)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
