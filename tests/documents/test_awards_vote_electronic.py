"""The minutes of an electronic vote, cast and decrypted through the services: the ballots cast
against the roll, the public key's fingerprint a delegate compares, where the election record is
and how to check it, the trustees' signatures."""

import hashlib

import pytest

from tests.builders.people import account, persona
from tests.documents.awards_world import tables, words
from tests.voting.builders import electronic_vote
from thidua.accounts.models import User
from thidua.documents.builders import BUILDERS
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting import protocol
from thidua.voting.models import Vote, VoteStatus
from thidua.voting.services import (
    ballot_cast,
    partial_submit,
    trustee_key_submit,
    vote_close,
    vote_keys_start,
    vote_open,
)
from thidua.voting.services.ceremony import encrypted_tally, questions_of

pytestmark = pytest.mark.django_db
# Three of the four voters approve: the first and second candidates twice and three times.
CHOICES = [[[1], [1], [0]], [[0], [1], [0]], [[1], [1], [0]]]


def _people(prefix: str, n: int) -> list[User]:
    return [account(f"{prefix}.{i}", full_name=f"{prefix.title()} {i}") for i in range(1, n + 1)]


def _final(voters: list[User], trustees: list[User]) -> Vote:
    rulebook_load()
    vote = electronic_vote(voters=voters, trustees=trustees)
    organiser = persona("thuongtruc")
    vote_keys_start(actor=organiser, vote=vote)
    secrets = []
    for trustee in trustees:
        secret, key = protocol.trustee_keygen(vote.context)
        trustee_key_submit(actor=trustee, vote=vote, key=key.to_json())
        secrets.append(secret)
    vote = vote_open(actor=organiser, vote=vote)
    public_key = bytes.fromhex(vote.public_key)
    for voter, answers in zip(voters, CHOICES, strict=False):
        ballot = protocol.ballot_encrypt(public_key, answers, questions_of(vote), vote.context)
        ballot_cast(actor=voter, vote=vote, ballot=ballot.to_json())
    vote = vote_close(actor=organiser, vote=vote)
    tally = encrypted_tally(vote)
    for trustee, secret in zip(trustees, secrets, strict=True):
        key = protocol.TrusteeKey.from_json(vote.trustees.get(user=trustee).public_key)
        partial = protocol.partial_decrypt(secret, key, tally, vote.context)
        vote = partial_submit(actor=trustee, vote=vote, partial=partial.to_json())
    assert vote.status == VoteStatus.FINAL
    return vote


def test_the_minutes_of_an_electronic_vote() -> None:
    voters, trustees = _people("cutri", 4), _people("giukhoa", 2)
    vote = _final(voters, trustees)
    # A voter on the roll reads the vote, so has its minutes.
    content = BUILDERS["vote_minutes"].build(vote.pk, voters[3])
    text = words(content)
    assert "Số phiếu đã bỏ: 3 trên 4 người trong danh sách." in text
    digest = hashlib.sha256(bytes.fromhex(vote.public_key)).hexdigest().upper()
    shown = " ".join(digest[i : i + 4] for i in range(0, 32, 4))
    assert f"Dấu vân tay khóa công khai của cuộc bỏ phiếu (SHA-256): {shown}." in text
    assert "vote_verify --record" in text
    roll, result = tables(content)
    assert [row[-1] for row in roll.rows] == ["Có", "Có", "Có", "Không"]
    # Half of the four on the roll: 2 and 3 pass, 0 does not.
    assert result.rows == [
        ["1", "Ứng viên A", "2", "50,00 %", "Đạt"],
        ["2", "Ứng viên B", "3", "75,00 %", "Đạt"],
        ["3", "Ứng viên C", "0", "0,00 %", "Không đạt"],
    ]
    assert [(s.title, s.signer) for s in content.signatures] == [
        ("NGƯỜI GIỮ KHÓA", "Giukhoa 1"),
        ("NGƯỜI GIỮ KHÓA", "Giukhoa 2"),
    ]
