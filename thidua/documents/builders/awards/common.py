"""What the builders of commendation and votes share: who issues (a cluster, a board, the
Commission, its council) and the Vietnamese ways of writing figures in a document.

A document is Vietnamese whatever the reader's language: numbers go through the one formatter
with the language named ("vi"), and messages kept as data (a candidate's reasons, a rule's
label) are rendered under ``translation.override("vi")``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Q
from num2words import num2words

from thidua.awards.models import NominationRound, RoundLevel
from thidua.awards.selectors.judging import catalogue
from thidua.core.numbers import number_text
from thidua.documents.builders.issuers import (
    BLANK_NAME,
    cluster_issuer,
    council_issuer,
    head_of,
    unit_issuer,
)
from thidua.documents.content import Issuer, Signature
from thidua.documents.dates import date_in_words
from thidua.documents.numbers import percent_vi
from thidua.orgs.models import Position, Unit

VI = "vi"


def number_vi(value: Decimal | int | None, places: int | None = None) -> str:
    return number_text(value, places, language=VI)


def money(value: Decimal | int | None) -> str:
    """ "5.960.000 đồng"; an amount not computed stays visible as such."""
    if value is None:
        return "chưa tính"
    return f"{number_vi(Decimal(value), 0)} đồng"


def money_in_words(value: Decimal | int) -> str:
    """ "Năm triệu chín trăm sáu mươi nghìn đồng": an amount as a decision writes it out in
    words beside the figures (num2words' Vietnamese reading)."""
    words = num2words(int(value), lang=VI)
    return f"{words[:1].upper()}{words[1:]} đồng"


def fraction_of(text: str | None) -> Fraction | None:
    """The results keep shares as "8/15"."""
    if not text:
        return None
    return Fraction(text)


def share_percent(share: Fraction | None) -> str:
    """8/15 → "53,33 %" (two places, half up; the space non-breaking)."""
    if share is None:
        return ""
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return percent_vi(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), 2)


def ratio_words(ratio: Fraction) -> str:
    """The rule's share as the rule writes it: "1/2", "2/3", or "90 %"."""
    if ratio.denominator in (2, 3, 4):
        return f"{ratio.numerator}/{ratio.denominator}"
    return percent_vi(Decimal(ratio.numerator * 100) / Decimal(ratio.denominator))


def date_words(day: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2018", as the header writes it (the renderer's own rule, so a
    document never writes a date two ways)."""
    return date_in_words(day)


def award_name(code: str) -> str:
    found = catalogue().get(code)
    return found.name if found is not None else code


def first_lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def round_issuer(round_: NominationRound) -> Issuer:
    """Who writes a round's minutes and submission: the cluster, the board or the council."""
    if round_.level == RoundLevel.CLUSTER and round_.term is not None:
        return cluster_issuer(round_.term)
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return unit_issuer(round_.unit, round_.year)
    return council_issuer(round_.year)


def leader_name(unit: Unit | None, on: dt.date) -> str:
    """The name of whoever heads the unit on ``on`` (a position titled "Trưởng…"), or a blank
    line when the directory does not say: the signer then writes it by hand."""
    if unit is None:
        return BLANK_NAME
    positions = (
        Position.objects.filter(unit=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("person")
        .order_by("id")
    )
    for position in positions:
        if position.title.strip().lower().startswith("trưởng"):
            return position.person.full_name
    return BLANK_NAME


def round_signature(round_: NominationRound, on: dt.date) -> Signature:
    """The signature of a round's own papers: the cluster head on behalf of the cluster, the
    board's head, the council's chair on behalf of the council."""
    if round_.level == RoundLevel.CLUSTER and round_.term is not None:
        head = head_of(round_.term)
        return Signature(
            title="CỤM TRƯỞNG",
            signer=leader_name(head, on),
            authority=f"T/M CỤM THI ĐUA SỐ {round_.term.cluster.number}",
            body=head.name if head is not None else "",
        )
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return Signature(title="TRƯỞNG BAN", signer=leader_name(round_.unit, on))
    return Signature(title="CHỦ TỊCH", signer=BLANK_NAME, authority="T/M HỘI ĐỒNG")


COUNCIL_PROSE = "Hội đồng Thi đua, Khen thưởng Ban Tổ chức Trung ương"


def round_body_name(round_: NominationRound) -> str:
    """The round's body as a sentence names it ("Cụm thi đua số 4 …", "Ban Tổ chức Tỉnh ủy
    Bình Dương", the Commission's council)."""
    if round_.level == RoundLevel.CLUSTER and round_.term is not None:
        return round_.term.cluster.name
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return round_.unit.name
    return COUNCIL_PROSE
