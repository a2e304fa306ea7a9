"""Prize money: a multiple of the base salary in force on the decision date, both from the rule
book (Nghị định 152/2025/NĐ-CP Điều 54 and its predecessors; the salary a dated series).

The amount is rounded to the đồng, half up, as a payment is. It comes with how it was computed,
so the decision and the registry can show "1,5 × 2.340.000 đồng = 3.510.000 đồng" with both
citations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from thidua.awards.engine.catalogue import Award, SubjectKind
from thidua.rulebook.engine.types import Citation, RuleMissing, RuleSet

BASE_SALARY = "base_salary"


@dataclass(frozen=True, slots=True)
class Prize:
    multiple: Fraction
    multiple_key: str
    multiple_citation: Citation
    base_salary: int
    salary_citation: Citation
    on: dt.date

    @property
    def amount(self) -> Decimal:
        exact = Decimal(self.multiple.numerator) * self.base_salary / self.multiple.denominator
        return exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)

    def basis(self) -> dict[str, str | int]:
        """As stored beside the amount (JSON): every figure and citation it came from."""
        multiple = Decimal(self.multiple.numerator) / Decimal(self.multiple.denominator)
        return {
            "multiple": str(multiple.normalize()),
            "multiple_key": self.multiple_key,
            "multiple_citation": self.multiple_citation.text,
            "base_salary": self.base_salary,
            "salary_citation": self.salary_citation.text,
            "on": self.on.isoformat(),
            "amount": str(self.amount),
        }


def prize_key(award: Award, subject: SubjectKind, rules: RuleSet) -> str | None:
    """The key of the award's multiple for this subject, if the award carries prize money:
    ``<prize>.<subject>`` where the book has it, else ``<prize>``."""
    if not award.prize_rule:
        return None
    specific = f"{award.prize_rule}.{subject.value}"
    return specific if specific in rules else award.prize_rule


def prize_for(award: Award, subject: SubjectKind, rules: RuleSet) -> Prize | None:
    """The prize on ``rules.on`` (the decision date). None: the award carries no prize money.
    Raises ``RuleMissing`` when the book has no multiple or no base salary in force that day
    (the decision then records no amount and says why)."""
    key = prize_key(award, subject, rules)
    if key is None:
        return None
    if key not in rules:
        raise RuleMissing(key, rules.on)
    salary = rules.integer(BASE_SALARY)
    return Prize(
        multiple=rules.ratio(key),
        multiple_key=key,
        multiple_citation=rules.get(key).citation,
        base_salary=salary,
        salary_citation=rules.get(BASE_SALARY).citation,
        on=rules.on,
    )
