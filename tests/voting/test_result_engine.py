"""The result of a vote under its threshold: every denominator, reached or exceeded, the
quorum, seats and ties, and the three consequences of a confidence vote. Expected values are
worked out by hand from the rule's wording."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.voting.engine.layout import (
    QuestionShape,
    answers_from_choices,
    ballot_layout,
    counts_by_candidate,
)
from thidua.voting.engine.result import (
    CAST,
    OUTCOME_DISMISSAL,
    OUTCOME_NONE,
    OUTCOME_REMOVED_FROM_PLANNING,
    PRESENT,
    ROLL,
    VALID,
    ConfidenceRule,
    ThresholdRule,
    Turnout,
    confidence_outcome,
    confidence_result,
    threshold_result,
)

HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)
# 15 on the roll, 12 present, 11 ballots received of which 10 valid (1 spoiled).
TURNOUT = Turnout(roll=15, present=12, cast=11, valid=10)


@pytest.mark.parametrize(
    ("denominator", "base", "passes_with"),
    [
        # over the roll: half of 15 is 7.5 → 8 votes needed
        (ROLL, 15, 8),
        # over those present: half of 12 → 6
        (PRESENT, 12, 6),
        # over ballots received: half of 11 is 5.5 → 6
        (CAST, 11, 6),
        # over valid ballots: half of 10 → 5
        (VALID, 10, 5),
    ],
)
def test_each_denominator_sets_the_votes_needed(
    denominator: str, base: int, passes_with: int
) -> None:
    rule = ThresholdRule(share=HALF, denominator=denominator)
    counts = [[passes_with], [passes_with - 1]]
    result = threshold_result("approval", rule, TURNOUT, counts)
    assert result.base == base
    assert [r.passed for r in result.rows] == [True, False]
    assert result.rows[0].share == Fraction(passes_with, base)


def test_strictly_more_than_half_refuses_exactly_half() -> None:
    reach = ThresholdRule(share=HALF, denominator=VALID)
    exceed = ThresholdRule(share=HALF, denominator=VALID, strict=True)
    assert threshold_result("approval", reach, TURNOUT, [[5]]).rows[0].passed
    assert not threshold_result("approval", exceed, TURNOUT, [[5]]).rows[0].passed
    assert threshold_result("approval", exceed, TURNOUT, [[6]]).rows[0].passed


def test_ninety_percent_of_the_whole_council_counts_absent_written_ballots() -> None:
    # Nghị định 91/2017 Điều 45.8: 90 % of all members; absent members vote in writing.
    council = Turnout(roll=10, present=8, cast=10, valid=10, written=2)
    with_written = ThresholdRule(Fraction(9, 10), PRESENT, absentee_written=True)
    without = ThresholdRule(Fraction(9, 10), PRESENT, absentee_written=False)
    # 9 approvals: over present + written (10) that is exactly 90 %.
    assert threshold_result("approval", with_written, council, [[9]]).rows[0].passed
    assert threshold_result("approval", with_written, council, [[9]]).base == 10
    assert threshold_result("approval", without, council, [[9]]).base == 8


def test_quorum_not_met_passes_no_one_and_says_so() -> None:
    rule = ThresholdRule(share=HALF, denominator=VALID, quorum=TWO_THIRDS)
    thin = Turnout(roll=15, present=9, cast=9, valid=9)  # 2/3 of 15 is 10
    result = threshold_result("approval", rule, thin, [[9]])
    assert result.quorum_required == 10
    assert not result.quorum_met
    assert not result.rows[0].passed
    assert not result.nobody_passed  # not "no one reached": the vote does not stand at all


def test_nobody_reaching_the_threshold_is_stated() -> None:
    rule = ThresholdRule(share=HALF, denominator=VALID)
    result = threshold_result("approval", rule, TURNOUT, [[4], [3], [0]])
    assert result.nobody_passed


def test_an_election_fills_its_seats_by_votes_among_those_who_passed() -> None:
    rule = ThresholdRule(share=HALF, denominator=VALID, strict=True)
    # 10 valid ballots, 2 seats: 9, 7 and 6 pass (> 5), 5 does not.
    result = threshold_result("election", rule, TURNOUT, [[6], [9], [5], [7]], seats=2)
    assert [r.elected for r in result.rows] == [False, True, False, True]
    assert [r.passed for r in result.rows] == [True, True, False, True]
    assert not result.tie


def test_a_tie_at_the_last_seat_is_shown_and_not_broken() -> None:
    rule = ThresholdRule(share=HALF, denominator=VALID, strict=True)
    result = threshold_result("election", rule, TURNOUT, [[9], [7], [7]], seats=2)
    assert [r.elected for r in result.rows] == [True, False, False]
    assert [r.tied for r in result.rows] == [False, True, True]
    assert result.tie


def test_a_motion_passes_on_its_votes_for() -> None:
    rule = ThresholdRule(share=HALF, denominator=PRESENT, strict=True)
    assert threshold_result("motion", rule, TURNOUT, [[7, 3]]).rows[0].passed
    assert not threshold_result("motion", rule, TURNOUT, [[6, 4]]).rows[0].passed


def test_a_rule_refuses_an_unknown_denominator_or_share() -> None:
    with pytest.raises(ValueError, match="denominator"):
        ThresholdRule(share=HALF, denominator="everyone")
    with pytest.raises(ValueError, match="share"):
        ThresholdRule(share=Fraction(3, 2), denominator=VALID)


CONFIDENCE = ConfidenceRule(review=HALF, dismissal=TWO_THIRDS, denominator=CAST)


@pytest.mark.parametrize(
    ("low", "voters", "outcome"),
    [
        (6, 12, OUTCOME_NONE),  # exactly one half: nothing
        (7, 12, OUTCOME_REMOVED_FROM_PLANNING),  # more than half
        (7, 11, OUTCOME_REMOVED_FROM_PLANNING),  # 63.6 %: below two thirds
        (8, 12, OUTCOME_DISMISSAL),  # exactly two thirds
        (12, 12, OUTCOME_DISMISSAL),
        (0, 12, OUTCOME_NONE),
    ],
)
def test_the_three_consequences_of_a_confidence_vote(low: int, voters: int, outcome: str) -> None:
    assert confidence_outcome(low, voters, CONFIDENCE) == outcome


def test_a_confidence_vote_below_quorum_has_no_consequence() -> None:
    rule = ConfidenceRule(review=HALF, dismissal=TWO_THIRDS, quorum=TWO_THIRDS)
    thin = Turnout(roll=12, present=7, cast=7, valid=7)  # 2/3 of 12 is 8
    result = confidence_result(rule, thin, [[0, 0, 7]])
    assert not result.quorum_met
    assert result.rows[0].outcome == ""
    enough = Turnout(roll=12, present=8, cast=8, valid=8)
    assert confidence_result(rule, enough, [[0, 0, 8]]).rows[0].outcome == OUTCOME_DISMISSAL


def test_ballot_layouts_by_kind() -> None:
    assert ballot_layout("approval", 3) == [QuestionShape(1, 0, 1)] * 3
    assert ballot_layout("election", 5, seats=2) == [QuestionShape(5, 0, 2)]
    assert ballot_layout("confidence", 2) == [QuestionShape(3, 1, 1)] * 2
    assert ballot_layout("motion", 1) == [QuestionShape(2, 1, 1)]
    with pytest.raises(ValueError, match="seat"):
        ballot_layout("election", 5)


def test_choices_become_answers_and_sums_become_counts() -> None:
    assert answers_from_choices("election", 4, {1: 0, 3: 0}) == [[0, 1, 0, 1]]
    assert answers_from_choices("approval", 3, {0: 0, 2: 0}) == [[1], [0], [1]]
    assert answers_from_choices("confidence", 2, {0: 2, 1: 0}) == [[0, 0, 1], [1, 0, 0]]
    assert counts_by_candidate("election", [[3, 1, 0]]) == [[3], [1], [0]]
    assert counts_by_candidate("confidence", [[1, 2, 3]]) == [[1, 2, 3]]


@given(
    votes=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12),
    seats=st.integers(min_value=1, max_value=5),
)
def test_an_election_never_seats_more_than_its_seats_nor_a_tied_candidate(
    votes: list[int], seats: int
) -> None:
    rule = ThresholdRule(share=Fraction(1, 10), denominator=VALID)
    turnout = Turnout(roll=40, present=40, cast=40, valid=40)
    result = threshold_result("election", rule, turnout, [[v] for v in votes], seats=seats)
    elected = [r for r in result.rows if r.elected]
    assert len(elected) <= seats
    assert not any(r.elected and r.tied for r in result.rows)
    # Whoever is elected has at least as many votes as anyone passed but not elected.
    others = [r.votes for r in result.rows if r.passed and not r.elected]
    assert all(e.votes >= max(others, default=0) for e in elected)
