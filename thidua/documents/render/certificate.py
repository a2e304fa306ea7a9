"""The one-page certificate (Bằng khen, Giấy khen, the flag's certificate) printed on the
official blank: the award's name, the recipient, the reason, the decision it rests on, the
place and date, the signature block, and a QR code linking to the registry entry, so anyone
holding the paper can check that it is genuine.

Built as a Word file (the QR code an inline PNG, made by ``qrcode`` with pypng, no Pillow)
then printed to PDF by LibreOffice like every other document: one layout engine, the same
fonts, and a .docx the secretary can still adjust to a blank that prints a little off.
"""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import docx
import qrcode
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from thidua.documents.render import layout
from thidua.documents.render.pdf import docx_to_pdf
from thidua.documents.render.word import borders_set, para_add, table_add

# Landscape A4; wide margins keep the text inside the blank's printed frame, and the top one
# brings the text near the middle of the page (Word centres it by the section's vAlign below;
# LibreOffice 7.4 ignores vAlign, so the margin does it for the PDF).
PAGE_WIDTH = layout.PAGE_HEIGHT
PAGE_HEIGHT = layout.PAGE_WIDTH
MARGIN_SIDE = Mm(30)
MARGIN_TOP = Mm(48)
MARGIN_BOTTOM = Mm(20)
TEXT_WIDTH = Length(PAGE_WIDTH - 2 * MARGIN_SIDE)

SIZE_AWARD = Pt(36)
SIZE_RECIPIENT = Pt(24)
SIZE_REASON = Pt(16)
SIZE_DECISION = Pt(13)
SIZE_URL = Pt(8)
AWARD_COLOUR = RGBColor(0xB0, 0x00, 0x00)  # the red of the blanks' titles

# The QR code: error correction M survives a fold or a stain; 4 modules of quiet zone is the
# standard's minimum; printed 30 mm wide, a phone reads it from a desk.
QR_BOX = 8
QR_BORDER = 4
QR_WIDTH = Mm(30)
# Wide enough for the registry's URL on one line in 8 pt (some 100 characters).
QR_COLUMN = Mm(115)


def qr_code(url: str) -> Any:  # qrcode has no type information
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=QR_BOX, border=QR_BORDER
    )
    code.add_data(url)
    code.make(fit=True)
    return code


def readable_url(url: str) -> str:
    """The registry's address as a person reads and types it: "…/so/?q=Y Bhin Niê&nam=2023",
    not the percent-encoded "q=Y+Bhin+Ni%C3%AA" the QR code carries (a browser encodes what
    is typed, so both lead to the same entry)."""
    parts = urlsplit(url)
    head = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    query = "&".join(f"{key}={value}" for key, value in parse_qsl(parts.query))
    return f"{head}{unquote(parts.path)}" + (f"?{query}" if query else "")


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as a 1-bit PNG."""
    from qrcode.image.pure import PyPNGImage

    image = qr_code(url).make_image(image_factory=PyPNGImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def certificate_docx(
    *,
    award_name: str,
    recipient: str,
    reason: str,
    decision_line: str,
    place_date: str,
    signer_title: str,
    signer: str,
    verify_url: str,
) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    # The text block centred on the page, top to bottom, as on the printed blanks.
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "center")
    section._sectPr.insert_element_before(
        valign,
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    )
    award = para_add(document, award_name.upper(), size=SIZE_AWARD, bold=True)
    award.runs[0].font.color.rgb = AWARD_COLOUR
    para_add(document, recipient, size=SIZE_RECIPIENT, bold=True, space_before=Pt(12))
    para_add(document, reason, size=SIZE_REASON, space_before=Pt(12))
    para_add(document, decision_line, size=SIZE_DECISION, italic=True, space_before=Pt(6))
    para_add(document, size=Pt(12))
    table = table_add(document, 1, [QR_COLUMN, Length(TEXT_WIDTH - QR_COLUMN)])
    borders_set(table, visible=False)
    qr_cell, sign_cell = table.rows[0].cells
    qr_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    picture = para_add(qr_cell, align="left")
    picture.runs[0].add_picture(io.BytesIO(qr_png(verify_url)), width=QR_WIDTH)
    para_add(qr_cell, readable_url(verify_url), size=SIZE_URL, align="left")
    para_add(sign_cell, place_date, italic=True)
    para_add(sign_cell, signer_title.upper(), bold=True)
    for _ in range(layout.SIGNATURE_BLANK_LINES):
        para_add(sign_cell)
    para_add(sign_cell, signer, bold=True)
    document.core_properties.title = f"{award_name} {recipient}"
    document.core_properties.language = "vi-VN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def certificate_pdf(
    *,
    award_name: str,
    recipient: str,
    reason: str,
    decision_line: str,
    place_date: str,
    signer_title: str,
    signer: str,
    verify_url: str,
) -> bytes:
    """The certificate as a one-page landscape PDF (through ``certificate_docx``)."""
    return docx_to_pdf(
        certificate_docx(
            award_name=award_name,
            recipient=recipient,
            reason=reason,
            decision_line=decision_line,
            place_date=place_date,
            signer_title=signer_title,
            signer=signer,
            verify_url=verify_url,
        )
    )
