"""Every write of the voting app; each runs in one transaction with its audit row."""

from thidua.voting.services.casting import ballot_cast, codes_issue
from thidua.voting.services.ceremony import (
    partial_submit,
    trustee_key_submit,
    vote_close,
    vote_keys_start,
    vote_open,
)
from thidua.voting.services.paper import PaperFigures, paper_confirm, paper_count_enter
from thidua.voting.services.setup import (
    CandidateSpec,
    VoterSpec,
    VoteSpec,
    vote_create,
    vote_update,
)

__all__ = [
    "CandidateSpec",
    "PaperFigures",
    "VoteSpec",
    "VoterSpec",
    "ballot_cast",
    "codes_issue",
    "paper_confirm",
    "paper_count_enter",
    "partial_submit",
    "trustee_key_submit",
    "vote_close",
    "vote_create",
    "vote_keys_start",
    "vote_open",
    "vote_update",
]
