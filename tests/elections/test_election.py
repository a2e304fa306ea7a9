"""The summary conference elects next year's head and deputies: two election votes among the
member boards, one delegate per board; their final result becomes next year's officers through
orgs' officer service with the decision "Bầu tại Hội nghị tổng kết ngày …"; ties, too few
elected and votes not yet final are refused; and who may not set it up."""

import pytest

from tests.builders.clusters import cluster_term, term
from tests.builders.people import persona
from tests.elections.world import HELD_ON, as_at_the_2018_conference, counted, election, unit_named
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.elections.models import Election
from thidua.elections.services import election_apply, election_create
from thidua.orgs.models import ClusterTerm, OfficerChange, OfficerRole
from thidua.voting.models import VoteKind, VoteMode

pytestmark = pytest.mark.usefixtures("rulebook")
DECISION = "Bầu tại Hội nghị tổng kết ngày 05/01/2018"


def _officers(term_: ClusterTerm) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in term_.memberships.select_related("unit").exclude(role=OfficerRole.MEMBER):
        found.setdefault(m.role, []).append(m.unit.name)
    return {role: sorted(names) for role, names in found.items()}


def test_two_election_votes_among_the_member_boards_one_delegate_each() -> None:
    found = election()
    head, deputies = found.head_vote, found.deputies_vote
    assert (head.kind, head.seats, deputies.kind, deputies.seats) == (
        VoteKind.ELECTION, 1, VoteKind.ELECTION, 2,
    )  # fmt: skip
    for vote in (head, deputies):
        assert vote.rule_prefix == "officer_election"
        assert vote.organiser_term == found.term
        assert vote.candidates.count() == vote.roll.count() == 11
        assert set(vote.roll.values_list("unit", flat=True)) == set(
            found.term.memberships.values_list("unit", flat=True)
        )
    assert AuditEvent.objects.filter(action="election.create").exists()


def test_the_result_opens_next_year_s_term_with_the_elected_officers() -> None:
    found = election()
    as_at_the_2018_conference(found)
    following = election_apply(actor=persona("thuongtruc"), election=found)
    assert following.year == 2018
    assert _officers(following) == {
        "head": ["Ban Tổ chức Tỉnh ủy Bình Dương"],
        "deputy": ["Ban Tổ chức Tỉnh ủy Long An", "Ban Tổ chức Tỉnh ủy Lâm Đồng"],
    }
    changes = OfficerChange.objects.filter(term=following)
    assert changes.count() == 3
    assert set(changes.values_list("decision", flat=True)) == {DECISION}
    assert set(changes.values_list("decided_on", flat=True)) == {HELD_ON}
    assert Election.objects.get(pk=found.pk).applied_at is not None
    with pytest.raises(DomainError, match="đã được ghi"):
        election_apply(actor=persona("thuongtruc"), election=found)


def test_officers_already_recorded_from_the_conference_are_not_recorded_twice() -> None:
    following = term(4, 2018)  # the seed's 2018 term: the same officers, from the same conference
    before = OfficerChange.objects.filter(term=following).count()
    found = election()
    as_at_the_2018_conference(found)
    assert election_apply(actor=persona("thuongtruc"), election=found) == following
    assert OfficerChange.objects.filter(term=following).count() == before


def test_a_different_result_changes_next_year_s_officers_through_orgs() -> None:
    found = election()
    members = [m.unit for m in found.term.memberships.select_related("unit")]
    long_an = unit_named(found.term, "Long An")
    tay_ninh = unit_named(found.term, "Tây Ninh")
    cluster_term(4, 2018, members, head=long_an, deputies=[tay_ninh])
    as_at_the_2018_conference(found)
    following = election_apply(actor=persona("thuongtruc"), election=found)
    assert _officers(following) == {
        "head": ["Ban Tổ chức Tỉnh ủy Bình Dương"],
        "deputy": ["Ban Tổ chức Tỉnh ủy Long An", "Ban Tổ chức Tỉnh ủy Lâm Đồng"],
    }
    tay_ninh_changes = OfficerChange.objects.filter(term=following, unit=tay_ninh)
    assert tay_ninh_changes.filter(new_role="member", decision=DECISION).exists()


def test_a_tie_at_the_last_seat_is_refused() -> None:
    found = election()
    counted(found.head_vote, {"Bình Dương": 10})
    counted(found.deputies_vote, {"Long An": 8, "Lâm Đồng": 6, "Đồng Nai": 6})
    with pytest.raises(DomainError, match="bằng phiếu nhau"):
        election_apply(actor=persona("thuongtruc"), election=found)
    assert not ClusterTerm.objects.filter(cluster=found.term.cluster, year=2018).exists()


def test_too_few_elected_is_refused() -> None:
    found = election()
    counted(found.head_vote, {"Bình Dương": 5, "Long An": 5})  # nobody over one half
    counted(found.deputies_vote, {"Long An": 9, "Lâm Đồng": 8})
    with pytest.raises(DomainError, match="0 người trúng cử"):
        election_apply(actor=persona("thuongtruc"), election=found)


def test_a_vote_not_yet_final_is_refused() -> None:
    found = election()
    counted(found.head_vote, {"Bình Dương": 10})
    with pytest.raises(DomainError, match="cụm phó chưa có kết quả"):
        election_apply(actor=persona("thuongtruc"), election=found)


def test_a_board_elected_to_both_offices_is_refused() -> None:
    found = election()
    counted(found.head_vote, {"Bình Dương": 10})
    counted(found.deputies_vote, {"Bình Dương": 9, "Lâm Đồng": 8})
    with pytest.raises(DomainError, match="cả cụm trưởng và cụm phó"):
        election_apply(actor=persona("thuongtruc"), election=found)


def test_a_term_holds_one_election_and_its_seats_are_counted() -> None:
    election()
    with pytest.raises(DomainError, match="đã có cuộc bầu"):
        election()
    with pytest.raises(ValidationFailedError):
        election_create(
            actor=persona("thuongtruc"),
            term=term(4, 2018),
            held_on=HELD_ON,
            mode=VoteMode.PAPER,
            committee=[persona("thuongtruc"), persona("lanhdao.binhduong")],
            deputies=11,
        )


def test_the_deputies_default_to_the_term_s_number() -> None:
    found = election_create(
        actor=persona("lanhdao.binhduong"),  # the 2018 head's leader manages the 2018 term
        term=term(4, 2018),
        held_on=HELD_ON.replace(year=2019),
        mode=VoteMode.PAPER,
        committee=[persona("thuongtruc"), persona("lanhdao.binhduong")],
    )
    assert found.deputies_vote.seats == 2


@pytest.mark.parametrize(
    "username", ["canbo.daklak", "canbo.longan", "theodoi", "nguoingoai", "hoidong"]
)
def test_only_those_who_manage_the_term_set_up_and_apply_it(username: str) -> None:
    # Long An is a member, not yet an officer in 2017: its staff have no cluster powers.
    with pytest.raises(PermissionDeniedError):
        election_create(
            actor=persona(username),
            term=term(4, 2017),
            held_on=HELD_ON,
            mode=VoteMode.PAPER,
            committee=[persona("thuongtruc"), persona("lanhdao.binhduong")],
        )
    found = election()
    as_at_the_2018_conference(found)
    with pytest.raises(PermissionDeniedError):
        election_apply(actor=persona(username), election=found)
    assert Election.objects.get(pk=found.pk).applied_at is None
