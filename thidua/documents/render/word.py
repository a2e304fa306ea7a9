"""Small python-docx helpers the renderers share: a run in the party font with every script
slot set, a paragraph in one call, borderless and repeating-header tables, the PAGE field.

python-docx covers most of the format; what it leaves out (the east-Asian and complex-script
font slots, table borders, a header row repeated on each page, fields) is a few XML elements
written here, in one place.
"""

from __future__ import annotations

import functools
from copy import deepcopy

from docx.blkcntnr import BlockItemContainer
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from thidua.documents.render import layout

# Where paragraphs and tables go: the document's body, a table cell, a page header.
Container = Document | BlockItemContainer

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def fonts_set(rpr: BaseOxmlElement, name: str = layout.FONT) -> None:
    """Name the font in all four slots of ``w:rFonts``: python-docx sets only ascii and hAnsi,
    and Word or LibreOffice would take the theme's font for the others (east-Asian, complex
    script), which shows on punctuation and some Vietnamese letters."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(slot), name)
    # No theme font may override the names above.
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(slot), None)


def run_add(
    paragraph: Paragraph,
    text: str,
    *,
    size: Length,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    highlight: bool = False,
) -> Run:
    """A run with everything said explicitly (font, size, bold, italic), so the file reads the
    same in any program whatever its defaults."""
    run = paragraph.add_run()
    run._r.insert(0, deepcopy(_run_properties(size, bold, italic, underline, highlight)))
    run.text = text
    return run


@functools.lru_cache(maxsize=64)
def _run_properties(
    size: Length, bold: bool, italic: bool, underline: bool, highlight: bool
) -> BaseOxmlElement:
    """The ``w:rPr`` of a kind of run, built once through python-docx and copied into each
    run: python-docx places every child element in schema order one at a time, some 3 ms a
    table cell, which a sector's roll-up of a thousand cells would feel. Read-only once cached."""
    run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]  # detached: no part needed
    font = run.font
    font.name = layout.FONT
    fonts_set(run._r.get_or_add_rPr())
    font.size = size
    font.bold = bold
    font.italic = italic
    font.underline = underline
    if highlight:
        font.highlight_color = WD_COLOR_INDEX.YELLOW
    rpr: BaseOxmlElement = run._r.get_or_add_rPr()
    return rpr


def para_add(
    container: Container,
    text: str = "",
    *,
    size: Length = layout.SIZE_BODY,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: str = "center",
    indent: bool = False,
    space_before: Length | None = None,
    space_after: Length | None = None,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph of one run; in a fresh table cell it fills the cell's first, empty
    paragraph instead of leaving a blank line above."""
    paragraph = _fresh_paragraph(container)
    old = paragraph._p.pPr
    if old is not None:
        paragraph._p.remove(old)
    before = Length(space_before or 0)
    after = Length(space_after or 0)
    properties = _paragraph_properties(align, indent, before, after, keep_with_next)
    paragraph._p.insert(0, deepcopy(properties))
    if text:
        run_add(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
    else:
        # An empty line still takes the size it is given (the blank lines of a signature),
        # and marks a cell's first paragraph as used.
        run_add(paragraph, "", size=size)
    return paragraph


@functools.lru_cache(maxsize=64)
def _paragraph_properties(
    align: str, indent: bool, before: Length, after: Length, keep_with_next: bool
) -> BaseOxmlElement:
    """The ``w:pPr`` of a kind of paragraph, built once and copied (as ``_run_properties``)."""
    paragraph = Paragraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]  # detached
    paragraph.alignment = ALIGN[align]
    fmt = paragraph.paragraph_format
    fmt.space_before = before
    fmt.space_after = after
    fmt.first_line_indent = layout.FIRST_LINE_INDENT if indent else None
    fmt.keep_with_next = keep_with_next
    ppr: BaseOxmlElement = paragraph._p.get_or_add_pPr()
    return ppr


def _fresh_paragraph(container: Container) -> Paragraph:
    if isinstance(container, _Cell):
        paragraphs: list[Paragraph] = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].runs:
            return paragraphs[0]
    paragraph: Paragraph = container.add_paragraph()
    return paragraph


def table_add(container: Container, rows: int, widths: list[Length]) -> Table:
    """A table with fixed column widths (both on the grid and on each cell: Word reads the
    cells, LibreOffice the grid)."""
    if isinstance(container, Document):
        table: Table = container.add_table(rows=rows, cols=len(widths))
    else:
        table = container.add_table(rows=rows, cols=len(widths), width=Length(sum(widths)))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for row in table.rows:
        for cell, column_width in zip(row.cells, widths, strict=True):
            cell.width = column_width
    return table


def borders_set(table: Table, *, visible: bool) -> None:
    """Every border of ``table`` single and thin (a data table) or none (the header and the
    signature blocks, which only place text in columns)."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        if visible:
            border.set(qn("w:val"), "single")
            border.set(qn("w:sz"), "4")
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "000000")
        else:
            border.set(qn("w:val"), "nil")
        borders.append(border)
    tbl_pr.append(borders)


def header_row_repeat(table: Table) -> None:
    """The first row is the header, printed again at the top of each page the table runs to."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def rows_keep_whole(table: Table) -> None:
    """A row is not split across two pages."""
    for row in table.rows:
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant_split)


def page_field_add(paragraph: Paragraph, *, size: Length) -> None:
    """The current page number as a PAGE field (Word and LibreOffice compute it)."""
    begin = run_add(paragraph, "", size=size)
    fld_begin = OxmlElement("w:fldChar")
    fld_begin.set(qn("w:fldCharType"), "begin")
    begin._r.append(fld_begin)
    code = run_add(paragraph, "", size=size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    code._r.append(instr)
    separate = run_add(paragraph, "", size=size)
    fld_sep = OxmlElement("w:fldChar")
    fld_sep.set(qn("w:fldCharType"), "separate")
    separate._r.append(fld_sep)
    run_add(paragraph, "2", size=size)  # shown until the field is updated
    end = run_add(paragraph, "", size=size)
    fld_end = OxmlElement("w:fldChar")
    fld_end.set(qn("w:fldCharType"), "end")
    end._r.append(fld_end)
