"""The shape of a ballot by kind of vote: its questions, each with its options and how many of
them a ballot may choose. The same shape serves the paper count (one figure per candidate and
option) and the encrypted ballot (one ciphertext per option).

- approval: one question per candidate, one option (approve), chosen or not;
- election: one question, one option per candidate, at most ``seats`` chosen;
- confidence: one question per person, three options (high, confidence, low), exactly one;
- motion: one question, two options (for, against), exactly one.
"""

from __future__ import annotations

from dataclasses import dataclass

APPROVAL = "approval"
ELECTION = "election"
CONFIDENCE = "confidence"
MOTION = "motion"

CONFIDENCE_HIGH, CONFIDENCE_MID, CONFIDENCE_LOW = 0, 1, 2
MOTION_FOR, MOTION_AGAINST = 0, 1


@dataclass(frozen=True, slots=True)
class QuestionShape:
    options: int
    min: int
    max: int


def options_per_candidate(kind: str) -> int:
    """How many figures a candidate's line of the count has."""
    return {APPROVAL: 1, ELECTION: 1, CONFIDENCE: 3, MOTION: 2}[kind]


def ballot_layout(kind: str, candidates: int, seats: int | None = None) -> list[QuestionShape]:
    if candidates < 1:
        raise ValueError("a vote has at least one candidate")
    if kind == APPROVAL:
        return [QuestionShape(1, 0, 1) for _ in range(candidates)]
    if kind == ELECTION:
        if seats is None or seats < 1:
            raise ValueError("an election has at least one seat")
        return [QuestionShape(candidates, 0, min(seats, candidates))]
    if kind == CONFIDENCE:
        return [QuestionShape(3, 1, 1) for _ in range(candidates)]
    if kind == MOTION:
        if candidates != 1:
            raise ValueError("a motion is one question")
        return [QuestionShape(2, 1, 1)]
    raise ValueError(f"unknown kind of vote: {kind}")


def counts_by_candidate(kind: str, answers: list[list[int]]) -> list[list[int]]:
    """The decrypted sums, one list per question, as figures per candidate line."""
    if kind == ELECTION:
        return [[count] for count in answers[0]]
    return [list(answer) for answer in answers]


def answers_from_choices(kind: str, candidates: int, chosen: dict[int, int]) -> list[list[int]]:
    """A voter's choices as the 0/1 answers of the ballot: ``chosen`` maps a candidate's index
    to the option picked (approval and election: present = chosen)."""
    if kind == ELECTION:
        return [[1 if i in chosen else 0 for i in range(candidates)]]
    width = options_per_candidate(kind)
    return [
        [1 if chosen.get(i) == option else 0 for option in range(width)]
        if kind != APPROVAL
        else [1 if i in chosen else 0]
        for i in range(candidates)
    ]


def answers_from_counts(kind: str, counts: list[list[int]]) -> list[list[int]]:
    """The inverse of ``counts_by_candidate``: figures per candidate line as per-question sums."""
    if kind == ELECTION:
        return [[figures[0] for figures in counts]]
    return [list(figures) for figures in counts]
