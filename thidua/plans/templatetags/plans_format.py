"""Numbers on the plan pages as officials write them: "7,5" and "30", never "7,50" or "30,00"."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def points(value: Any) -> str:
    """A Decimal without trailing zeros, in the active language's decimal separator."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return formats.number_format(Decimal(text))
