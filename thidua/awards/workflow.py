"""The allowed moves of a nomination round. A round goes forward one step at a time; the
deliberation may be recorded again while the round is not yet submitted (a corrected minute),
and nothing moves once decided."""

from thidua.awards.models import RoundStatus
from thidua.core.workflow import Moves

ROUND_MOVES: Moves = {
    RoundStatus.DRAFT: frozenset({RoundStatus.DELIBERATED}),
    RoundStatus.DELIBERATED: frozenset({RoundStatus.DELIBERATED, RoundStatus.SUBMITTED}),
    RoundStatus.SUBMITTED: frozenset({RoundStatus.DECIDED}),
    RoundStatus.DECIDED: frozenset(),
}

ROUND_LABELS = dict(RoundStatus.choices)
