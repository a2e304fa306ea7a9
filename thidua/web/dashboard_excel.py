"""The sector dashboard as an Excel workbook: by province, by cluster and the trend, in the
house style of the sheets the system hands out (``core.xlsx_write``)."""

import io
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.xlsx_write import (
    BOLD,
    BOX,
    HEADER_FILL,
    HEADING,
    WRAP,
    data_sheet_finish,
    put,
)
from thidua.indicators.models import Indicator
from thidua.indicators.selectors.rollup import Rollup
from thidua.web.selectors.sector_dashboard import SectorDashboard

NUMBER_FORMAT = "#,##0.##"
HEADER_ROW = 4
WIDTHS = {"A": 14, "B": 48, "C": 16, "D": 16, "E": 16, "F": 14, "G": 14, "H": 14, "I": 14}

Cells = Sequence[str | int | Decimal | None]


def _title(ws: Worksheet, board: SectorDashboard, indicator: Indicator, heading: str) -> None:
    put(ws, 1, 1, heading, HEADING)
    put(
        ws,
        2,
        1,
        # As the page heads it: "Tổng kết năm 2025" (the kind already says "năm").
        _("Chỉ tiêu: %(name)s · %(kind)s %(year)s")
        % {"name": indicator.name, "kind": board.kind_label, "year": board.year},
    )


def _table(ws: Worksheet, headers: Sequence[str], rows: Sequence[Cells]) -> None:
    for column, header in enumerate(headers, start=1):
        cell = put(ws, HEADER_ROW, column, header, BOLD)
        cell.fill, cell.border, cell.alignment = HEADER_FILL, BOX, WRAP
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for column, value in enumerate(values, start=1):
            cell = put(ws, r, column, value)
            cell.border = BOX
            if isinstance(value, Decimal):
                cell.number_format = NUMBER_FORMAT
    data_sheet_finish(ws, widths=WIDTHS, header_row=HEADER_ROW)
    # An export is the reader's to sort and annotate: the layout lock of the fill-in sheets
    # would only get in the way.
    ws.protection.sheet = False


def _figures(rolled: Rollup | None) -> list[Decimal | None]:
    if rolled is None:
        return [None] * 5
    return [rolled.value, rolled.numerator, rolled.denominator, rolled.target, rolled.progress]


def _headers(first: str, second: str) -> list[str]:
    return [
        first,
        second,
        _("Giá trị"),
        _("Tử số (x)"),
        _("Mẫu số (y)"),
        _("Chỉ tiêu giao"),
        _("Tiến độ (%)"),
    ]


def sector_workbook(board: SectorDashboard, indicator: Indicator) -> bytes:
    """Three sheets: the provinces (with the sector's total), the clusters, the years."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    provinces: Worksheet = wb.create_sheet(_("Theo tỉnh"))
    _title(provinces, board, indicator, _("Số liệu toàn ngành theo tỉnh, thành phố"))
    lines: list[Cells] = [
        [line.unit.code, line.unit.name, line.value, line.x, line.y, line.target, line.progress]
        for line in board.by_province
    ]
    lines.append(["", _("Toàn ngành"), *_figures(board.total)])
    _table(provinces, _headers(_("Mã"), _("Đơn vị")), lines)

    clusters = wb.create_sheet(_("Theo cụm"))
    _title(clusters, board, indicator, _("Số liệu theo cụm thi đua"))
    _table(
        clusters,
        _headers(_("Cụm số"), _("Cụm thi đua")),
        [[t.term.cluster.number, t.term.cluster.name, *_figures(t.rollup)] for t in board.by_term],
    )

    trend = wb.create_sheet(_("Xu hướng"))
    _title(trend, board, indicator, _("Số liệu toàn ngành qua các năm"))
    headers = [
        _("Năm"),
        _("Kỳ"),
        *_headers("", "")[2:],
        _("Tăng, giảm so với năm trước"),
        _("Tăng, giảm (%)"),
    ]
    _table(
        trend,
        headers,
        [
            [
                p.year,
                board.kind_label,
                *_figures(p.rollup),
                p.change.delta if p.change else None,
                p.change.percent if p.change else None,
            ]
            for p in board.trend
        ],
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
