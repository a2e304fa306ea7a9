"""One move of a vote's workflow: check it, make it, keep its history row and its audit."""

from __future__ import annotations

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.workflow import transition_check, transition_record
from thidua.voting.models import Vote
from thidua.voting.services.setup import vote_snapshot
from thidua.voting.workflow import VOTE_LABELS, VOTE_MOVES


def vote_move(
    vote: Vote, to: str, *, actor: User | None, action: str, before: dict[str, object]
) -> None:
    """Called inside the transaction that locked ``vote``."""
    transition_check(VOTE_MOVES, vote.status, to, labels=VOTE_LABELS)
    from_status = vote.status
    vote.status = to
    vote.save()
    transition_record(obj=vote, from_status=from_status, to_status=to, by=actor)
    audit_record(actor=actor, action=action, obj=vote, before=before, after=vote_snapshot(vote))
