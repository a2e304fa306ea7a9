"""The awards in templates: an award's name from the catalogue (``{{ code|award_name }}``), and
a prize multiple as the decree writes it, with at least one decimal ("8,0", "1,5", "0,15")."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from thidua.awards.selectors.judging import catalogue
from thidua.core.numbers import number_text

register = template.Library()


@register.filter
def award_name(code: Any) -> str:
    award = catalogue().get(str(code))
    return award.name if award is not None else str(code)


@register.filter
def multiple(value: Any) -> str:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "" if value is None else str(value)
    exponent = number.normalize().as_tuple().exponent
    places = max(1, -exponent) if isinstance(exponent, int) else 1
    return number_text(number, places)


@register.filter
def first_unknown(lines: Any) -> Any:
    """The first condition that could not be judged (a fact missing): why "cannot tell"."""
    return next((line for line in lines or [] if line.get("met") is None), None)
