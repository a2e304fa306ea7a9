"""The explanation being built while an award is judged: condition lines, the rule values read
(each with its citation and confidence), and the outcome from the top-level conditions.

A condition is met (True), not met (False) or unknown (None: a needed fact is missing). The
outcome is "not eligible" if any top-level condition fails, else "cannot tell" if any is
unknown, else "eligible". Branch lines (one of two ways to qualify) explain; only their
combination counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from thidua.rulebook.engine.types import (
    Citation,
    Line,
    Message,
    Outcome,
    Param,
    RuleSet,
    RuleValue,
    Verdict,
)

Met = bool | None


def all_met(values: Iterable[Met]) -> Met:
    seen = list(values)
    if False in seen:
        return False
    return None if None in seen else True


def any_met(values: Iterable[Met]) -> Met:
    seen = list(values)
    if True in seen:
        return True
    return None if None in seen else False


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


@dataclass
class Reasons:
    rules: RuleSet
    lines: list[Line] = field(default_factory=list)
    results: list[Met] = field(default_factory=list)
    used: dict[tuple[str, object], RuleValue] = field(default_factory=dict)

    def rule(self, key: str, rules: RuleSet | None = None) -> RuleValue:
        """The value of ``key`` (on the judging date, or in ``rules``), remembered as used."""
        value = (rules or self.rules).get(key)
        self.used[(value.key, value.valid_from)] = value
        return value

    def say(
        self,
        msgid: str,
        met: Met,
        citation: Citation | None,
        facts: dict[str, Param] | None = None,
        *,
        counts: bool = True,
        **params: Param,
    ) -> Met:
        """Add a line; a counting line is a top-level condition of the outcome."""
        self.lines.append(Line(Message(msgid, params), met, citation, facts or {}))
        if counts:
            self.results.append(met)
        return met

    def verdict(self, rule: str, citation: Citation | None) -> Verdict:
        met = all_met(self.results)
        outcome = {True: Outcome.ELIGIBLE, False: Outcome.NOT_ELIGIBLE, None: Outcome.CANNOT_TELL}
        return Verdict(
            rule=rule,
            outcome=outcome[met],
            lines=tuple(self.lines),
            citation=citation,
            used=tuple(self.used.values()),
        )
