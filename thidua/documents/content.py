"""What a party document says, apart from how it is laid out: the builders of each type turn
the data into this, and the renderer lays it out in the format of Hướng dẫn 36-HD/VPTW (Word,
then PDF). Pure (no Django): the builders' output can be checked without opening a file, and one
renderer serves every type.

Every text here is final, in Vietnamese, with numbers and dates already written the Vietnamese
way (1.722; 5,30 %; "ngày 05 tháng 01 năm 2018"): the renderer adds nothing but layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who issues a document, and so whose register numbers it: ``register_key`` names the body
    and the term its numbers run in ("cluster:4:2018", "unit:BTC-74-63:2015-2020", "sector:2025");
    ``abbreviation`` is the body's part of the symbol ("CTĐ" in "05-BC/CTĐ", configuration for a
    cluster; "BTCTW" for the Commission); ``name`` is printed upper case top left."""

    register_key: str
    name: str
    abbreviation: str
    place: str
    superior: str = ""


@dataclass(frozen=True, slots=True)
class Header:
    """The top of the first page. ``superior_body`` (e.g. "ĐẢNG BỘ TỈNH BÌNH DƯƠNG") may be
    empty; ``issuing_body`` is upper case in the layout (the renderer does not change case).
    ``number_symbol`` is the whole "Số 05-BC/CTĐ", or "Số    -BC/CTĐ" for a draft (the number
    left blank: a draft has none). ``place`` and ``date`` make "Bình Dương, ngày 05 tháng 01
    năm 2018"; a draft may have no date yet (the renderer leaves "ngày   tháng   năm 2018")."""

    issuing_body: str
    number_symbol: str
    place: str
    date: dt.date | None
    year: int
    superior_body: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    """A section title in the body ("I. KẾT QUẢ THỰC HIỆN…"), bold; level 1 or 2."""

    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Body text, justified with a first-line indent unless said otherwise."""

    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify | center | left | right
    indent: bool = True


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A passage the secretary completes by hand (directions for next year, a judgement):
    shown highlighted in the Word file so it cannot be missed, never in an issued document
    unless the secretary kept it."""

    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table: ``columns`` are the header cells; each row has as many cells. ``align`` gives
    each column's alignment (numbers right, names left); ``widths`` relative widths."""

    columns: list[str]
    rows: list[list[str]]
    align: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    caption: str = ""


Block = Heading | Paragraph | Placeholder | Table


@dataclass(frozen=True, slots=True)
class Signature:
    """One signature block: ``authority`` is "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN" or empty;
    ``title`` the signer's office ("CỤM TRƯỞNG", "PHÓ TRƯỞNG BAN"); ``signer`` the name;
    ``body`` the unit signing, when several sign (a covenant's signatories)."""

    title: str
    signer: str
    authority: str = ""
    body: str = ""


@dataclass(frozen=True, slots=True)
class DocumentContent:
    """A whole document. ``type_name`` is the type in capitals ("BÁO CÁO", "KẾ HOẠCH",
    "TỜ TRÌNH", "BIÊN BẢN", "QUYẾT ĐỊNH", "GIAO ƯỚC THI ĐUA"); ``summary`` the trích yếu
    ("tổng kết công tác thi đua năm 2017"). ``signatures``: one block, or several side by side
    (a covenant). ``recipients`` are the lines under "Nơi nhận:"."""

    kind: str
    type_name: str
    type_abbreviation: str  # "KH", "BC", "TTr", "BB", "QĐ", "GƯ"…: the symbol's first part
    summary: str
    issuer: Issuer
    header: Header
    body: list[Block]
    signatures: list[Signature]
    recipients: list[str] = field(default_factory=list)
    # Where it came from, for the register and the page (e.g. {"plan": 12}).
    source: dict[str, int] = field(default_factory=dict)
    # Numbered and dated already when its decision was recorded (a decision): issuing keeps the
    # header as it is and enters that number in the register instead of taking the next one.
    numbered: bool = False


def number_symbol(number: int | None, type_abbreviation: str, issuer: Issuer) -> str:
    """ "Số 05-BC/CTĐ"; a draft has no number yet: "Số    -BC/CTĐ"."""
    shown = f"{number:02d}" if number is not None else "    "
    return f"Số {shown}-{type_abbreviation}/{issuer.abbreviation}"


def draft_header(issuer: Issuer, type_abbreviation: str, year: int) -> Header:
    """The header of a draft: no number, no date (both come when the document is issued)."""
    return Header(
        issuing_body=issuer.name,
        number_symbol=number_symbol(None, type_abbreviation, issuer),
        place=issuer.place,
        date=None,
        year=year,
        superior_body=issuer.superior,
    )


def issued(content: DocumentContent, number: int, on: dt.date) -> DocumentContent:
    """The same document with its number and date, as issuing makes it."""
    header = Header(
        issuing_body=content.header.issuing_body,
        number_symbol=number_symbol(number, content.type_abbreviation, content.issuer),
        place=content.header.place,
        date=on,
        year=on.year,
        superior_body=content.header.superior_body,
    )
    return replace(content, header=header)
