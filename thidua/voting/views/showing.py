"""What a vote's page shows, read for one user: the rule with its citation, the roll and who has
voted (a count while the vote is open), the committee and the trustees, and the result, which
nobody sees before the vote is final (a paper count awaiting confirmation: its committee only).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.errors import DomainError
from thidua.voting import access
from thidua.voting.engine.result import CAST, PRESENT, ROLL, VALID, ConfidenceRule
from thidua.voting.models import Vote, VoteKind, VoteMode, VoteStatus
from thidua.voting.services.rules import confidence_rule_for, threshold_rule_for


def _fraction(value: object) -> Fraction | None:
    if value is None:
        return None
    try:
        return Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        return None


def percent_of(value: object) -> Decimal | None:
    """A share ("1/2", a Fraction) as a percentage, for the ``percent`` filter."""
    share = _fraction(value)
    if share is None:
        return None
    return Decimal(share.numerator * 100) / Decimal(share.denominator)


def denominator_label(words: str) -> str:
    return {
        ROLL: _("tổng số cử tri, người được triệu tập"),
        PRESENT: _("số người có mặt"),
        CAST: _("số phiếu thu vào"),
        VALID: _("số phiếu hợp lệ"),
    }.get(words, words)


def outcome_label(outcome: str) -> str:
    return {
        "none": _("Không phải xem xét"),
        "removed_from_planning": _("Đưa ra khỏi quy hoạch, xem xét cho thôi giữ chức vụ"),
        "dismissal": _("Tiến hành quy trình miễn nhiệm"),
    }.get(outcome, "")


def _rule_stored(vote: Vote) -> dict[str, Any] | None:
    result = vote.result or {}
    rule = result.get("rule") if isinstance(result, dict) else None
    return rule if isinstance(rule, dict) else None


def rule_view(vote: Vote) -> dict[str, Any]:
    """The rule the vote applies, as kept with its result or else read from the rule book on
    the meeting's day; ``missing`` holds the refusal when the rule book has no such rule."""
    stored = _rule_stored(vote)
    if stored is None:
        try:
            rule = (
                confidence_rule_for(vote)
                if vote.kind == VoteKind.CONFIDENCE
                else threshold_rule_for(vote)
            )
        except DomainError as missing:
            return {"missing": missing.message}
        if isinstance(rule, ConfidenceRule):
            stored = {
                "review": rule.review,
                "dismissal": rule.dismissal,
                "denominator": rule.denominator,
                "quorum": rule.quorum,
                "citation": rule.citation,
                "is_parameter": rule.is_parameter,
            }
        else:
            stored = {
                "share": rule.share,
                "strict": rule.strict,
                "denominator": rule.denominator,
                "quorum": rule.quorum,
                "absentee_written": rule.absentee_written,
                "citation": rule.citation,
                "is_parameter": rule.is_parameter,
            }
    return {
        "confidence": vote.kind == VoteKind.CONFIDENCE,
        "share": percent_of(stored.get("share")),
        "strict": bool(stored.get("strict")),
        "review": percent_of(stored.get("review")),
        "dismissal": percent_of(stored.get("dismissal")),
        "quorum": percent_of(stored.get("quorum")),
        "denominator": denominator_label(str(stored.get("denominator", ""))),
        "absentee_written": bool(stored.get("absentee_written")),
        "citation": stored.get("citation") or "",
        "is_parameter": bool(stored.get("is_parameter")),
    }


def result_view(vote: Vote) -> dict[str, Any] | None:
    """The result as the page's table shows it (None when there is none)."""
    result = vote.result
    if not isinstance(result, dict):
        return None
    rows = []
    for row in result.get("rows", []):
        levels = list(row.get("levels") or [])
        rows.append(
            {
                "name": row["name"],
                "votes": row["votes"],
                "base": row["base"],
                "percent": percent_of(row.get("share")),
                "passed": row["passed"],
                "elected": row.get("elected", False),
                "tied": row.get("tied", False),
                "outcome": outcome_label(row.get("outcome", "")),
                "levels": levels,
            }
        )
    return {
        "rows": rows,
        "turnout": result.get("turnout", {}),
        "base": result.get("base"),
        "quorum_required": result.get("quorum_required"),
        "quorum_met": result.get("quorum_met", True),
        "nobody_passed": result.get("nobody_passed", False),
        "tie": result.get("tie", False),
        "seats": result.get("seats"),
    }


def result_visible(user: User, vote: Vote) -> bool:
    """Nobody sees a count before the vote is final; the committee sees the figures it entered
    while they await its confirmation."""
    if vote.status == VoteStatus.FINAL:
        return True
    return vote.status == VoteStatus.COUNTED and access.committee_member_of(user, vote) is not None


def people_view(vote: Vote) -> dict[str, Any]:
    """The roll, the committee and the trustees (who sent a key, who decrypted)."""
    roll = list(vote.roll.select_related("unit"))
    closed = vote.status in (VoteStatus.CLOSED, VoteStatus.FINAL)
    return {
        "roll": roll,
        "roll_size": len(roll),
        "voted": sum(1 for v in roll if v.voted_at is not None),
        # Who has voted is shown by name once the vote is over, as the minutes' roll does;
        # while it is open only the number is.
        "voted_names": closed and vote.mode == VoteMode.ELECTRONIC,
        "committee": list(vote.committee.select_related("user")),
        "trustees": list(vote.trustees.select_related("user")),
    }


def display_name(user: User) -> str:
    return user.get_full_name() or user.username
