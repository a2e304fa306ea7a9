from thidua.voting.models.ballots import Ballot, CiphertextSeen, OneTimeCode
from thidua.voting.models.counts import Count, PaperConfirmation, PaperCount
from thidua.voting.models.votes import (
    CommitteeMember,
    Trustee,
    Vote,
    VoteCandidate,
    VoteKind,
    VoteMode,
    VoterEntry,
    VoteStatus,
)

__all__ = [
    "Ballot",
    "CiphertextSeen",
    "CommitteeMember",
    "Count",
    "OneTimeCode",
    "PaperConfirmation",
    "PaperCount",
    "Trustee",
    "Vote",
    "VoteCandidate",
    "VoteKind",
    "VoteMode",
    "VoteStatus",
    "VoterEntry",
]
