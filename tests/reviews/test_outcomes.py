"""A board's vote of confidence counted on paper: the three outcomes at the edges of Quy định
96 (over those who took part), the quorum of those summoned before the result stands, and what
the setup refuses."""

import datetime as dt

import pytest

from tests.builders.clusters import board
from tests.builders.people import persona
from tests.reviews.world import (
    BINH_DUONG,
    HELD_ON,
    LEADER,
    OFFICER,
    candidates,
    counted,
    rated_people,
    session_held,
)
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.reviews.models import ConfidenceSession
from thidua.reviews.selectors import confidence_outcomes
from thidua.reviews.services import RatedSpec, confidence_session_create
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting.models import VoteKind, VoteStatus
from thidua.voting.services import PaperFigures, paper_count_enter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rule_book(db: None) -> None:
    rulebook_load()


def test_a_session_is_a_confidence_vote_of_the_board() -> None:
    session = session_held()
    vote = session.vote
    assert vote.kind == VoteKind.CONFIDENCE
    assert vote.rule_prefix == "confidence_vote"
    assert vote.organiser_unit == board(BINH_DUONG)
    assert vote.status == VoteStatus.DRAFT
    assert session.mode == "paper"
    assert session.year == HELD_ON.year
    assert [r.title for r in session.rated.all()] == [
        "Trưởng ban",
        "Phó Trưởng ban thường trực",
        "Phó Trưởng ban",
    ]
    names = list(vote.candidates.values_list("name", flat=True))
    assert names[0] == "Nguyễn Văn A — Trưởng ban"
    event = AuditEvent.objects.get(action="confidence_session.create")
    assert event.object_id == str(session.pk)


@pytest.mark.parametrize(
    ("low", "outcome", "meaning"),
    [
        (15, "none", "Không"),
        (16, "removed_from_planning", "Đưa ra khỏi quy hoạch, xem xét miễn nhiệm"),
        (19, "removed_from_planning", "Đưa ra khỏi quy hoạch, xem xét miễn nhiệm"),
        (20, "dismissal", "Thực hiện quy trình cho thôi giữ chức vụ"),
    ],
)
def test_the_outcome_follows_the_share_of_low_among_those_who_took_part(
    low: int, outcome: str, meaning: str
) -> None:
    """30 took part: 15 "low" is exactly one half (nothing), 16 just above it, 19 just under
    two thirds, 20 exactly two thirds."""
    session = counted(session_held(rated=1), [(30 - low, 0, low)], present=30)
    found = confidence_outcomes(session)
    assert found.final
    assert found.quorum_met
    assert found.stands
    [row] = found.rows
    assert (row.high, row.confidence, row.low, row.base) == (30 - low, 0, low, 30)
    assert row.outcome == outcome
    assert row.meaning == meaning
    assert row.title == "Trưởng ban"
    assert "96-QĐ/TW" in found.citation
    assert (found.review_share, found.dismissal_share) == ("1/2", "2/3")


def test_each_person_gets_their_own_outcome() -> None:
    session = counted(session_held(), [(20, 5, 5), (5, 5, 20), (8, 5, 17)], present=30)
    outcomes = [row.outcome for row in confidence_outcomes(session).rows]
    assert outcomes == ["none", "dismissal", "removed_from_planning"]


def test_below_the_quorum_the_result_does_not_stand_and_says_so() -> None:
    """30 summoned: two thirds is 20 present; with 19 no consequence follows, however many
    "low" ballots there were."""
    session = counted(session_held(rated=1), [(0, 0, 19)], present=19)
    found = confidence_outcomes(session)
    assert found.final
    assert not found.quorum_met
    assert not found.stands
    assert found.quorum_required == 20
    assert [row.outcome for row in found.rows] == [""]
    assert [row.meaning for row in found.rows] == [""]
    reached = counted(session_held(rated=1), [(0, 0, 20)], present=20)
    assert confidence_outcomes(reached).stands
    assert [row.outcome for row in confidence_outcomes(reached).rows] == ["dismissal"]


