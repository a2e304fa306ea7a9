"""Votes of confidence (Quy định 96-QĐ/TW): what the share of "tín nhiệm thấp" ballots means.

More than the review share (1/2) and less than the dismissal share (2/3) of those who took part
→ the person is removed from succession planning and considered for removal; the dismissal
share or more → the procedure to relieve them of their post; otherwise (exactly one half
included) nothing follows. The shares are the rule values ``confidence_vote.*`` in force on the
date asked, never numbers here.

The comparison lives here, below every app that applies it: the rule book's evaluate page and
endpoint ask it through ``CONFIDENCE_VOTE_OUTCOME``, and the voting app's result engine calls
``low_share_outcome`` for each person rated, so the law is compared in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from thidua.rulebook.engine.facts import Fact
from thidua.rulebook.engine.registry import Evaluator
from thidua.rulebook.engine.types import Line, Message, Outcome, RuleSet, Verdict, gettext_noop

REVIEW_SHARE = "confidence_vote.low_share_for_review"
DISMISSAL_SHARE = "confidence_vote.low_share_for_dismissal"

# What each outcome means for the person rated, as the minutes of a confidence vote say it.
MEANINGS: Mapping[Outcome, str] = {
    Outcome.NONE: gettext_noop("Không"),
    Outcome.REMOVED_FROM_PLANNING: gettext_noop("Đưa ra khỏi quy hoạch, xem xét miễn nhiệm"),
    Outcome.DISMISSAL: gettext_noop("Thực hiện quy trình cho thôi giữ chức vụ"),
}
# The last line of an explanation: the outcome in a sentence.
CONCLUSIONS: Mapping[Outcome, str] = {
    Outcome.NONE: gettext_noop("Hệ quả: không."),
    Outcome.REMOVED_FROM_PLANNING: gettext_noop(
        "Hệ quả: đưa ra khỏi quy hoạch, xem xét miễn nhiệm."
    ),
    Outcome.DISMISSAL: gettext_noop("Hệ quả: thực hiện quy trình cho thôi giữ chức vụ."),
}


def low_share_outcome(low: int, voters: int, *, review: Fraction, dismissal: Fraction) -> Outcome:
    """The consequence of ``low`` "tín nhiệm thấp" ballots among ``voters``: strictly more than
    ``review`` (and under ``dismissal``) → out of planning; ``dismissal`` or more → dismissal;
    otherwise none. Raises ``ValueError`` unless 0 ≤ low ≤ voters and voters > 0."""
    if voters <= 0 or low < 0 or low > voters:
        raise ValueError("low ballots are between 0 and the number of voters")
    ratio = Fraction(low, voters)
    if ratio >= dismissal:
        return Outcome.DISMISSAL
    if ratio > review:
        return Outcome.REMOVED_FROM_PLANNING
    return Outcome.NONE


def fraction_text(share: Fraction) -> str:
    """A share as the instrument writes it: "1/2", "2/3" (a whole number alone)."""
    return (
        str(share.numerator) if share.denominator == 1 else f"{share.numerator}/{share.denominator}"
    )


def _check(facts: Mapping[str, int]) -> Mapping[str, list[Message]]:
    if facts["low"] > facts["voters"]:
        message = gettext_noop("Số phiếu tín nhiệm thấp không thể nhiều hơn số người tham gia.")
        return {"low": [Message(message)]}
    return {}


def _judge(facts: Mapping[str, int], rules: RuleSet) -> Verdict:
    review_rule, dismissal_rule = rules.get(REVIEW_SHARE), rules.get(DISMISSAL_SHARE)
    review, dismissal = rules.ratio(REVIEW_SHARE), rules.ratio(DISMISSAL_SHARE)
    voters, low = facts["voters"], facts["low"]
    outcome = low_share_outcome(low, voters, review=review, dismissal=dismissal)
    shares = {"review": fraction_text(review), "dismissal": fraction_text(dismissal)}
    used = {"voters": voters, "low": low}
    lines = (
        Line(
            Message(
                gettext_noop(
                    "%(low)s trên %(voters)s người tham gia lấy phiếu đánh giá tín nhiệm thấp."
                ),
                used,
            ),
            facts=used,
        ),
        Line(
            Message(
                gettext_noop(
                    "Trên %(review)s đến dưới %(dismissal)s số người tham gia đánh giá tín nhiệm "
                    "thấp: đưa ra khỏi quy hoạch, xem xét miễn nhiệm."
                ),
                shares,
            ),
            met=outcome == Outcome.REMOVED_FROM_PLANNING,
            citation=review_rule.citation,
            facts=used,
        ),
        Line(
            Message(
                gettext_noop(
                    "Từ %(dismissal)s trở lên số người tham gia đánh giá tín nhiệm thấp: thực hiện "
                    "quy trình cho thôi giữ chức vụ."
                ),
                shares,
            ),
            met=outcome == Outcome.DISMISSAL,
            citation=dismissal_rule.citation,
            facts=used,
        ),
        Line(Message(CONCLUSIONS[outcome]), citation=review_rule.citation),
    )
    return Verdict(
        rule=CONFIDENCE_VOTE_OUTCOME_NAME,
        outcome=outcome,
        lines=lines,
        citation=review_rule.citation,
        used=(review_rule, dismissal_rule),
    )


CONFIDENCE_VOTE_OUTCOME_NAME = "confidence_vote_outcome"
CONFIDENCE_VOTE_OUTCOME = Evaluator(
    name=CONFIDENCE_VOTE_OUTCOME_NAME,
    title=gettext_noop("Hệ quả của kết quả lấy phiếu tín nhiệm"),
    facts=(
        Fact("voters", gettext_noop("Số người tham gia lấy phiếu"), minimum=1),
        Fact("low", gettext_noop("Số phiếu tín nhiệm thấp")),
    ),
    judge=_judge,
    check=_check,
)
