"""Any ``DocumentContent`` as a Word file in the format of party documents (Hướng dẫn
36-HD/VPTW; the measures in ``layout``): the header in two columns, the type and summary, the
body, the recipients and the signatures; page numbers from page 2.

One renderer for every type: the builders say what a document says, this says how it looks.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from thidua.documents.content import DocumentContent, Header
from thidua.documents.dates import place_date_line
from thidua.documents.render import layout
from thidua.documents.render.body import blocks_add
from thidua.documents.render.ending import ending_add
from thidua.documents.render.word import (
    ALIGN,
    borders_set,
    fonts_set,
    page_field_add,
    para_add,
    table_add,
)

PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
LANGUAGE = "vi-VN"


def render_docx(content: DocumentContent) -> bytes:
    document = docx.Document()
    _page_setup(document)
    _styles(document)
    _header(document, content.header)
    _title(document, content)
    blocks_add(document, content.body)
    ending_add(document, content.signatures, content.recipients)
    properties = document.core_properties
    properties.title = f"{content.type_name} {content.summary}".strip()
    properties.subject = content.summary
    properties.author = content.header.issuing_body
    properties.language = LANGUAGE
    properties.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = layout.PAGE_WIDTH
    section.page_height = layout.PAGE_HEIGHT
    section.top_margin = layout.MARGIN_TOP
    section.bottom_margin = layout.MARGIN_BOTTOM
    section.left_margin = layout.MARGIN_LEFT
    section.right_margin = layout.MARGIN_RIGHT
    section.header_distance = layout.HEADER_DISTANCE
    # Page numbers from page 2, centred at the top; the first page's header stays empty.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # defined, and empty
    number = section.header.paragraphs[0]
    number.alignment = ALIGN["center"]
    page_field_add(number, size=layout.SIZE_BODY)


def _styles(document: Document) -> None:
    """Times New Roman 14 in Vietnamese as the default, so even a paragraph the secretary adds
    in Word starts in the party format."""
    normal = document.styles["Normal"]
    normal.font.name = layout.FONT
    normal.font.size = layout.SIZE_BODY
    rpr = normal.element.get_or_add_rPr()
    fonts_set(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for slot in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(slot), LANGUAGE)


def _header(document: Document, header: Header) -> None:
    """Two borderless columns: the superior and issuing bodies, the "*", the number on the
    left; the party line and, on the number's line, the place and date on the right."""
    table = table_add(document, 2, [layout.HEADER_LEFT, layout.HEADER_RIGHT])
    borders_set(table, visible=False)
    (body_cell, party_cell), (number_cell, date_cell) = (row.cells for row in table.rows)
    for cell in (body_cell, party_cell):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if header.superior_body:
        para_add(body_cell, header.superior_body.upper(), size=layout.SIZE_HEADER)
    para_add(body_cell, header.issuing_body.upper(), size=layout.SIZE_HEADER, bold=True)
    para_add(body_cell, "*", size=layout.SIZE_HEADER)
    para_add(party_cell, PARTY, size=layout.SIZE_PARTY, bold=True, underline=True)
    para_add(number_cell, header.number_symbol, size=layout.SIZE_HEADER)
    line = place_date_line(header.place, header.date, header.year)
    para_add(date_cell, line, size=layout.SIZE_HEADER, italic=True)


def _title(document: Document, content: DocumentContent) -> None:
    para_add(
        document,
        content.type_name.upper(),
        size=layout.SIZE_TYPE,
        bold=True,
        space_before=Pt(18),
        keep_with_next=True,
    )
    if content.summary:
        para_add(
            document, content.summary, size=layout.SIZE_SUMMARY, bold=True, keep_with_next=True
        )
    para_add(document, "-----", size=layout.SIZE_BODY, space_after=Pt(12))