def test_a_count_not_yet_confirmed_by_two_members_is_not_final() -> None:
    session = counted(session_held(rated=1), [(0, 0, 30)], present=30, confirm=False)
    found = confidence_outcomes(session)
    assert found.counted
    assert not found.final
    assert not found.stands
    before = confidence_outcomes(session_held(rated=1))
    assert not before.counted
    assert [row.outcome for row in before.rows] == [""]


@pytest.mark.parametrize("username", [OFFICER, "canbo.longan", "hoidong", "theodoi", "nguoingoai"])
def test_only_the_board_s_leader_or_the_secretariat_organise(username: str) -> None:
    with pytest.raises(PermissionDeniedError):
        confidence_session_create(
            actor=persona(username),
            unit=board(BINH_DUONG),
            held_on=HELD_ON,
            persons=[],
            roll=[],
            summoned=10,
            committee=[],
            mode="paper",
        )
    assert not ConfidenceSession.objects.exists()


def test_the_secretariat_organises_for_a_board_with_a_roll_of_names() -> None:
    unit = board(BINH_DUONG)
    session = confidence_session_create(
        actor=persona("thuongtruc"),
        unit=unit,
        held_on=HELD_ON,
        persons=rated_people(unit, 1),
        roll=["Trần Thị B", "Lê Văn C", persona(OFFICER)],
        committee=[persona(LEADER), persona(OFFICER)],
        mode="paper",
    )
    assert session.vote.summoned == 3
    roll = list(session.vote.roll.order_by("pk").values_list("name", "user__username"))
    assert roll == [
        ("Trần Thị B", None),
        ("Lê Văn C", None),
        ("Cán bộ Ban Tổ chức Bình Dương", OFFICER),
    ]


def _create(
    persons: list[RatedSpec], *, alone: bool = False, held_on: dt.date = HELD_ON
) -> ConfidenceSession:
    leader = persona(LEADER)
    return confidence_session_create(
        actor=leader,
        unit=board(BINH_DUONG),
        held_on=held_on,
        persons=persons,
        roll=[],
        summoned=10,
        committee=[leader] if alone else [leader, persona(OFFICER)],
        mode="paper",
    )


def test_the_setup_refuses_what_cannot_be_held() -> None:
    people = rated_people(board(BINH_DUONG), 2)
    with pytest.raises(ValidationFailedError) as twice:
        _create([people[0], people[0]])
    assert "Một người có hai lần" in twice.value.problems["persons"][0]
    with pytest.raises(ValidationFailedError) as alone:
        _create(people, alone=True)
    assert "committee" in alone.value.problems
    with pytest.raises(ValidationFailedError) as untitled:
        _create([RatedSpec(people[0].person, " ")])
    assert "persons" in untitled.value.problems
    # Before Quy định 96 took effect, the rule book has no rule to count with.
    with pytest.raises(DomainError, match="Chưa có quy định"):
        _create(people, held_on=dt.date(2020, 5, 1))
    assert not ConfidenceSession.objects.exists()


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        # Absent members' written ballots are not part of a confidence vote: counted, 9 "low"
        # over the 7 who took part in the room made the count fail with a server error.
        (
            PaperFigures(present=9, issued=10, received=10, valid=10, invalid=0, written=3),
            "written",
        ),
        # More ballots than people in the room.
        (PaperFigures(present=5, issued=10, received=10, valid=10, invalid=0), "received"),
    ],
)
def test_impossible_minutes_are_refused_not_a_server_error(
    figures: PaperFigures, field: str
) -> None:
    session = session_held(rated=1, summoned=12)
    [candidate] = candidates(session.vote)
    with pytest.raises(ValidationFailedError) as refused:
        paper_count_enter(
            actor=persona(LEADER),
            vote=session.vote,
            figures=figures,
            counts={candidate.pk: [0, 1, 9]},
        )
    assert field in refused.value.problems
    assert not confidence_outcomes(session).counted
