"""Numbers in templates through the one formatter (``thidua.core.numbers``):
``{{ x|number }}`` (7,5; 1.722), ``{{ x|number:"-2" }}`` (5,30; 30), ``{{ x|percent:"-2" }}``
(5,30 %) and ``{{ x|number_input }}`` for the value of an input box (ungrouped: 1722,5).

A value that is not a number (a string from a form) is shown as it is; None and "" as ""."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from thidua.core.numbers import number_text, percent_text

register = template.Library()


def _number(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _places(arg: Any) -> int | None:
    return None if arg is None or arg == "" else int(arg)


@register.filter
def number(value: Any, places: Any = None) -> str:
    found = _number(value)
    if found is None:
        return "" if value is None else str(value)
    return number_text(found, _places(places))


@register.filter
def percent(value: Any, places: Any = None) -> str:
    found = _number(value)
    if found is None:
        return "" if value is None else str(value)
    return percent_text(found, _places(places))


@register.filter
def number_input(value: Any) -> str:
    found = _number(value)
    if found is None:
        return "" if value is None else str(value)
    return number_text(found, grouping=False)
