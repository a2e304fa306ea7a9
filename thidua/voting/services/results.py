"""The result of a counted vote: the engine applies the rule read from the rule book, and the
result is kept with the rule as applied (its share, denominator, citation, whether it is a
parameter), so a later change of the rule book does not rewrite it."""

from __future__ import annotations

from fractions import Fraction

from thidua.voting.engine.result import (
    ConfidenceRule,
    ThresholdRule,
    Turnout,
    VoteResult,
    confidence_result,
    threshold_result,
)
from thidua.voting.models import Count, Vote, VoteCandidate, VoteKind
from thidua.voting.services.rules import confidence_rule_for, threshold_rule_for


def _ratio(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def _rule_json(rule: ThresholdRule | ConfidenceRule) -> dict[str, object]:
    if isinstance(rule, ConfidenceRule):
        return {
            "review": _ratio(rule.review),
            "dismissal": _ratio(rule.dismissal),
            "denominator": rule.denominator,
            "quorum": _ratio(rule.quorum),
            "citation": rule.citation,
            "is_parameter": rule.is_parameter,
        }
    return {
        "share": _ratio(rule.share),
        "strict": rule.strict,
        "denominator": rule.denominator,
        "absentee_written": rule.absentee_written,
        "quorum": _ratio(rule.quorum),
        "citation": rule.citation,
        "is_parameter": rule.is_parameter,
    }


def result_json(
    result: VoteResult,
    rule: ThresholdRule | ConfidenceRule,
    turnout: Turnout,
    candidates: list[VoteCandidate],
) -> dict[str, object]:
    return {
        "rule": _rule_json(rule),
        "turnout": {
            "roll": turnout.roll,
            "present": turnout.present,
            "cast": turnout.cast,
            "valid": turnout.valid,
            "written": turnout.written,
        },
        "base": result.base,
        "quorum_required": result.quorum_required,
        "quorum_met": result.quorum_met,
        "nobody_passed": result.nobody_passed,
        "tie": result.tie,
        "seats": result.seats,
        "rows": [
            {
                "candidate": candidates[row.index].pk,
                "name": candidates[row.index].name,
                "votes": row.votes,
                "base": row.base,
                "share": _ratio(row.share),
                "passed": row.passed,
                "elected": row.elected,
                "tied": row.tied,
                "outcome": row.outcome,
                "levels": list(row.levels),
            }
            for row in result.rows
        ],
    }


def result_store(vote: Vote, turnout: Turnout) -> dict[str, object]:
    """Compute the result from the vote's counts and keep it on the vote (the caller saves)."""
    candidates = list(vote.candidates.order_by("position"))
    figures: dict[int, dict[int, int]] = {c.pk: {} for c in candidates}
    for count in Count.objects.filter(vote=vote):
        figures[count.candidate_id][count.option] = count.count
    width = {VoteKind.CONFIDENCE: 3, VoteKind.MOTION: 2}.get(VoteKind(vote.kind), 1)
    counts = [[figures[c.pk].get(o, 0) for o in range(width)] for c in candidates]
    rule: ThresholdRule | ConfidenceRule
    if vote.kind == VoteKind.CONFIDENCE:
        rule = confidence_rule_for(vote)
        result = confidence_result(rule, turnout, counts)
    else:
        rule = threshold_rule_for(vote)
        result = threshold_result(vote.kind, rule, turnout, counts, vote.seats)
    vote.result = result_json(result, rule, turnout, candidates)
    return vote.result
