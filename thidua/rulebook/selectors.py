"""Reads of the rule book: the rules in force on a date (as the engines take them), and the
instruments with their rules (as the pages and the API show them).

The rule book is public law: every signed-in user reads it (``Action.RULEBOOK_READ``).
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, require
from thidua.core.errors import NotFoundError
from thidua.rulebook.engine.types import RuleBook, RuleSet
from thidua.rulebook.models import Instrument, Rule


def _in_force_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def rule_set_on(day: dt.date) -> RuleSet:
    """The rules in force on ``day``, for an engine; one query. No user: the engines judge for
    whoever is allowed to ask them, and the law is the same for all."""
    rows = Rule.objects.filter(_in_force_on(day)).select_related("instrument")
    return RuleSet.of(day, (row.as_value() for row in rows))


def rule_book() -> RuleBook:
    """Every value of every rule, for an engine that judges several dates (one query)."""
    rows = Rule.objects.select_related("instrument")
    return RuleBook(tuple(row.as_value() for row in rows))


def rules_on_for(*, user: User | AnonymousUser, day: dt.date) -> QuerySet[Rule]:
    require(user, Action.RULEBOOK_READ)
    return Rule.objects.filter(_in_force_on(day)).select_related("instrument").order_by("key")


def instruments_for(*, user: User | AnonymousUser) -> QuerySet[Instrument]:
    """Every instrument with its rules (by key, then start) and the one it replaces."""
    require(user, Action.RULEBOOK_READ)
    rules = Rule.objects.order_by("key", "valid_from")
    return Instrument.objects.select_related("replaces").prefetch_related(
        Prefetch("rules", queryset=rules)
    )


@dataclass(frozen=True)
class ParameterPage:
    key: str
    label: str
    history: list[Rule]  # every value of the key, oldest first
    current: Rule  # the latest value


def parameter_get_for(*, user: User | AnonymousUser, key: str) -> ParameterPage:
    require(user, Action.RULEBOOK_READ)
    history = list(Rule.objects.filter(key=key).select_related("instrument").order_by("valid_from"))
    if not history:
        raise NotFoundError(_("Không có quy định “%(key)s”.") % {"key": key})
    return ParameterPage(key=key, label=history[-1].label, history=history, current=history[-1])
