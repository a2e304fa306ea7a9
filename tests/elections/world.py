"""Cluster 4's 2017 term electing its 2018 head and deputies at the conference of 05/01/2018,
on paper: the counting committee enters the figures and two of its members confirm."""

import datetime as dt

from tests.builders.clusters import term
from tests.builders.people import persona, staff_of
from thidua.elections.models import Election
from thidua.elections.services import election_create
from thidua.orgs.models import ClusterTerm, Unit
from thidua.voting.models import Vote, VoteMode
from thidua.voting.services import PaperFigures, paper_confirm, paper_count_enter

HELD_ON = dt.date(2018, 1, 5)


def unit_named(term_: ClusterTerm, name: str) -> Unit:
    return next(m.unit for m in term_.memberships.select_related("unit") if name in m.unit.name)


def election(*, deputies: int = 2) -> Election:
    term_2017 = term(4, 2017)
    committee = [persona("thuongtruc"), staff_of(unit_named(term_2017, "Tây Ninh"))]
    return election_create(
        actor=persona("thuongtruc"),
        term=term_2017,
        held_on=HELD_ON,
        mode=VoteMode.PAPER,
        committee=committee,
        deputies=deputies,
    )


def counted(vote: Vote, votes: dict[str, int], *, valid: int = 11) -> Vote:
    """Each named board's votes (the others none), eleven present, two confirmations."""
    members = [m.user for m in vote.committee.select_related("user")]
    counts = {
        line.pk: [next((n for name, n in votes.items() if name in line.name), 0)]
        for line in vote.candidates.all()
    }
    figures = PaperFigures(present=11, issued=11, received=11, valid=valid, invalid=11 - valid)
    paper_count_enter(actor=members[0], vote=vote, figures=figures, counts=counts)
    for member in members:
        paper_confirm(actor=member, vote=vote)
    return Vote.objects.get(pk=vote.pk)


def as_at_the_2018_conference(election_: Election) -> None:
    """Bình Dương head; Long An and Lâm Đồng deputies (seed 000)."""
    counted(election_.head_vote, {"Bình Dương": 10, "Long An": 1})
    counted(election_.deputies_vote, {"Long An": 9, "Lâm Đồng": 8, "Đồng Nai": 3})
