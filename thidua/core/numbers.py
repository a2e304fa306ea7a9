"""Numbers as the reader's language writes them: the one formatter of pages, forms, messages and
the texts of Excel sheets, and its inverse for what users type.

Vietnamese groups thousands with a dot and starts the decimals with a comma (1.722; 7,5;
5,30 %), English the other way round (1,722; 7.5; 5.30 %). The separators are Django's format
settings of the language (``thidua/formats/<lang>/formats.py`` through FORMAT_MODULE_PATH), so the
language is the active one unless a caller names another. Excel cells keep numeric values with a
number format (``#,##0.00``) that Excel shows in the reader's own separators; only text that
quotes a number in a sentence goes through here. Machine formats (the API, the interchange
document, chart coordinates) keep a plain decimal point and never come here.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, numberformat
from django.utils.translation import get_language

# What may be typed: digits, dots and commas, with a sign in front ("-1.234,5"; ",5").
TYPED = re.compile(r"[+-]?[\d.,]+")
# The same with the thousands gone and a point for the decimals: one point at most, a digit.
PLAIN = re.compile(r"(?=\.?\d)\d*(?:\.\d*)?")
# Spaces (also the no-break and thin ones a copy from Word or Excel brings) group thousands.
SPACES = re.compile(r"[\s\u00a0\u202f]")


def number_text(
    value: Decimal | int | float | None,
    places: int | None = None,
    *,
    language: str | None = None,
    grouping: bool = True,
) -> str:
    """``value`` in the separators of ``language`` (the active one by default); "" for None.

    ``places``: None writes the decimals the value has, without trailing zeros (7.50 → "7,5",
    30.00 → "30"); n ≥ 0 rounds half up to exactly n (85 → "85,00"); -n rounds to n places but
    writes a whole value without them (5.3 → "5,30", 30 → "30"), as Django's ``floatformat:"-n"``.
    ``grouping`` False leaves the thousands ungrouped, for a value put back in an input box.
    """
    if value is None:
        return ""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        return str(number)  # only ever quoted back in the refusal of such a value
    if places is None:
        number = _without_trailing_zeros(number)
        exponent = number.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    elif places < 0 and number == number.to_integral_value():
        number, decimals = number.quantize(Decimal(1)), 0
    else:
        decimals = abs(places)
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    lang = language or get_language()
    return numberformat.format(
        number,
        formats.get_format("DECIMAL_SEPARATOR", lang),
        decimals,
        formats.get_format("NUMBER_GROUPING", lang),
        formats.get_format("THOUSAND_SEPARATOR", lang),
        force_grouping=grouping,
        use_l10n=True,
    )


def percent_text(
    value: Decimal | int | float | None, places: int | None = None, *, language: str | None = None
) -> str:
    """A percentage with the space both languages put before the sign ("5,30 %"); "" for None."""
    if value is None:
        return ""
    return f"{number_text(value, places, language=language)} %"


def number_parse(text: str, *, language: str | None = None) -> Decimal:
    """The number a user typed, read as ``language`` (the active one by default) writes it;
    ValueError when it is not a number.

    Spaces may group the thousands ("22 345"). With both a dot and a comma, the last one starts
    the decimals ("1.234,5" and "1,234.5"). A lone separator in groups of three that the
    language uses for thousands groups them ("1.500" is 1500 in Vietnamese, "1,500" in
    English); any other lone dot or comma starts the decimals, in either language, because
    officials type "0.25" as often as "0,25".
    """
    compact = SPACES.sub("", text)
    if not TYPED.fullmatch(compact):
        raise ValueError(text)
    sign = "-" if compact[0] == "-" else ""
    digits = compact.lstrip("+-")
    if "," in digits and "." in digits:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        whole, _, decimals = digits.rpartition(decimal_mark)
        thousands = "." if decimal_mark == "," else ","
        if thousands in whole and not _grouped(whole, thousands):
            raise ValueError(text)
        plain = f"{whole.replace(thousands, '')}.{decimals}"
    elif "," in digits or "." in digits:
        mark = "," if "," in digits else "."
        thousands = formats.get_format("THOUSAND_SEPARATOR", language or get_language())
        if mark == thousands and _grouped(digits, mark):
            plain = digits.replace(mark, "")
        else:
            plain = digits.replace(mark, ".")
    else:
        plain = digits
    if not PLAIN.fullmatch(plain):
        raise ValueError(text)
    return Decimal(sign + plain)


def _grouped(digits: str, mark: str) -> bool:
    """Whether ``digits`` is 1 to 3 digits, then groups of exactly three after ``mark``."""
    return re.fullmatch(rf"\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", digits) is not None


def _without_trailing_zeros(number: Decimal) -> Decimal:
    """7.50 → 7.5 and 30.00 → 30 (not 3E+1)."""
    normal = number.normalize()
    exponent = normal.as_tuple().exponent
    return normal if isinstance(exponent, int) and exponent < 0 else normal.quantize(Decimal(1))
