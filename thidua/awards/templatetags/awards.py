"""The awards' template filters: an award code in words, as the decisions write it."""

from django import template

from thidua.awards.selectors.judging import catalogue

register = template.Library()


@register.filter
def award_name(code: str) -> str:
    award = catalogue().get(code)
    return award.name if award is not None else code
