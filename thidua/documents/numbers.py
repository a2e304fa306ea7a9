"""Percentages as a printed document writes them: the one formatter's Vietnamese text
("5,30 %"), with the space before the sign made non-breaking, so Word and LibreOffice never
leave the "%" alone at the start of a line ("102,34" / "%") in a narrow table cell.

The pages keep the plain space (``thidua/core/numbers.py``): a browser reflows its text, a
printed page does not.
"""

from __future__ import annotations

from decimal import Decimal

from thidua.core.numbers import percent_text

NBSP = "\u00a0"


def percent_vi(value: Decimal | int | float | None, places: int | None = None) -> str:
    """ "5,30 %" with a non-breaking space; "" for None, as the formatter gives."""
    text = percent_text(value, places, language="vi")
    return text.removesuffix(" %") + f"{NBSP}%" if text else text
