"""Asking a rule from a page or the API: the rules in force on the date, the registry's
verdict, and the engine's messages translated into the reader's language.

Bad input (an unknown rule, bad facts, a date with no rule in force) is refused with
``ValidationFailedError``, each problem under its field ("rule", "facts.proposals", "on"), in
the reader's language; the API answers it with 422, the page shows it beside the field.
"""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, require
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.rulebook.engine.facts import FactsInvalid
from thidua.rulebook.engine.registry import Evaluator, UnknownRule
from thidua.rulebook.engine.rules import RULES
from thidua.rulebook.engine.types import Message, RuleMissing, RuleValueInvalid, Verdict
from thidua.rulebook.selectors import rule_set_on


def say(message: Message) -> str:
    """An engine message in the active language."""
    return message.render(_)


def evaluators() -> list[Evaluator]:
    return list(RULES)


def rule_evaluate_for(
    *, user: User | AnonymousUser, rule: str, facts: object, on: dt.date
) -> Verdict:
    require(user, Action.RULEBOOK_READ)
    refused = _("Không áp dụng được quy tắc với dữ kiện đã cho.")
    try:
        evaluator = RULES.get(rule)
    except UnknownRule as unknown:
        raise ValidationFailedError(refused, {"rule": [say(unknown.message)]}) from unknown
    try:
        return evaluator.evaluate(facts, rule_set_on(on))
    except FactsInvalid as bad:
        problems = {
            f"facts.{name}" if name else "facts": [say(m) for m in messages]
            for name, messages in bad.problems.items()
        }
        raise ValidationFailedError(refused, problems) from bad
    except RuleMissing as missing:
        raise ValidationFailedError(refused, {"on": [say(missing.message)]}) from missing
    except RuleValueInvalid as broken:
        raise DomainError(
            _("Giá trị của quy định “%(key)s” trong hệ thống không đúng kiểu; báo Thường trực.")
            % {"key": broken.key}
        ) from broken
