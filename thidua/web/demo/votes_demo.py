"""Demo: the officer elections of the seeds, played through the services.

- Cluster 4 at its summary conference of 5 January 2018 (seed 000): a paper election of 2018's
  head (Bình Dương) and deputies (Long An, Lâm Đồng), one delegate per member board. The 2018
  term already holds those officers, recorded from the same conference: applying the result
  finds nothing to change, so nothing is recorded twice.
- Cluster 1 at its summary conference of 5 December 2025: an electronic election of 2026's
  officers, still open. Its two trustees' keys are made here, as a trustee would make them on
  their own machine (``manage.py vote_trustee keygen``); their key files, which hold the secret
  parts, are written under ``var/demo-trustee-keys/`` (``THIDUA_DEMO_KEYS_DIR``; see the README),
  never in the database.
  Three delegates have voted; the others can sign in as ``lanhdao.<province>`` and vote.

The counts and the 2025 vote itself are illustrative (``votes_demo.yaml``). Running it again
changes nothing.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction

from thidua.accounts.models import Role, User
from thidua.accounts.services import role_grant, user_create
from thidua.core.text import fold
from thidua.elections.models import Election
from thidua.elections.roll import term_roll
from thidua.elections.services import election_apply, election_create
from thidua.orgs.models import ClusterTerm, Unit
from thidua.voting import protocol
from thidua.voting.engine.layout import answers_from_choices
from thidua.voting.models import Vote, VoteMode
from thidua.voting.services import (
    PaperFigures,
    ballot_cast,
    paper_confirm,
    paper_count_enter,
    trustee_key_submit,
    vote_keys_start,
    vote_open,
)
from thidua.voting.services.ceremony import questions_of
from thidua.voting.verify_cli import keygen_file
from thidua.web.demo.votes_time import vote_in_its_own_time

HERE = Path(__file__).parent
SECRETARIAT = "thuongtruc"


def keys_dir() -> Path:
    """Where the trustees' key files go: ``THIDUA_DEMO_KEYS_DIR`` (var/demo-trustee-keys)."""
    return Path(settings.THIDUA_DEMO_KEYS_DIR)


BoardFor = Callable[[str, int], Unit]


def _spec() -> dict[str, Any]:
    with (HERE / "votes_demo.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def _counted(vote: Vote, votes: dict[int, int], present: int) -> None:
    """Enter the committee's figures (every ballot valid; ``votes`` by unit) and confirm them
    twice."""
    committee = [m.user for m in vote.committee.select_related("user")]
    counts = {line.pk: [votes.get(line.unit_id or 0, 0)] for line in vote.candidates.all()}
    figures = PaperFigures(
        present=present, issued=present, received=present, valid=present, invalid=0
    )
    paper_count_enter(actor=committee[0], vote=vote, figures=figures, counts=counts)
    for member in committee:
        paper_confirm(actor=member, vote=vote)


def cluster_4_election_load(spec: dict[str, Any], board_for: BoardFor) -> Election | None:
    term = ClusterTerm.objects.filter(cluster__number=4, year=2017).first()
    if term is None or Election.objects.filter(term=term).exists():
        return None
    manager = User.objects.get(username=SECRETARIAT)
    day = spec["held_on"]
    delegates = [line.user for line in term_roll(term, day) if line.user is not None]
    election = election_create(
        actor=manager,
        term=term,
        held_on=day,
        mode=VoteMode.PAPER,
        committee=delegates[:2],
        deputies=spec["deputies"],
    )
    for vote, votes in (
        (election.head_vote, spec["head"]),
        (election.deputies_vote, spec["deputies_votes"]),
    ):
        by_unit = {board_for(name, 2017).pk: n for name, n in votes.items()}
        _counted(vote, by_unit, spec["present"])
    election_apply(actor=manager, election=election)
    for vote in (election.head_vote, election.deputies_vote):
        vote_in_its_own_time(vote, day)
    applied = dt.datetime.combine(day, dt.time(11), tzinfo=dt.UTC)
    Election.objects.filter(pk=election.pk).update(created_at=applied, applied_at=applied)
    return election


def _leader(unit: Unit, prefix: str, password: str) -> User:
    """``lanhdao.<province without marks or spaces>``, the leader of a member board."""
    slug = "".join(ch for ch in fold(unit.short_name or unit.name) if ch.isalnum())
    username = f"{prefix}.{slug}"
    user = User.objects.filter(username=username).first() or user_create(
        actor=None,
        username=username,
        password=password,
        full_name=f"Lãnh đạo {unit.name}",
        unit=unit,
    )
    role_grant(actor=None, user=user, role=Role.UNIT_LEADER, unit=unit)
    return user


def _open_with_demo_keys(vote: Vote, manager: User, trustees: list[User]) -> None:
    """The key ceremony: each trustee's key file written to ``keys_dir()``, its public part
    submitted, then the vote opened."""
    vote_keys_start(actor=manager, vote=vote)
    folder = keys_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for trustee in trustees:
        path = folder / f"{vote.uid}-{trustee.username}.json"
        public = keygen_file(vote.context, path)
        trustee_key_submit(actor=trustee, vote=vote, key=public)
    vote_open(actor=manager, vote=vote)


def _cast(vote: Vote, voter: User, chosen: list[Unit]) -> str:
    """A ballot encrypted as the voter's browser would, for the boards chosen."""
    vote = Vote.objects.get(pk=vote.pk)
    lines = list(vote.candidates.order_by("position"))
    wanted = {u.pk for u in chosen}
    picks = {i: 0 for i, line in enumerate(lines) if line.unit_id in wanted}
    answers = answers_from_choices(vote.kind, len(lines), picks)
    ballot = protocol.ballot_encrypt(
        bytes.fromhex(vote.public_key), answers, questions_of(vote), vote.context
    )
    return ballot_cast(actor=voter, vote=vote, ballot=ballot.to_json())


def cluster_1_election_load(
    spec: dict[str, Any], board_for: BoardFor, password: str
) -> Election | None:
    term = ClusterTerm.objects.filter(cluster__number=1, year=2025).first()
    if term is None or Election.objects.filter(term=term).exists():
        return None
    manager = User.objects.get(username=SECRETARIAT)
    units = [m.unit for m in term.memberships.select_related("unit")]
    leaders = {u.pk: _leader(u, spec["leader_prefix"], password) for u in units}
    trustees = [User.objects.get(username=name) for name in spec["trustees"]]
    election = election_create(
        actor=manager,
        term=term,
        held_on=spec["held_on"],
        mode=VoteMode.ELECTRONIC,
        committee=[],
        trustees=trustees,
        deputies=spec["deputies"],
    )
    for vote in (election.head_vote, election.deputies_vote):
        _open_with_demo_keys(vote, manager, trustees)
    for entry in spec["cast"]:
        voter = leaders[board_for(entry["voter"], 2025).pk]
        _cast(election.head_vote, voter, [board_for(entry["head"], 2025)])
        _cast(election.deputies_vote, voter, [board_for(n, 2025) for n in entry["deputies"]])
    return election


def votes_demo_load(*, board_for: BoardFor, password: str) -> None:
    """After the awards' demo (the 2017 round's vote) and the rule book."""
    spec = _spec()
    with transaction.atomic():
        cluster_4_election_load(spec["cluster_4_election_2018"], board_for)
        cluster_1_election_load(spec["cluster_1_election_2025"], board_for, password)
