"""The awards' data: achievement records, nomination rounds and decisions, the registry."""

from thidua.awards.models.records import (
    AchievementYear,
    Discipline,
    Initiative,
    InitiativeLevel,
    PendingKind,
    PendingMatter,
    Rating,
    RecordSource,
)
from thidua.awards.models.registry import Grant, GrantSource, RevocationGround
from thidua.awards.models.rounds import (
    Candidate,
    CandidateSource,
    Decision,
    NominationRound,
    RoundLevel,
    RoundStatus,
    Verdict,
)

__all__ = [
    "AchievementYear",
    "Candidate",
    "CandidateSource",
    "Decision",
    "Discipline",
    "Grant",
    "GrantSource",
    "Initiative",
    "InitiativeLevel",
    "NominationRound",
    "PendingKind",
    "PendingMatter",
    "Rating",
    "RecordSource",
    "RevocationGround",
    "RoundLevel",
    "RoundStatus",
    "Verdict",
]
