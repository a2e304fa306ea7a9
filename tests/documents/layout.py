"""A checker of the party format (Hướng dẫn 36-HD/VPTW, domain.md §9) that reads a built .docx
back and says everything wrong with it at once. Every document test calls it:

    assert_party_layout(docx, issuing_body="CỤM THI ĐUA SỐ 4", number_symbol="Số 05-BC/CTĐ",
                        type_name="BÁO CÁO", date_words="ngày 05 tháng 01 năm 2018",
                        signer="Nguyễn Văn An")

``date_words=None`` for a draft (no date yet: "ngày    tháng    năm 2018"); a draft's
``number_symbol`` is the blank form "Số    -BC/CTĐ". The expected measures are written here
again, from the guidance, not imported from the renderer: the checker must be able to catch
the renderer drifting.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Times New Roman"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(25), "bottom": Mm(25), "left": Mm(35), "right": Mm(15)}
TOLERANCE = Mm(0.5)
NUMBER = re.compile(r"^Số \d{2,}-[A-ZĐƯ]+/\S+$")
DRAFT_NUMBER = re.compile(r"^Số\s+-[A-ZĐƯ]+/\S+$")
DRAFT_DATE = re.compile(r"ngày\s+tháng\s+năm \d{4}$")
RUN_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")


@dataclass(frozen=True)
class Placed:
    """A paragraph and where it stands: top level, or in a table's cell (row, column)."""

    paragraph: Paragraph
    table: Table | None = None
    row: int = -1
    column: int = -1


def _walk(document: Document) -> Iterator[Placed]:
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield Placed(block)
        else:
            yield from _walk_table(block)


def _walk_table(table: Table) -> Iterator[Placed]:
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            for paragraph in cell.paragraphs:
                yield Placed(paragraph, table, r, c)
            for inner in cell.tables:
                yield from _walk_table(inner)


def _text_runs(paragraph: Paragraph) -> list[Run]:
    return [run for run in paragraph.runs if run.text.strip()]


def _style_value(paragraph: Paragraph, attribute: str) -> object:
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, attribute)
        if value is not None:
            return value
        style = style.base_style
    return None


def _bold(run: Run, paragraph: Paragraph) -> bool:
    return bool(run.bold if run.bold is not None else _style_value(paragraph, "bold"))


def _italic(run: Run, paragraph: Paragraph) -> bool:
    return bool(run.italic if run.italic is not None else _style_value(paragraph, "italic"))


def _underlined(run: Run, paragraph: Paragraph) -> bool:
    value = run.underline if run.underline is not None else _style_value(paragraph, "underline")
    return bool(value)


def _size(run: Run, paragraph: Paragraph) -> Length | None:
    size = run.font.size or _style_value(paragraph, "size")
    return size if isinstance(size, Length) else None


def _fonts(run: Run, paragraph: Paragraph) -> set[str]:
    """The font names a run would show in each script slot (its own, else its style's)."""
    names: set[str] = set()
    rpr = run._r.rPr
    rfonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    style_name = _style_value(paragraph, "name")
    for slot in RUN_FONT_SLOTS:
        own = rfonts.get(qn(slot)) if rfonts is not None else None
        names.add(str(own or style_name))
    return names


def _pt(length: Length | None) -> str:
    return f"{length.pt:g} pt" if length is not None else "no size"


class _Problems:
    def __init__(self) -> None:
        self.found: list[str] = []

    def check(self, ok: bool, message: str) -> None:
        if not ok:
            self.found.append(message)

    def runs(
        self,
        placed: Placed,
        what: str,
        *,
        sizes: tuple[float, ...] | None = None,
        bold: bool | None = None,
        italic: bool | None = None,
        underline: bool | None = None,
    ) -> None:
        paragraph = placed.paragraph
        runs = _text_runs(paragraph)
        self.check(bool(runs), f"{what}: no text")
        for run in runs:
            size = _size(run, paragraph)
            if sizes is not None:
                self.check(
                    size is not None and size.pt in sizes,
                    f"{what}: size {_pt(size)}, expected {' or '.join(f'{s:g}' for s in sizes)}",
                )
            for flag, getter, name in (
                (bold, _bold, "bold"),
                (italic, _italic, "italic"),
                (underline, _underlined, "underlined"),
            ):
                if flag is not None:
                    self.check(
                        getter(run, paragraph) == flag,
                        f"{what}: {'' if flag else 'not '}{name} expected ({run.text!r})",
                    )


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _find(placed: list[Placed], text: str) -> Placed | None:
    """The first paragraph reading ``text``, however many spaces a blank takes ("Số    -BC")."""
    return next((p for p in placed if _squeeze(p.paragraph.text) == _squeeze(text)), None)


def _page(document: Document, problems: _Problems) -> None:
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    problems.check(
        width is not None
        and height is not None
        and abs(width - A4[0]) <= TOLERANCE
        and abs(height - A4[1]) <= TOLERANCE,
        "page: not A4 portrait",
    )
    for side, expected in MARGINS.items():
        actual = getattr(section, f"{side}_margin")
        problems.check(
            actual is not None and abs(actual - expected) <= TOLERANCE,
            f"margin {side}: {actual and round(actual.mm, 1)} mm, expected {expected.mm:g} mm",
        )
    problems.check(
        section.different_first_page_header_footer,
        "page numbers: the first page must have its own (empty) header",
    )
    header_xml = section.header._element.xml
    problems.check(" PAGE " in header_xml, "page numbers: no PAGE field in the page header")
    first_xml = section.first_page_header._element.xml
    problems.check(" PAGE " not in first_xml, "page numbers: a number on the first page")


