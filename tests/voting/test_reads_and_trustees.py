"""The list of votes costs the same queries however many clusters' terms hold votes; the
election record built from the database is the stored ballots re-serialised in the protocol's
order, byte for byte; the trustees' two steps share their refusals and audit."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders.clusters import boards_valid_in, cluster_term
from tests.builders.people import persona, staff_of
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDeniedError
from thidua.orgs.models import Unit
from thidua.voting import protocol
from thidua.voting.models import Ballot, Vote
from thidua.voting.selectors import record_for, vote_list_for
from thidua.voting.services import (
    ballot_cast,
    partial_submit,
    trustee_key_submit,
    vote_close,
    vote_keys_start,
    vote_open,
)
from thidua.voting.services.ceremony import questions_of

from .builders import (
    ballot_for,
    decrypted,
    electronic_vote,
    opened_vote,
    paper_vote,
    partial_for,
    people,
)

pytestmark = pytest.mark.usefixtures("rulebook")

YEAR = 2020
# Three voters' approvals of three candidates: the count is 2, 3, 0.
CHOICES = [[[1], [1], [0]], [[0], [1], [0]], [[1], [1], [0]]]


@pytest.mark.parametrize("terms", [2, 8])
def test_the_list_of_votes_asks_the_same_queries_however_many_terms_hold_votes(
    terms: int, django_assert_num_queries: Callable[[int], Any]
) -> None:
    officers: list[list[Unit]] = []
    votes = []
    for n in range(terms):
        members = boards_valid_in(YEAR, 3)
        made = cluster_term(40 + n, YEAR, members, head=members[0], deputies=[members[1]])
        votes.append(paper_vote(organiser_term=made))
        officers.append(members)
    first_head, deputy, plain = officers[0]
    head, deputy_staff, member_staff = staff_of(first_head), staff_of(deputy), staff_of(plain)
    nobody = people("khongvaitro", 1)[0]  # no grant at all: no unit, no term
    seen: list[tuple[User, list[Vote]]] = [
        (head, [votes[0]]),
        (deputy_staff, [votes[0]]),
        (member_staff, []),
        (nobody, []),
    ]
    for user, expected in seen:
        fresh = User.objects.get(pk=user.pk)  # the policy keeps a user's grants on the object
        # One query for the user's grants, one for the votes: none per term.
        with django_assert_num_queries(2):
            listed = list(vote_list_for(user=fresh))
        assert listed == expected


def _cast_all(vote: Vote, voters: list[User]) -> None:
    for voter, answers in zip(voters, CHOICES, strict=True):
        ballot_cast(actor=voter, vote=vote, ballot=ballot_for(vote, answers))


def test_the_record_is_the_stored_ballots_in_the_protocol_s_order_byte_for_byte() -> None:
    voters, trustees = people("cutri", 3), people("giukhoa", 2)
    vote, secrets = opened_vote(voters, trustees)
    _cast_all(vote, voters)
    vote = vote_close(actor=persona("thuongtruc"), vote=vote)
    vote = decrypted(vote, trustees, secrets)
    rows = list(Ballot.objects.filter(vote=vote).order_by("id"))
    parsed = [protocol.Ballot.from_json(row.content) for row in rows]
    lines = list(vote.trustees.order_by("position"))
    expected = {
        "format": "thidua/vote-record/v1",
        "vote": {
            "id": str(vote.uid),
            "context": vote.context,
            "title": vote.title,
            "kind": vote.kind,
            "status": "final",
            "candidates": ["Ứng viên A", "Ứng viên B", "Ứng viên C"],
            "seats": None,
        },
        "questions": [{"options": 1, "min": 0, "max": 1}] * 3,
        "trustees": [protocol.TrusteeKey.from_json(t.public_key).to_json() for t in lines],
        "public_key": vote.public_key,
        "ballots": [{"tracker": b.tracker(), "ballot": b.to_json()} for b in parsed],
        "tally": protocol.tally_encrypted(parsed, questions_of(vote)).to_json(),
        "partials": [protocol.PartialDecryption.from_json(t.partial).to_json() for t in lines],
        "result": [[2], [3], [0]],
    }
    with CaptureQueriesContext(connection) as queries:
        record = record_for(vote)
    ballot_reads = [q["sql"] for q in queries.captured_queries if '"voting_ballot"' in q["sql"]]
    assert len(ballot_reads) == 1, ballot_reads  # the box is read once, for record and tally
    assert json.dumps(record, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)
    assert [entry["tracker"] for entry in record["ballots"]] == [row.tracker for row in rows]
    assert protocol.record_verify(record) == []


def test_the_trustees_two_steps_refuse_outsiders_wrong_moments_and_a_second_sending() -> None:
    voters, trustees = people("cutri", 3), people("giukhoa", 2)
    organiser = persona("thuongtruc")
    vote = electronic_vote(voters=voters, trustees=trustees)
    made = [protocol.trustee_keygen(vote.context) for _ in trustees]
    keys = [key.to_json() for _secret, key in made]
    with pytest.raises(DomainError, match="không ở bước tạo khóa"):
        trustee_key_submit(actor=trustees[0], vote=vote, key=keys[0])
    vote_keys_start(actor=organiser, vote=vote)
    with pytest.raises(PermissionDeniedError):
        trustee_key_submit(actor=persona("quantri"), vote=vote, key=keys[0])
    for trustee, key in zip(trustees, keys, strict=True):
        trustee_key_submit(actor=trustee, vote=vote, key=key)
    with pytest.raises(DomainError, match="đã gửi khóa"):
        trustee_key_submit(actor=trustees[0], vote=vote, key=keys[0])
    vote = vote_open(actor=organiser, vote=vote)
    with pytest.raises(DomainError, match="không ở bước tạo khóa"):
        trustee_key_submit(actor=trustees[0], vote=vote, key=keys[0])
    _cast_all(vote, voters)
    vote = vote_close(actor=organiser, vote=vote)
    partials = [
        partial_for(vote, t, secret) for t, (secret, _key) in zip(trustees, made, strict=True)
    ]
    with pytest.raises(PermissionDeniedError):
        partial_submit(actor=voters[0], vote=vote, partial=partials[0])
    vote = partial_submit(actor=trustees[0], vote=vote, partial=partials[0])
    with pytest.raises(DomainError, match="đã gửi phần giải mã"):
        partial_submit(actor=trustees[0], vote=vote, partial=partials[0])
    vote = partial_submit(actor=trustees[1], vote=vote, partial=partials[1])
    with pytest.raises(DomainError, match="đã kết thúc"):  # final now: nothing more to decrypt
        partial_submit(actor=trustees[1], vote=vote, partial=partials[1])
    audit = AuditEvent.objects.filter(object_id=str(vote.pk), action__startswith="vote.trustee")
    assert [(e.action, e.actor_id, e.after) for e in audit.order_by("id")] == [
        ("vote.trustee_key", trustees[0].pk, {"trustee": 1}),
        ("vote.trustee_key", trustees[1].pk, {"trustee": 2}),
        ("vote.trustee_decrypt", trustees[0].pk, {"trustee": 1}),
        ("vote.trustee_decrypt", trustees[1].pk, {"trustee": 2}),
    ]
