"""The end of a party document: the recipients ("Nơi nhận:") bottom left and the signature
block bottom right; several signatures (a covenant's signatories) two per row."""

from __future__ import annotations

from docx.document import Document
from docx.shared import Length, Mm, Pt

from thidua.documents.content import Signature
from thidua.documents.render import layout
from thidua.documents.render.word import Container, borders_set, para_add, table_add

RECIPIENTS_WIDTH = Mm(68)
SIGNATURE_WIDTH = Length(layout.TEXT_WIDTH - RECIPIENTS_WIDTH)
HALF_WIDTH = Mm(80)


def ending_add(document: Document, signatures: list[Signature], recipients: list[str]) -> None:
    para_add(document, size=Pt(6))
    if len(signatures) <= 1:
        table = table_add(document, 1, [RECIPIENTS_WIDTH, SIGNATURE_WIDTH])
        borders_set(table, visible=False)
        left, right = table.rows[0].cells
        _recipients(left, recipients)
        if signatures:
            signature_add(right, signatures[0])
        return
    # Two per row, side by side; an odd last one stands on the right, as a single signer would.
    pairs = [signatures[i : i + 2] for i in range(0, len(signatures), 2)]
    widths = [HALF_WIDTH, Length(layout.TEXT_WIDTH - HALF_WIDTH)]
    table = table_add(document, len(pairs), widths)
    borders_set(table, visible=False)
    for row, pair in zip(table.rows, pairs, strict=True):
        cells = row.cells if len(pair) == 2 else row.cells[1:]
        for cell, signature in zip(cells, pair, strict=True):
            signature_add(cell, signature)
    if recipients:
        para_add(document, size=Pt(6))
        _recipients(document, recipients)


def _recipients(container: Container, recipients: list[str]) -> None:
    if not recipients:
        para_add(container, size=layout.SIZE_RECIPIENTS)
        return
    para_add(
        container,
        "Nơi nhận:",
        size=layout.SIZE_RECIPIENTS_TITLE,
        bold=True,
        italic=True,
        underline=False,
        align="left",
        keep_with_next=True,
    )
    for line in recipients:
        text = line if line.lstrip().startswith("-") else f"- {line}"
        para_add(container, text, size=layout.SIZE_RECIPIENTS, align="left")


def signature_add(container: Container, signature: Signature) -> None:
    """The unit (when several sign), the authority ("T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN"),
    the office, room for the hand signature and the seal, then the name: bold and centred."""
    lines = [signature.body, signature.authority, signature.title]
    for text in (line.upper() for line in lines if line):
        para_add(container, text, size=layout.SIZE_SIGNATURE, bold=True, keep_with_next=True)
    for _ in range(layout.SIGNATURE_BLANK_LINES):
        para_add(container, size=layout.SIZE_SIGNATURE, keep_with_next=True)
    para_add(container, signature.signer, size=layout.SIZE_SIGNATURE, bold=True)
    para_add(container, size=Pt(6))