def _fonts_everywhere(placed: list[Placed], problems: _Problems) -> None:
    for item in placed:
        for run in _text_runs(item.paragraph):
            fonts = _fonts(run, item.paragraph)
            problems.check(fonts == {FONT}, f"font {sorted(fonts)} in {run.text[:40]!r}")


def _header(
    placed: list[Placed],
    problems: _Problems,
    *,
    issuing_body: str,
    number_symbol: str,
    date_words: str | None,
) -> Table | None:
    party = _find(placed, PARTY)
    if party is None or party.table is None:
        problems.check(False, f"header: no {PARTY!r} in the header table")
        return None
    problems.check(party.column > 0, "header: the party line is not in the right column")
    problems.check(
        party.paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER,
        "header: the party line is not centred in its cell",
    )
    problems.runs(party, "party line", sizes=(15,), bold=True, underline=True)
    header = [p for p in placed if p.table is party.table]
    body = _find(header, issuing_body.upper())
    problems.check(body is not None, f"header: no issuing body {issuing_body.upper()!r}")
    if body is not None:
        problems.check(body.column == 0, "header: the issuing body is not on the left")
        problems.runs(body, "issuing body", sizes=(14,), bold=True)
        problems.check(_find(header, "*") is not None, "header: no '*' under the issuing body")
    number = _find(header, number_symbol)
    problems.check(number is not None, f"header: no number {number_symbol!r}")
    pattern = NUMBER if date_words is not None else DRAFT_NUMBER
    problems.check(bool(pattern.match(number_symbol)), f"number: {number_symbol!r} malformed")
    if number is not None:
        problems.check(number.column == 0, "header: the number is not on the left")
        problems.runs(number, "number", sizes=(14,), italic=False)
    dates = [
        p
        for p in header
        if (date_words is not None and p.paragraph.text.strip().endswith(date_words))
        or (date_words is None and DRAFT_DATE.search(p.paragraph.text.strip()))
    ]
    problems.check(bool(dates), f"header: no place and date {date_words or '(draft)'!r}")
    for item in dates:
        problems.check(item.column > 0, "header: the date is not on the right")
        problems.runs(item, "place and date", sizes=(14,), italic=True)
    return party.table


def _title_and_body(placed: list[Placed], problems: _Problems, type_name: str) -> None:
    top = [p for p in placed if p.table is None]
    kind = _find(top, type_name)
    problems.check(type_name == type_name.upper(), f"type {type_name!r} not in capitals")
    problems.check(kind is not None, f"no type line {type_name!r}")
    if kind is not None:
        problems.check(
            kind.paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER, "type line not centred"
        )
        problems.runs(kind, "type line", sizes=(15, 16), bold=True)
    for item in top:
        if item.paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY and _text_runs(item.paragraph):
            problems.runs(item, f"body {item.paragraph.text[:30]!r}", sizes=(14, 15))


def _signature(placed: list[Placed], problems: _Problems, signer: str) -> None:
    found = [p for p in placed if p.table is not None and p.paragraph.text.strip() == signer]
    problems.check(bool(found), f"signature: no signer {signer!r} in a signature block")
    for item in found:
        problems.runs(item, "signer", sizes=(14,), bold=True)
        if item.column == 0 and item.table is not None:
            # Only a covenant puts a signature on the left, with another beside it.
            beside = item.table.rows[item.row].cells[1].text.strip()
            problems.check(
                bool(beside) and not beside.startswith("Nơi nhận"),
                "signature: the signature block is not on the right",
            )
    recipients = _find(placed, "Nơi nhận:")
    if recipients is not None:
        problems.runs(recipients, "Nơi nhận", sizes=(12,), bold=True, italic=True)


def assert_party_layout(
    docx_bytes: bytes,
    *,
    issuing_body: str,
    number_symbol: str,
    type_name: str,
    date_words: str | None,
    signer: str,
) -> None:
    """Raise AssertionError listing every departure from the party format."""
    document = docx.Document(io.BytesIO(docx_bytes))
    placed = list(_walk(document))
    problems = _Problems()
    _page(document, problems)
    _fonts_everywhere(placed, problems)
    header = _header(
        placed,
        problems,
        issuing_body=issuing_body,
        number_symbol=number_symbol,
        date_words=date_words,
    )
    if header is not None:
        first = next(document.iter_inner_content())
        problems.check(
            isinstance(first, Table) and first._tbl is header._tbl,
            "header: the header table is not the first thing on the page",
        )
    _title_and_body(placed, problems, type_name)
    _signature(placed, problems, signer)
    title = document.core_properties.title or ""
    problems.check(title.startswith(type_name), f"properties: title {title!r}")
    assert not problems.found, "Not in the party format:\n- " + "\n- ".join(problems.found)
