from thidua.voting.models.ballots import Ballot, OneTimeCode
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
