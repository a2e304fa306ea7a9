"""Rule evaluators by name, and the one way to ask them: ``Registry.evaluate``.

An evaluator names its facts (for the forms and the checks), reads them, and judges them with
the rules in force. A registry lives below the apps that add to it: the rulebook registers its
own rules, and a higher app (awards) registers its eligibility rules from its
``AppConfig.ready``, so that the page "Thử áp dụng" and ``POST /api/v1/rulebook/evaluate``
answer for every rule without importing the apps above them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from thidua.rulebook.engine.facts import Fact, FactsInvalid, whole_numbers
from thidua.rulebook.engine.types import Message, RuleSet, Verdict, gettext_noop

# Facts as ``read`` returns them: whole numbers by default; an evaluator with its own reader
# (awards: an achievement history) gets whatever that reader builds.
Judge = Callable[[Mapping[str, Any], RuleSet], Verdict]
Check = Callable[[Mapping[str, Any]], Mapping[str, list[Message]]]
Read = Callable[[tuple[Fact, ...], object], Mapping[str, Any]]


def _no_check(facts: Mapping[str, Any]) -> Mapping[str, list[Message]]:
    return {}


@dataclass(frozen=True, slots=True)
class Evaluator:
    """A rule that can be tried on a case: ``judge`` runs only on facts that passed ``read``
    (by default: each fact of ``facts`` a whole number; raises ``FactsInvalid``) and then
    ``check`` (facts against each other)."""

    name: str
    title: str  # a message id: the rule's name on the pages
    facts: tuple[Fact, ...]
    judge: Judge
    check: Check = _no_check
    read: Read = whole_numbers

    def evaluate(self, facts: object, rules: RuleSet) -> Verdict:
        read = self.read(self.facts, facts)
        problems = self.check(read)
        if problems:
            raise FactsInvalid(problems)
        return self.judge(read, rules)


class UnknownRule(LookupError):  # noqa: N818
    def __init__(self, name: str) -> None:
        super().__init__(f"no rule evaluator named {name!r}")
        self.name = name

    @property
    def message(self) -> Message:
        return Message(gettext_noop("Không có quy tắc “%(rule)s”."), {"rule": self.name})


class Registry:
    def __init__(self, evaluators: tuple[Evaluator, ...] = ()) -> None:
        self._by_name: dict[str, Evaluator] = {}
        for evaluator in evaluators:
            self.register(evaluator)

    def register(self, evaluator: Evaluator) -> None:
        """Add ``evaluator``; registering the same one again (a reloaded app) changes nothing,
        another one under a taken name is a programming error."""
        known = self._by_name.get(evaluator.name)
        if known is not None and known != evaluator:
            raise ValueError(f"a rule evaluator named {evaluator.name!r} is already registered")
        self._by_name[evaluator.name] = evaluator

    def get(self, name: str) -> Evaluator:
        found = self._by_name.get(name)
        if found is None:
            raise UnknownRule(name)
        return found

    def __iter__(self) -> Iterator[Evaluator]:
        return iter(sorted(self._by_name.values(), key=lambda e: e.name))

    def evaluate(self, rule_name: str, facts: object, rules: RuleSet) -> Verdict:
        """The verdict of ``rule_name`` on ``facts`` with ``rules``. Raises ``UnknownRule``,
        ``FactsInvalid`` (bad facts) or ``RuleMissing`` (no value in force on the date)."""
        return self.get(rule_name).evaluate(facts, rules)
