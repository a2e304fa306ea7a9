"""The threshold a vote applies, read from the rule book on the meeting's day under the vote's
rule prefix (``deliberation``, ``council_vote``, ``officer_election``, ``confidence_vote``…):

- ``<prefix>.approval_share``: the share to reach;
- ``<prefix>.strict``: whether the share must be exceeded ("quá") rather than reached;
- ``<prefix>.denominator``: over whom (all on the roll, present, ballots cast, valid ballots);
- ``<prefix>.absentee_written_votes``: whether absent members' written ballots count;
- ``<prefix>.quorum_share``: the share of the roll that must be present.

A rule the sector has not confirmed is a parameter the secretariat sets; the result says so.
"""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.rulebook.engine.types import (
    Confidence,
    RuleMissing,
    RuleSet,
    RuleValueInvalid,
)
from thidua.rulebook.evaluation import say
from thidua.rulebook.selectors import rule_set_on
from thidua.voting.engine.result import CAST, PRESENT, ROLL, VALID, ConfidenceRule, ThresholdRule
from thidua.voting.models import Vote, VoteKind

# The rule book's words for the denominator, older and newer.
_DENOMINATORS = {
    "all_members": ROLL,
    "roll": ROLL,
    "present": PRESENT,
    "ballots": CAST,
    "cast": CAST,
    "valid": VALID,
}


def _citations(rules: RuleSet, keys: list[str]) -> tuple[str, bool]:
    used = [rules.get(k) for k in keys if k in rules]
    citation = "; ".join(dict.fromkeys(v.citation.text for v in used if v.citation.text))
    is_parameter = any(v.confidence != Confidence.CONFIRMED for v in used)
    return citation, is_parameter


def _optional_ratio(rules: RuleSet, key: str) -> Fraction | None:
    return rules.ratio(key) if key in rules else None


def _refusal(missing: RuleMissing | RuleValueInvalid, vote: Vote) -> DomainError:
    if isinstance(missing, RuleMissing):
        return DomainError(say(missing.message))
    return DomainError(
        _("Quy định “%(key)s” không đúng dạng; Thường trực cần đặt lại.") % {"key": missing.key}
    )


def threshold_rule_for(vote: Vote) -> ThresholdRule:
    prefix = vote.rule_prefix
    rules = rule_set_on(vote.held_on)
    try:
        share = rules.ratio(f"{prefix}.approval_share")
        words = rules.text(f"{prefix}.denominator") if f"{prefix}.denominator" in rules else "roll"
        strict = rules.flag(f"{prefix}.strict") if f"{prefix}.strict" in rules else False
        written_key = f"{prefix}.absentee_written_votes"
        written = rules.flag(written_key) if written_key in rules else False
        quorum = _optional_ratio(rules, f"{prefix}.quorum_share")
    except (RuleMissing, RuleValueInvalid) as missing:
        raise _refusal(missing, vote) from missing
    if words not in _DENOMINATORS:
        raise _refusal(RuleValueInvalid(f"{prefix}.denominator", "a denominator"), vote)
    keys = [
        f"{prefix}.{name}"
        for name in ("approval_share", "denominator", "strict", "absentee_written_votes")
    ] + [f"{prefix}.quorum_share"]
    citation, is_parameter = _citations(rules, keys)
    return ThresholdRule(
        share=share,
        denominator=_DENOMINATORS[words],
        strict=strict,
        absentee_written=written,
        quorum=quorum,
        citation=citation,
        is_parameter=is_parameter,
    )


def confidence_rule_for(vote: Vote) -> ConfidenceRule:
    prefix = vote.rule_prefix
    rules = rule_set_on(vote.held_on)
    try:
        review = rules.ratio(f"{prefix}.low_share_for_review")
        dismissal = rules.ratio(f"{prefix}.low_share_for_dismissal")
        words = rules.text(f"{prefix}.denominator") if f"{prefix}.denominator" in rules else "cast"
        quorum = _optional_ratio(rules, f"{prefix}.quorum_share")
    except (RuleMissing, RuleValueInvalid) as missing:
        raise _refusal(missing, vote) from missing
    keys = [
        f"{prefix}.{name}"
        for name in ("low_share_for_review", "low_share_for_dismissal", "denominator")
    ] + [f"{prefix}.quorum_share"]
    citation, is_parameter = _citations(rules, keys)
    return ConfidenceRule(
        review=review,
        dismissal=dismissal,
        denominator=_DENOMINATORS.get(words, CAST),
        quorum=quorum,
        citation=citation,
        is_parameter=is_parameter,
    )


def rule_check(vote: Vote) -> None:
    """Refuse to set up a vote whose rule is not in the rule book on its day."""
    if vote.kind == VoteKind.CONFIDENCE:
        confidence_rule_for(vote)
    else:
        threshold_rule_for(vote)
