"""The demo's votes (thidua/web/demo/votes_demo.py and awards_demo.py): cluster 4's 2017
deliberation as a paper vote from the published ranking; the election at the conference of
05/01/2018 that produced the 2018 term's officers as the demo holds them, not recorded twice;
and cluster 1's electronic election of its 2026 officers, open, with demo trustees whose key
files are on disk, three ballots in the box and delegates still to vote.

The module's ``demo`` fixture (tests/conftest.py) has built it; these tests read what it left.
"""

import datetime as dt
import json

import pytest

from tests.web.demo_data import demo_client, demo_term, demo_user
from thidua.awards.models import NominationRound, RoundLevel
from thidua.elections.models import Election
from thidua.orgs.models import OfficerChange, OfficerRole
from thidua.voting import protocol
from thidua.voting.engine.layout import answers_from_choices
from thidua.voting.models import Ballot, VoteKind, VoteMode, VoteStatus
from thidua.voting.services import ballot_cast
from thidua.voting.services.ceremony import questions_of
from thidua.web.demo.loader import board_for
from thidua.web.demo.votes_demo import keys_dir, votes_demo_load

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
D = dt.date


def _elected(rows: list[dict[str, object]]) -> set[str]:
    return {str(r["name"]) for r in rows if r["elected"]}


def test_the_2017_deliberation_is_a_paper_vote_whose_result_is_the_round_s() -> None:
    round_ = NominationRound.objects.get(level=RoundLevel.CLUSTER, term=demo_term(4, 2017))
    vote = round_.vote
    assert vote is not None
    assert (vote.kind, vote.mode, vote.status) == (VoteKind.APPROVAL, VoteMode.PAPER, "final")
    assert (vote.held_on, vote.rule_prefix, vote.organiser_term) == (
        D(2018, 1, 5), "deliberation", round_.term,
    )  # fmt: skip
    assert vote.roll.count() == 11
    rows = {row["name"]: row for row in vote.result["rows"]}  # type: ignore[index]
    for candidate in round_.candidates.all():
        row = next(r for name, r in rows.items() if name.startswith(candidate.subject_name))
        assert (row["votes"], row["passed"]) == (candidate.approvals, candidate.proposed)
    assert (round_.summoned, round_.present) == (11, 11)


def test_the_2018_officers_are_those_the_paper_election_produced() -> None:
    election = Election.objects.get(term=demo_term(4, 2017))
    assert election.held_on == D(2018, 1, 5)
    assert election.applied_at is not None
    head, deputies = election.head_vote, election.deputies_vote
    assert (head.status, deputies.status) == (VoteStatus.FINAL, VoteStatus.FINAL)
    assert (head.mode, head.seats, deputies.seats) == (VoteMode.PAPER, 1, 2)
    assert _elected(head.result["rows"]) == {board_for("Bình Dương", 2018).name}  # type: ignore[index]
    assert _elected(deputies.result["rows"]) == {  # type: ignore[index]
        board_for("Long An", 2018).name,
        board_for("Lâm Đồng", 2018).name,
    }
    term_2018 = demo_term(4, 2018)
    officers = {
        m.unit.name: m.role
        for m in term_2018.memberships.select_related("unit").exclude(role=OfficerRole.MEMBER)
    }
    assert officers == {
        board_for("Bình Dương", 2018).name: OfficerRole.HEAD,
        board_for("Long An", 2018).name: OfficerRole.DEPUTY,
        board_for("Lâm Đồng", 2018).name: OfficerRole.DEPUTY,
    }
    # Recorded once, from the conference: the election found nothing to change.
    changes = OfficerChange.objects.filter(term=term_2018)
    assert changes.count() == 3
    assert all(c.decision.startswith("Bầu tại Hội nghị tổng kết ngày 05/01/2018") for c in changes)


def test_cluster_1_s_electronic_election_is_open_with_its_demo_trustees() -> None:
    election = Election.objects.get(term=demo_term(1, 2025))
    for vote in (election.head_vote, election.deputies_vote):
        assert (vote.mode, vote.status) == (VoteMode.ELECTRONIC, VoteStatus.OPEN)
        assert vote.public_key
        assert Ballot.objects.filter(vote=vote).count() == 3
        trustees = list(vote.trustees.select_related("user"))
        assert [t.user.username for t in trustees] == ["thuongtruc", "lanhdao.phutho"]
        for trustee in trustees:
            key_file = keys_dir() / f"{vote.uid}-{trustee.user.username}.json"
            content = json.loads(key_file.read_text(encoding="utf-8"))
            assert content["context"] == vote.context
            assert content["key"] == trustee.public_key
            assert "secret" not in json.dumps(trustee.public_key)


def test_a_delegate_signs_in_votes_and_finds_their_tracker() -> None:
    vote = Election.objects.get(term=demo_term(1, 2025)).head_vote
    line = vote.roll.filter(voted_at__isnull=True, user__isnull=False).select_related("user")[0]
    voter = line.user
    assert voter is not None
    assert demo_client(voter.username).get("/").status_code == 200  # the demo password
    lines = list(vote.candidates.order_by("position"))
    answers = answers_from_choices(vote.kind, len(lines), {0: 0})
    ballot = protocol.ballot_encrypt(
        bytes.fromhex(vote.public_key), answers, questions_of(vote), vote.context
    )
    tracker = ballot_cast(actor=voter, vote=vote, ballot=ballot.to_json())
    assert Ballot.objects.filter(vote=vote, tracker=tracker, voter=line).exists()


def test_every_delegate_of_cluster_1_has_a_demo_account() -> None:
    vote = Election.objects.get(term=demo_term(1, 2025)).head_vote
    assert vote.roll.count() == 9
    assert not vote.roll.filter(user__isnull=True).exists()
    assert vote.roll.filter(user=demo_user("lanhdao.phutho")).exists()


def test_loading_again_changes_nothing() -> None:
    counts = (Election.objects.count(), Ballot.objects.count(), OfficerChange.objects.count())
    votes_demo_load(board_for=board_for, password="x")
    assert (Election.objects.count(), Ballot.objects.count(), OfficerChange.objects.count()) == (
        counts
    )
