"""A vote's result under its threshold rule: for each candidate the votes for, the share of the
rule's denominator, whether it passed; ties and "no one reached the threshold" stated, never
broken. The rule comes from the rule book (the caller reads it and passes it in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from thidua.rulebook.engine.confidence import low_share_outcome
from thidua.rulebook.engine.types import Outcome
from thidua.voting.engine.layout import (
    APPROVAL,
    CONFIDENCE,
    CONFIDENCE_LOW,
    ELECTION,
    MOTION,
    MOTION_FOR,
)

ROLL, PRESENT, CAST, VALID = "roll", "present", "cast", "valid"
DENOMINATORS = (ROLL, PRESENT, CAST, VALID)

OUTCOME_NONE = Outcome.NONE.value
OUTCOME_REMOVED_FROM_PLANNING = Outcome.REMOVED_FROM_PLANNING.value
OUTCOME_DISMISSAL = Outcome.DISMISSAL.value


@dataclass(frozen=True, slots=True)
class ThresholdRule:
    """How many votes pass a candidate: ``share`` of the ``denominator`` (reached, or exceeded
    when ``strict``), whether absent members' written ballots count among those present, and
    the quorum (a share of the roll that must be present) before any result stands."""

    share: Fraction
    denominator: str
    strict: bool = False
    absentee_written: bool = False
    quorum: Fraction | None = None
    citation: str = ""
    is_parameter: bool = False

    def __post_init__(self) -> None:
        if self.denominator not in DENOMINATORS:
            raise ValueError(f"unknown denominator: {self.denominator}")
        if not 0 < self.share <= 1:
            raise ValueError("the share is above 0 and at most 1")


@dataclass(frozen=True, slots=True)
class ConfidenceRule:
    """Quy định 96: "low" above ``review`` and below ``dismissal`` → out of succession planning
    and considered for removal; ``dismissal`` or more → the dismissal procedure."""

    review: Fraction
    dismissal: Fraction
    denominator: str = CAST
    quorum: Fraction | None = None
    citation: str = ""
    is_parameter: bool = False


@dataclass(frozen=True, slots=True)
class Turnout:
    roll: int  # everyone on the roll (summoned)
    present: int
    cast: int  # ballots received
    valid: int
    written: int = 0  # absent members' written ballots, included in cast and valid

    def problems(self) -> list[str]:
        found = []
        if self.present > self.roll:
            found.append("present > roll")
        if self.valid > self.cast:
            found.append("valid > cast")
        if self.written > self.valid:
            found.append("written > valid")
        return found


@dataclass(frozen=True, slots=True)
class CandidateResult:
    index: int
    votes: int
    base: int
    share: Fraction | None  # None when the denominator is 0
    passed: bool
    elected: bool = False  # an election: passed and within the seats
    tied: bool = False  # an election: level with others at the last seat, not decided
    outcome: str = ""  # a confidence vote: none / removed_from_planning / dismissal
    levels: tuple[int, ...] = ()  # a confidence vote: high, confidence, low


@dataclass(frozen=True, slots=True)
class VoteResult:
    kind: str
    base: int
    quorum_required: int | None
    quorum_met: bool
    rows: list[CandidateResult] = field(default_factory=list)
    nobody_passed: bool = False
    tie: bool = False
    seats: int | None = None


def denominator_value(denominator: str, turnout: Turnout, *, absentee_written: bool) -> int:
    if denominator == ROLL:
        return turnout.roll
    if denominator == PRESENT:
        return turnout.present + (turnout.written if absentee_written else 0)
    if denominator == CAST:
        return turnout.cast if absentee_written else turnout.cast - turnout.written
    return turnout.valid if absentee_written else turnout.valid - turnout.written


def reaches(votes: int, base: int, share: Fraction, *, strict: bool) -> bool:
    if base <= 0:
        return False
    ratio = Fraction(votes, base)
    return ratio > share if strict else ratio >= share


def quorum_required(quorum: Fraction | None, roll: int) -> int | None:
    """The least number present for the quorum (a share of the roll, rounded up)."""
    if quorum is None:
        return None
    needed = quorum * roll
    return needed.numerator // needed.denominator + (1 if needed.denominator > 1 else 0)


def _share(votes: int, base: int) -> Fraction | None:
    return Fraction(votes, base) if base > 0 else None


def threshold_result(
    kind: str,
    rule: ThresholdRule,
    turnout: Turnout,
    counts: list[list[int]],
    seats: int | None = None,
) -> VoteResult:
    """Approval, election or motion. ``counts`` holds, per candidate line, its figures (one for
    approval and election; for and against for a motion)."""
    if kind not in (APPROVAL, ELECTION, MOTION):
        raise ValueError(f"not a threshold vote: {kind}")
    base = denominator_value(rule.denominator, turnout, absentee_written=rule.absentee_written)
    needed = quorum_required(rule.quorum, turnout.roll)
    quorum_met = needed is None or turnout.present >= needed
    rows: list[CandidateResult] = []
    for index, figures in enumerate(counts):
        votes = figures[MOTION_FOR] if kind == MOTION else figures[0]
        passed = quorum_met and reaches(votes, base, rule.share, strict=rule.strict)
        rows.append(CandidateResult(index, votes, base, _share(votes, base), passed))
    tie = False
    if kind == ELECTION and seats is not None:
        rows, tie = _seat(rows, seats)
    return VoteResult(
        kind=kind,
        base=base,
        quorum_required=needed,
        quorum_met=quorum_met,
        rows=rows,
        nobody_passed=quorum_met and not any(r.passed for r in rows),
        tie=tie,
        seats=seats,
    )


def _seat(rows: list[CandidateResult], seats: int) -> tuple[list[CandidateResult], bool]:
    """Of those who passed, the most voted are elected up to the seats. Those level at the last
    seat are all marked tied and none of them elected: the meeting decides, not the software."""
    passed = sorted((r for r in rows if r.passed), key=lambda r: -r.votes)
    if len(passed) <= seats:
        elected = {r.index for r in passed}
        tied: set[int] = set()
    else:
        cut = passed[seats - 1].votes
        above = [r for r in passed if r.votes > cut]
        level = [r for r in passed if r.votes == cut]
        if len(above) + len(level) <= seats:
            elected, tied = {r.index for r in above + level}, set()
        else:
            elected, tied = {r.index for r in above}, {r.index for r in level}
    out = [
        CandidateResult(
            r.index, r.votes, r.base, r.share, r.passed, r.index in elected, r.index in tied
        )
        for r in rows
    ]
    return out, bool(tied)


def confidence_outcome(low: int, voters: int, rule: ConfidenceRule) -> str:
    """The consequence of ``low`` "tín nhiệm thấp" ballots among ``voters``: more than the review
    share and less than the dismissal share → out of planning; the dismissal share or more →
    dismissal; otherwise (exactly one half included) none. The comparison is the rule book's
    (the same one its evaluate endpoint answers with for ``confidence_vote_outcome``)."""
    return low_share_outcome(low, voters, review=rule.review, dismissal=rule.dismissal).value


def confidence_result(
    rule: ConfidenceRule, turnout: Turnout, counts: list[list[int]]
) -> VoteResult:
    """Each person's three levels and the consequence, once the quorum is met."""
    base = denominator_value(rule.denominator, turnout, absentee_written=False)
    needed = quorum_required(rule.quorum, turnout.roll)
    quorum_met = needed is None or turnout.present >= needed
    rows = []
    for index, levels in enumerate(counts):
        low = levels[CONFIDENCE_LOW]
        outcome = confidence_outcome(low, base, rule) if quorum_met and base > 0 else ""
        rows.append(
            CandidateResult(
                index,
                low,
                base,
                _share(low, base),
                passed=outcome not in ("", OUTCOME_NONE),
                outcome=outcome,
                levels=tuple(levels),
            )
        )
    return VoteResult(CONFIDENCE, base, needed, quorum_met, rows)
