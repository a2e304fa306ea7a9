"""The minutes of an electronic vote, cast and decrypted through the services: the ballots cast
against the roll, the public key's fingerprint a delegate compares, where the election record is
and how to check it, the trustees' signatures."""

import hashlib

import pytest

from tests.builders.people import persona
from tests.documents.awards_world import tables, words
from tests.voting.builders import ballot_for, decrypted, opened_vote, people
from thidua.accounts.models import User
from thidua.documents.builders import BUILDERS
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting.models import Vote, VoteStatus
from thidua.voting.services import (
    ballot_cast,
    vote_close,
)

pytestmark = pytest.mark.django_db
# Three of the four voters approve: the first and second candidates twice and three times.
CHOICES = [[[1], [1], [0]], [[0], [1], [0]], [[1], [1], [0]]]


def _final(voters: list[User], trustees: list[User]) -> Vote:
    rulebook_load()
    vote, secrets = opened_vote(voters, trustees)
    for voter, answers in zip(voters, CHOICES, strict=False):
        ballot_cast(actor=voter, vote=vote, ballot=ballot_for(vote, answers))
    vote = decrypted(vote_close(actor=persona("thuongtruc"), vote=vote), trustees, secrets)
    assert vote.status == VoteStatus.FINAL
    return vote


def test_the_minutes_of_an_electronic_vote() -> None:
    voters, trustees = people("cutri", 4), people("giukhoa", 2)
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
