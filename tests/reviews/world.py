"""A board's vote of confidence for the tests: Bình Dương's board rates its leaders on paper,
its leader and an officer form the counting committee."""

import datetime as dt
from collections.abc import Sequence

from tests.builders.clusters import board
from tests.builders.people import persona
from thidua.orgs.models import Person, Unit
from thidua.orgs.services import person_create, position_add
from thidua.reviews.models import ConfidenceSession
from thidua.reviews.services import RatedSpec, confidence_session_create
from thidua.voting.models import Vote, VoteCandidate
from thidua.voting.services import PaperFigures, paper_confirm, paper_count_enter

BINH_DUONG = "74-63"
HELD_ON = dt.date(2025, 6, 10)
LEADER, OFFICER = "lanhdao.binhduong", "canbo.binhduong"
TITLES = ("Trưởng ban", "Phó Trưởng ban thường trực", "Phó Trưởng ban")


def rated_people(unit: Unit, count: int = len(TITLES)) -> list[RatedSpec]:
    """Persons holding the board's posts, as the directory has them."""
    specs = []
    for i, title in enumerate(TITLES[:count]):
        person: Person = person_create(actor=None, full_name=f"Nguyễn Văn {chr(65 + i)}")
        position_add(actor=None, person=person, unit=unit, title=title)
        specs.append(RatedSpec(person, title))
    return specs


def session_held(
    *, summoned: int = 30, rated: int = len(TITLES), unit: Unit | None = None
) -> ConfidenceSession:
    unit = unit or board(BINH_DUONG)
    return confidence_session_create(
        actor=persona(LEADER),
        unit=unit,
        held_on=HELD_ON,
        persons=rated_people(unit, rated),
        roll=[],
        summoned=summoned,
        committee=[persona(LEADER), persona(OFFICER)],
        mode="paper",
    )


def candidates(vote: Vote) -> list[VoteCandidate]:
    return list(vote.candidates.order_by("position"))


def counted(
    session: ConfidenceSession,
    levels: Sequence[tuple[int, int, int]],
    *,
    present: int,
    received: int | None = None,
    confirm: bool = True,
) -> ConfidenceSession:
    """The committee enters the minutes (high, confidence, low per person) and, unless told not
    to, two of its members confirm them."""
    vote = session.vote
    received = present if received is None else received
    figures = PaperFigures(
        present=present, issued=received, received=received, valid=received, invalid=0
    )
    counts = {c.pk: list(n) for c, n in zip(candidates(vote), levels, strict=True)}
    paper_count_enter(actor=persona(LEADER), vote=vote, figures=figures, counts=counts)
    if confirm:
        paper_confirm(actor=persona(LEADER), vote=vote)
        paper_confirm(actor=persona(OFFICER), vote=vote)
    return ConfidenceSession.objects.select_related("unit", "vote").get(pk=session.pk)
