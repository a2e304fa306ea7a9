"""A vote's final result as a page shows it: each line's votes, its share of the rule's
denominator as a percentage, and whether it passed, was elected or is tied."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from thidua.voting.models import Vote, VoteStatus


@dataclass(frozen=True)
class ResultRow:
    name: str
    votes: int
    base: int
    percent: Decimal | None
    passed: bool
    elected: bool
    tied: bool


def _percent(share: str | None) -> Decimal | None:
    if not share:
        return None
    ratio = Fraction(share)
    return Decimal(ratio.numerator * 100) / Decimal(ratio.denominator)


def result_rows(vote: Vote) -> list[ResultRow]:
    """The rows of a final vote's result, in ballot order; none before it is final."""
    if vote.status != VoteStatus.FINAL or not vote.result:
        return []
    return [
        ResultRow(
            name=row["name"],
            votes=row["votes"],
            base=row["base"],
            percent=_percent(row.get("share")),
            passed=bool(row.get("passed")),
            elected=bool(row.get("elected")),
            tied=bool(row.get("tied")),
        )
        for row in vote.result.get("rows", [])
    ]


def rule_citation(vote: Vote) -> str:
    rule = (vote.result or {}).get("rule") or {}
    return str(rule.get("citation") or "")
