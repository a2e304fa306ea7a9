"""The allowed moves of a nomination round. A round goes forward one step at a time; the
deliberation may be recorded again while the round is not yet submitted (a corrected minute),
and nothing moves once decided."""

from thidua.awards.models import RoundLevel, RoundStatus
from thidua.core.workflow import Moves

ROUND_MOVES: Moves = {
    RoundStatus.DRAFT: frozenset({RoundStatus.DELIBERATED}),
    RoundStatus.DELIBERATED: frozenset({RoundStatus.DELIBERATED, RoundStatus.SUBMITTED}),
    RoundStatus.SUBMITTED: frozenset({RoundStatus.DECIDED}),
    RoundStatus.DECIDED: frozenset(),
}

ROUND_LABELS = dict(RoundStatus.choices)


def approval_rule(level: str) -> str:
    """The rule book's key of the approval share a round's deliberation must reach."""
    if level == RoundLevel.COUNCIL:
        return "council_vote.approval_share"
    return "deliberation.approval_share"
