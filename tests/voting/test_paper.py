"""A paper vote: the counting committee's figures are checked, two members confirm, and the
result applies the rule book's threshold with its citation."""

import datetime as dt

import pytest

from tests.builders.clusters import head_of, plain_members, term
from tests.builders.people import persona, staff_of
from tests.voting.builders import counters, paper_vote
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.voting.models import Count, PaperConfirmation, Vote, VoteStatus
from thidua.voting.services import PaperFigures, paper_confirm, paper_count_enter

pytestmark = pytest.mark.usefixtures("rulebook")

GOOD = PaperFigures(present=14, issued=14, received=14, valid=13, invalid=1)


def _counts(vote: Vote, *figures: list[int]) -> dict[int, list[int]]:
    ids = list(vote.candidates.order_by("position").values_list("pk", flat=True))
    return dict(zip(ids, figures, strict=True))


def _refusal(
    vote: Vote, figures: PaperFigures, counts: dict[int, list[int]]
) -> dict[str, list[str]]:
    member = counters()[0]
    with pytest.raises(ValidationFailedError) as refused:
        paper_count_enter(actor=member, vote=vote, figures=figures, counts=counts)
    assert not Count.objects.filter(vote=vote).exists()
    return refused.value.problems


def test_received_above_issued_is_refused() -> None:
    vote = paper_vote()
    bad = PaperFigures(present=14, issued=12, received=13, valid=13, invalid=0)
    problems = _refusal(vote, bad, _counts(vote, [10], [3]))
    assert "nhiều hơn số phiếu phát ra" in problems["received"][0]


def test_valid_and_invalid_must_add_up_to_received() -> None:
    vote = paper_vote()
    bad = PaperFigures(present=14, issued=14, received=14, valid=12, invalid=1)
    problems = _refusal(vote, bad, _counts(vote, [10], [3]))
    assert "phải bằng số phiếu thu vào (14)" in problems["valid"][0]


def test_a_candidate_above_the_valid_ballots_is_refused() -> None:
    vote = paper_vote()
    problems = _refusal(vote, GOOD, _counts(vote, [14], [3]))
    assert any("nhiều hơn số phiếu hợp lệ (13)" in m for v in problems.values() for m in v)


def test_more_choices_than_seats_is_refused() -> None:
    vote = paper_vote(
        kind="election",
        candidates=("Bình Dương", "Long An", "Lâm Đồng"),
        seats=1,
        rule_prefix="officer_election",
    )
    # 13 valid ballots choosing one each hold at most 13 marks; 20 is impossible.
    problems = _refusal(vote, GOOD, _counts(vote, [10], [6], [4]))
    assert "chọn quá 1 người" in problems["counts"][0]


def test_present_above_summoned_and_missing_figures_are_refused() -> None:
    vote = paper_vote(summoned=10)
    problems = _refusal(vote, GOOD, _counts(vote, [10], [3]))
    assert "present" in problems
    vote2 = paper_vote()
    ids = list(vote2.candidates.values_list("pk", flat=True))
    problems = _refusal(vote2, GOOD, {ids[0]: [5]})
    assert f"counts.{ids[1]}" in problems


def test_only_committee_members_enter_and_confirm() -> None:
    vote = paper_vote()
    for outsider in (persona("thuongtruc"), persona("hoidong"), persona("canbo.binhduong")):
        with pytest.raises(PermissionDeniedError):
            paper_count_enter(
                actor=outsider, vote=vote, figures=GOOD, counts=_counts(vote, [10], [3])
            )
    member = counters()[0]
    paper_count_enter(actor=member, vote=vote, figures=GOOD, counts=_counts(vote, [10], [3]))
    with pytest.raises(PermissionDeniedError):
        paper_confirm(actor=persona("thuongtruc"), vote=vote)


def test_two_members_confirm_before_the_result_stands() -> None:
    vote = paper_vote()
    first, second, third = counters()
    vote = paper_count_enter(actor=first, vote=vote, figures=GOOD, counts=_counts(vote, [8], [7]))
    assert vote.status == VoteStatus.COUNTED
    vote = paper_confirm(actor=first, vote=vote)
    assert vote.status == VoteStatus.COUNTED
    with pytest.raises(DomainError, match="đã xác nhận"):
        paper_confirm(actor=first, vote=vote)
    vote = paper_confirm(actor=second, vote=vote)
    assert vote.status == VoteStatus.FINAL
    # deliberation.approval_share 1/2 of all on the roll (15): 8 passes, 7 does not.
    assert vote.result is not None
    rows = vote.result["rows"]
    assert [(r["votes"], r["base"], r["share"], r["passed"]) for r in rows] == [
        (8, 15, "8/15", True),
        (7, 15, "7/15", False),
    ]
    assert vote.result["rule"]["citation"] == "Luật 06/2022/QH15"
    assert vote.result["rule"]["is_parameter"] is True
    with pytest.raises(DomainError):
        paper_count_enter(actor=third, vote=vote, figures=GOOD, counts=_counts(vote, [9], [9]))


def test_a_corrected_count_withdraws_the_confirmations() -> None:
    vote = paper_vote()
    first, second, _third = counters()
    paper_count_enter(actor=first, vote=vote, figures=GOOD, counts=_counts(vote, [8], [7]))
    paper_confirm(actor=first, vote=vote)
    paper_count_enter(actor=second, vote=vote, figures=GOOD, counts=_counts(vote, [9], [7]))
    assert not PaperConfirmation.objects.filter(vote=vote).exists()
    vote = paper_confirm(actor=first, vote=vote)
    assert vote.status == VoteStatus.COUNTED


def test_a_cluster_vote_is_set_up_by_its_head_and_by_no_other_board() -> None:
    cluster = term(4, 2018)
    outsider = staff_of(plain_members(cluster)[0])
    with pytest.raises(PermissionDeniedError):
        paper_vote(organiser_term=cluster, actor=outsider)
    head = staff_of(head_of(cluster))
    vote = paper_vote(organiser_term=cluster, actor=head, held_on=dt.date(2018, 12, 20))
    assert vote.organiser_term == cluster


def test_a_vote_without_a_rule_on_its_day_is_refused() -> None:
    with pytest.raises(DomainError, match="Chưa có quy định"):
        paper_vote(held_on=dt.date(2010, 1, 1))
