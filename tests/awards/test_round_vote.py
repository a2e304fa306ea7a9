"""A round deliberated by secret ballot: its candidates become an approval vote organised where
the round is, the vote's final result becomes the round's deliberation, and until then the round
is neither deliberated from the minutes nor submitted; and who may not set it up."""

import datetime as dt

import pytest

from tests.builders.assessments import published_plan
from tests.builders.people import persona, staff_of
from thidua.audit.models import AuditEvent
from thidua.awards.models import NominationRound, RoundStatus
from thidua.awards.services.deliberation import round_vote_apply, round_vote_create
from thidua.awards.services.rounds import candidate_add, candidate_remove, round_open
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.core.errors import DomainError, PermissionDeniedError
from thidua.voting.models import Vote, VoteKind, VoteMode, VoteStatus
from thidua.voting.services import PaperFigures, paper_confirm, paper_count_enter

D = dt.date
pytestmark = pytest.mark.usefixtures("rulebook")
HELD_ON = D(2019, 1, 12)


def _round() -> NominationRound:
    plan, _ = published_plan()
    return round_open(
        actor=persona("lanhdao.binhduong"),
        level="cluster",
        year=2018,
        term=plan.term,
        judged_on=D(2019, 1, 10),
    )


def _with_vote(round_: NominationRound) -> tuple[NominationRound, Vote]:
    head = persona("lanhdao.binhduong")
    first = round_.candidates.select_related("unit").first()
    assert first is not None
    assert first.unit is not None
    committee = [head, staff_of(first.unit)]
    vote = round_vote_create(
        actor=head, round_=round_, mode=VoteMode.PAPER, held_on=HELD_ON, committee=committee
    )
    return NominationRound.objects.get(pk=round_.pk), vote


def _counted(vote: Vote, approvals: list[int], *, confirm: bool = True) -> Vote:
    """Eleven present, eleven valid ballots, each line's approvals in ballot order."""
    members = [m.user for m in vote.committee.select_related("user")]
    lines = list(vote.candidates.order_by("position"))
    figures = PaperFigures(present=11, issued=11, received=11, valid=11, invalid=0)
    counts = {line.pk: [n] for line, n in zip(lines, approvals, strict=True)}
    vote = paper_count_enter(actor=members[0], vote=vote, figures=figures, counts=counts)
    if confirm:
        for member in members:
            vote = paper_confirm(actor=member, vote=vote)
    return Vote.objects.get(pk=vote.pk)


def test_the_candidates_become_an_approval_vote_of_the_cluster_s_members() -> None:
    round_, vote = _with_vote(_round())
    assert round_.vote == vote
    assert (vote.kind, vote.rule_prefix, vote.year) == (VoteKind.APPROVAL, "deliberation", 2018)
    assert vote.organiser_term == round_.term
    assert vote.organiser_unit is None
    candidates = list(round_.candidates.order_by("position", "id"))
    lines = list(vote.candidates.order_by("position"))
    assert [line.unit_id for line in lines] == [c.unit_id for c in candidates]
    assert all(c.subject_name in line.name for line, c in zip(lines, candidates, strict=True))
    # One delegate per member board of the term (cluster 4 in 2018 has eleven).
    assert vote.roll.count() == round_.term.memberships.count() == vote.summoned == 11  # type: ignore[union-attr]
    assert AuditEvent.objects.filter(action="award_round.vote_create").exists()


def test_the_final_result_becomes_the_round_s_deliberation() -> None:
    round_, vote = _with_vote(_round())
    lines = vote.candidates.count()
    approvals = [11] + [5] * (lines - 1)  # 5 of 11 is under one half of the roll
    _counted(vote, approvals)
    round_ = round_vote_apply(actor=persona("lanhdao.binhduong"), round_=round_)
    assert round_.status == RoundStatus.DELIBERATED
    assert (round_.deliberated_on, round_.summoned, round_.present) == (HELD_ON, 11, 11)
    candidates = list(round_.candidates.order_by("position", "id"))
    assert [c.approvals for c in candidates] == approvals
    assert [c.proposed for c in candidates] == [True] + [False] * (lines - 1)
    assert AuditEvent.objects.filter(action="award_round.vote_apply").exists()


