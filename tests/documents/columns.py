"""Whether a table's ordinal column ("TT", "STT") holds its header on one line once rendered,
and whether each figure of its cells fits its column whole (a word processor cuts a word
longer than its column: "1.934/110.826" as "1.934/110.8" / "26").

The renderer spreads the relative widths over A4's line (210 - 35 - 15 = 160 mm), prints a
table of more than five columns in 13 pt and a narrower one in 14, in bold Times New Roman for
the header; Word and LibreOffice pad each cell 1,9 mm on either side (Word's default, which
LibreOffice keeps). The letters' advance widths are Times New Roman Bold's, in thousandths of
the size (the same as Adobe's Times-Bold metrics): written here, not read from the renderer,
so the check catches a builder's widths and the renderer drifting apart.
"""

from __future__ import annotations

import re

from thidua.documents.content import Table

LINE_MM = 160.0
PADDING_MM = 2 * 1.9
WIDE_COLUMNS = 5
BOLD_WIDTHS = {"S": 556, "T": 667}
# Times New Roman regular, the cells' figures: digits, separators, the no-break space, signs.
FIGURE_WIDTHS = {
    **dict.fromkeys("0123456789", 500),
    **dict.fromkeys(".,\u00a0", 250),
    "%": 833,
    "/": 278,
    "(": 333,
    ")": 333,
    "+": 564,
    "-": 333,
}
POINT_MM = 25.4 / 72


def header_mm(text: str, size: float) -> float:
    return sum(BOLD_WIDTHS[ch] for ch in text) / 1000 * size * POINT_MM


def _column_mm(table: Table, index: int) -> float:
    widths = list(table.widths) or [1.0] * len(table.columns)
    return LINE_MM * widths[index] / sum(widths)


def _size(table: Table) -> int:
    return 13 if len(table.columns) > WIDE_COLUMNS else 14


def figure_problems(table: Table) -> list[str]:
    """The figures (runs of digits and signs a word processor will not break: "102,34 %" with
    its no-break space, "1.934/110.826") wider than their column."""
    found = []
    for row in table.rows:
        for index, cell in enumerate(row):
            for word in re.split(r"[ \n]+", cell):
                if not word or any(ch not in FIGURE_WIDTHS for ch in word):
                    continue
                wide = sum(FIGURE_WIDTHS[ch] for ch in word) / 1000 * _size(table) * POINT_MM
                if wide + PADDING_MM > _column_mm(table, index):
                    found.append(
                        f"{table.columns[index]!r}: {word!r} needs {wide + PADDING_MM:.1f} mm, "
                        f"its column is {_column_mm(table, index):.1f} mm"
                    )
    return found


def ordinal_problems(table: Table) -> list[str]:
    """What is wrong with ``table``'s ordinal column (empty: it fits), said plainly."""
    first = table.columns[0]
    if first not in ("TT", "STT"):
        return []
    column, size = _column_mm(table, 0), _size(table)
    needed = header_mm(first, size) + PADDING_MM
    if column < needed:
        return [
            f"{table.caption or table.columns[1]!r}: {first!r} needs {needed:.1f} mm at "
            f"{size} pt, its column is {column:.1f} mm"
        ]
    return []


def assert_ordinals_fit(tables: list[Table]) -> None:
    """The ordinal header on one line and every figure whole, in each of ``tables``."""
    problems = [p for t in tables for p in [*ordinal_problems(t), *figure_problems(t)]]
    assert not problems, problems
