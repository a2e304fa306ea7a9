"""The body of a party document: headings, paragraphs, the passages the secretary completes
(highlighted), and tables with their header row repeated on each page."""

from __future__ import annotations

import re

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Length, Pt

from thidua.documents.content import Block, Heading, Paragraph, Placeholder, Table
from thidua.documents.render import layout
from thidua.documents.render.word import (
    borders_set,
    header_row_repeat,
    para_add,
    rows_keep_whole,
    run_add,
    table_add,
)

# A cell that holds only a figure ("1.722", "5,30 %", "-3", "12/14" is not): right-aligned
# when the builder gave no alignment for its column.
_FIGURE = re.compile(r"^[-+−–]?\s*\d[\d.,\s]*%?$")

CELL_PADDING = Pt(2)


def blocks_add(document: Document, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            _heading(document, block)
        elif isinstance(block, Paragraph):
            para_add(
                document,
                block.text,
                bold=block.bold,
                italic=block.italic,
                align=block.align,
                indent=block.indent,
                space_after=layout.SPACE_AFTER,
            )
        elif isinstance(block, Placeholder):
            _placeholder(document, block)
        else:
            _table(document, block)


def _heading(document: Document, block: Heading) -> None:
    para_add(
        document,
        block.text,
        bold=True,
        italic=block.level > 1,
        align="justify",
        indent=True,
        space_before=layout.SPACE_AFTER,
        space_after=layout.SPACE_AFTER,
        keep_with_next=True,
    )


def _placeholder(document: Document, block: Placeholder) -> None:
    """In square brackets, italic and highlighted yellow: a passage nobody can miss before
    signing (and that the secretary deletes or rewrites)."""
    paragraph = para_add(document, align="justify", indent=True, space_after=layout.SPACE_AFTER)
    run_add(paragraph, f"[{block.text}]", size=layout.SIZE_BODY, italic=True, highlight=True)


def column_alignments(block: Table) -> list[str]:
    """The builder's alignment per column, else right for a column of figures, else left."""
    if block.align:
        return list(block.align)
    result = []
    for index in range(len(block.columns)):
        cells = [row[index] for row in block.rows if row[index].strip()]
        figures = bool(cells) and all(_FIGURE.match(cell.strip()) for cell in cells)
        result.append("right" if figures else "left")
    return result


def _widths(block: Table) -> list[Length]:
    relative = list(block.widths) or [1.0] * len(block.columns)
    total = sum(relative)
    return [Length(int(layout.TEXT_WIDTH * share / total)) for share in relative]


def _table(document: Document, block: Table) -> None:
    # A wide table in 13 pt so its columns keep their words whole (HD 36 sets no size for
    # tables; 13 is the usual choice in party reports).
    wide = len(block.columns) > layout.TABLE_WIDE_COLUMNS
    size = layout.SIZE_TABLE if wide else layout.SIZE_TABLE_NORMAL
    if block.caption:
        para_add(document, block.caption, bold=True, space_after=layout.SPACE_AFTER)
    table = table_add(document, 1 + len(block.rows), _widths(block))
    borders_set(table, visible=True)
    header_row_repeat(table)
    rows_keep_whole(table)
    aligns = column_alignments(block)
    for cell, text in zip(table.rows[0].cells, block.columns, strict=True):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        para_add(
            cell, text, size=size, bold=True, space_before=CELL_PADDING, space_after=CELL_PADDING
        )
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, text, align in zip(row.cells, values, aligns, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para_add(
                cell,
                text,
                size=size,
                align=align,
                space_before=CELL_PADDING,
                space_after=CELL_PADDING,
            )
    # Air between the table and what follows.
    para_add(document, size=Pt(6))