def test_until_the_vote_is_final_the_round_is_not_submitted_nor_applied() -> None:
    round_, vote = _with_vote(_round())
    head = persona("lanhdao.binhduong")
    _counted(vote, [11] * vote.candidates.count(), confirm=False)
    assert Vote.objects.get(pk=vote.pk).status == VoteStatus.COUNTED
    with pytest.raises(DomainError, match="chưa có kết quả cuối cùng"):
        round_submit(actor=head, round_=round_)
    with pytest.raises(DomainError, match="chưa có kết quả cuối cùng"):
        round_vote_apply(actor=head, round_=round_)
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DRAFT


def test_a_round_with_a_vote_is_submitted_once_its_result_is_applied() -> None:
    round_, vote = _with_vote(_round())
    head = persona("lanhdao.binhduong")
    _counted(vote, [11] * vote.candidates.count())
    round_vote_apply(actor=head, round_=round_)
    round_ = round_submit(actor=head, round_=round_, submitted_on=D(2019, 1, 15))
    assert round_.status == RoundStatus.SUBMITTED


def test_a_round_with_a_vote_is_not_deliberated_from_the_minutes() -> None:
    round_, _ = _with_vote(_round())
    with pytest.raises(DomainError, match="bỏ phiếu kín"):
        round_deliberate(
            actor=persona("lanhdao.binhduong"),
            round_=round_,
            deliberated_on=HELD_ON,
            summoned=11,
            present=11,
            approvals={c.pk: 11 for c in round_.candidates.all()},
        )


def test_the_list_on_the_ballot_no_longer_changes() -> None:
    round_, _ = _with_vote(_round())
    head = persona("lanhdao.binhduong")
    candidate = round_.candidates.first()
    assert candidate is not None
    with pytest.raises(DomainError, match="danh sách trên phiếu"):
        candidate_remove(actor=head, candidate=candidate)
    with pytest.raises(DomainError, match="danh sách trên phiếu"):
        candidate_add(actor=head, round_=round_, award="commission_flag", unit=candidate.unit)


def test_a_round_has_one_vote() -> None:
    round_, _ = _with_vote(_round())
    with pytest.raises(DomainError, match="đã có cuộc bỏ phiếu"):
        _with_vote(round_)
    assert Vote.objects.count() == 1


def test_the_council_s_round_is_a_council_vote_of_its_members() -> None:
    _plan, (a, _b, _c) = published_plan()
    secretariat = persona("thuongtruc")
    council = persona("hoidong")
    round_ = round_open(actor=secretariat, level="council", year=2018, judged_on=D(2019, 1, 10))
    candidate_add(actor=secretariat, round_=round_, award="commission_certificate", unit=a)
    vote = round_vote_create(
        actor=secretariat,
        round_=round_,
        mode=VoteMode.PAPER,
        held_on=HELD_ON,
        committee=[secretariat, council],
    )
    assert vote.rule_prefix == "council_vote"
    assert vote.organiser_term is None
    assert vote.organiser_unit is None
    assert list(vote.roll.values_list("user", flat=True)) == [council.pk]


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
def test_only_those_who_manage_the_round_set_up_or_apply_its_vote(username: str) -> None:
    round_ = _round()
    outsider = persona(username)
    with pytest.raises(PermissionDeniedError):
        round_vote_create(
            actor=outsider,
            round_=round_,
            mode=VoteMode.PAPER,
            held_on=HELD_ON,
            committee=[persona("lanhdao.binhduong"), persona("thuongtruc")],
        )
    round_, vote = _with_vote(round_)
    _counted(vote, [11] * vote.candidates.count())
    with pytest.raises(PermissionDeniedError):
        round_vote_apply(actor=outsider, round_=round_)
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DRAFT
