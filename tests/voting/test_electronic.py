"""An electronic vote through the services: trustees' keys, one ballot per voter, proofs
checked, one-time codes, and a tally the trustees can only decrypt as the sum of every ballot."""

import copy
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.builders.people import persona
from tests.voting.builders import (
    ballot_for,
    decrypted,
    electronic_vote,
    opened_vote,
    people,
)
from thidua.core.errors import DomainError, PermissionDeniedError
from thidua.voting import protocol
from thidua.voting.models import Ballot, Vote, VoteStatus
from thidua.voting.services import (
    ballot_cast,
    codes_issue,
    partial_submit,
    trustee_key_submit,
    vote_close,
    vote_keys_start,
    vote_open,
)
from thidua.voting.services.ceremony import questions_of

pytestmark = pytest.mark.usefixtures("rulebook")

# Three voters' approvals of three candidates: the count is 2, 3, 0.
CHOICES = [[[1], [1], [0]], [[0], [1], [0]], [[1], [1], [0]]]


def test_the_count_is_the_sum_of_the_ballots_and_no_one_holds_the_whole_key() -> None:
    voters, trustees = people("cutri", 3), people("giukhoa", 2)
    vote, secrets = opened_vote(voters, trustees)
    trackers = [
        ballot_cast(actor=v, vote=vote, ballot=ballot_for(vote, c))
        for v, c in zip(voters, CHOICES, strict=True)
    ]
    assert len(set(trackers)) == 3
    vote = vote_close(actor=persona("thuongtruc"), vote=vote)
    vote = decrypted(vote, trustees, secrets)
    assert vote.status == VoteStatus.FINAL
    assert vote.result is not None
    assert [row["votes"] for row in vote.result["rows"]] == [2, 3, 0]
    # The rule: 1/2 of the roll (3) → 2 passes (2/3 ≥ 1/2), 0 does not.
    assert [row["passed"] for row in vote.result["rows"]] == [True, True, False]


def test_each_voter_casts_once() -> None:
    voters, trustees = people("cutri", 2), people("giukhoa", 1)
    vote, _secrets = opened_vote(voters, trustees)
    ballot_cast(actor=voters[0], vote=vote, ballot=ballot_for(vote, CHOICES[0]))
    with pytest.raises(DomainError, match="chỉ bỏ một lần"):
        ballot_cast(actor=voters[0], vote=vote, ballot=ballot_for(vote, CHOICES[1]))
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_the_organiser_and_anyone_off_the_roll_cannot_cast() -> None:
    voters, trustees = people("cutri", 2), people("giukhoa", 1)
    vote, _secrets = opened_vote(voters, trustees)
    for outsider in (persona("thuongtruc"), persona("quantri"), trustees[0]):
        with pytest.raises(DomainError, match="không có tên trong danh sách cử tri"):
            ballot_cast(actor=outsider, vote=vote, ballot=ballot_for(vote, CHOICES[0]))
    assert not Ballot.objects.filter(vote=vote).exists()


def test_a_tampered_copied_or_foreign_ballot_is_refused() -> None:
    voters, trustees = people("cutri", 3), people("giukhoa", 1)
    vote, _secrets = opened_vote(voters, trustees)
    other, _ = opened_vote(people("khac", 1), people("giukhoakhac", 1))
    good = ballot_for(vote, CHOICES[0])
    tampered = copy.deepcopy(good)
    # Change one hexadecimal digit of the first ciphertext.
    first = tampered["answers"][0]["choices"][0]  # type: ignore[index]
    first["beta"] = ("0" if first["beta"][0] != "0" else "1") + first["beta"][1:]
    with pytest.raises(DomainError):
        ballot_cast(actor=voters[0], vote=vote, ballot=tampered)
    with pytest.raises(DomainError, match="kiểm tra chứng minh"):
        ballot_cast(actor=voters[0], vote=vote, ballot=ballot_for(other, CHOICES[0]))
    ballot_cast(actor=voters[0], vote=vote, ballot=good)
    with pytest.raises(DomainError, match="bản sao"):
        ballot_cast(actor=voters[1], vote=vote, ballot=good)
    with pytest.raises(DomainError, match="định dạng"):
        ballot_cast(actor=voters[2], vote=vote, ballot={"answers": "x\x00"})
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_a_one_time_code_votes_once_for_a_delegate_without_an_account() -> None:
    voters, trustees = people("cutri", 1), people("giukhoa", 1)
    vote = electronic_vote(voters=voters, trustees=trustees, extra_names=("Đại biểu khách mời",))
    organiser = persona("thuongtruc")
    vote_keys_start(actor=organiser, vote=vote)
    _secret, key = protocol.trustee_keygen(vote.context)
    trustee_key_submit(actor=trustees[0], vote=vote, key=key.to_json())
    vote = vote_open(actor=organiser, vote=vote)
    [(name, code)] = codes_issue(actor=organiser, vote=vote)
    assert name == "Đại biểu khách mời"
    assert codes_issue(actor=organiser, vote=vote) == []  # shown once, never again
    ballot_cast(actor=None, vote=vote, ballot=ballot_for(vote, CHOICES[0]), code=code.lower())
    with pytest.raises(DomainError, match="đã được dùng"):
        ballot_cast(actor=None, vote=vote, ballot=ballot_for(vote, CHOICES[1]), code=code)
    with pytest.raises(DomainError, match="Mã bỏ phiếu không đúng"):
        ballot_cast(actor=None, vote=vote, ballot=ballot_for(vote, CHOICES[1]), code="AAAAA-BBBBB")


def test_trustees_decrypt_only_the_sum_of_every_ballot_of_a_closed_vote() -> None:
    voters, trustees = people("cutri", 3), people("giukhoa", 2)
    vote, secrets = opened_vote(voters, trustees)
    ballots = []
    for voter, choice in zip(voters, CHOICES, strict=True):
        content = ballot_for(vote, choice)
        ballot_cast(actor=voter, vote=vote, ballot=content)
        ballots.append(protocol.Ballot.from_json(content))
    key = protocol.TrusteeKey.from_json(vote.trustees.get(user=trustees[0]).public_key)
    whole = protocol.tally_encrypted(ballots, questions_of(vote))
    early = protocol.partial_decrypt(secrets[0], key, whole, vote.context)
    with pytest.raises(DomainError, match="đã kết thúc"):
        partial_submit(actor=trustees[0], vote=vote, partial=early.to_json())
    vote = vote_close(actor=persona("thuongtruc"), vote=vote)
    # An administrator asks for the decryption of one voter's ballot alone (Helios issue 170):
    # it does not verify against the sum of the whole box, and is refused.
    subset = protocol.tally_encrypted(ballots[:1], questions_of(vote))
    one = protocol.partial_decrypt(secrets[0], key, subset, vote.context)
    with pytest.raises(DomainError, match="toàn bộ phiếu"):
        partial_submit(actor=trustees[0], vote=vote, partial=one.to_json())
    with pytest.raises(PermissionDeniedError):
        partial_submit(actor=persona("quantri"), vote=vote, partial=early.to_json())
    vote = partial_submit(actor=trustees[0], vote=vote, partial=early.to_json())
    assert vote.status == VoteStatus.CLOSED
    assert vote.result is None


def test_a_forged_trustee_key_is_refused_and_the_vote_opens_only_with_every_key() -> None:
    voters, trustees = people("cutri", 1), people("giukhoa", 2)
    vote = electronic_vote(voters=voters, trustees=trustees)
    organiser = persona("thuongtruc")
    vote_keys_start(actor=organiser, vote=vote)
    _secret, key = protocol.trustee_keygen("thidua/vote/another")
    with pytest.raises(DomainError, match="bị từ chối"):
        trustee_key_submit(actor=trustees[0], vote=vote, key=key.to_json())
    _secret, key = protocol.trustee_keygen(vote.context)
    trustee_key_submit(actor=trustees[0], vote=vote, key=key.to_json())
    with pytest.raises(DomainError, match="chưa gửi khóa"):
        vote_open(actor=organiser, vote=vote)
    with pytest.raises(PermissionDeniedError):
        trustee_key_submit(actor=voters[0], vote=vote, key=key.to_json())


def test_vote_verify_checks_a_vote_from_the_database_and_catches_an_alteredballot_for() -> None:
    voters, trustees = people("cutri", 3), people("giukhoa", 2)
    vote, secrets = opened_vote(voters, trustees)
    for voter, choice in zip(voters, CHOICES, strict=True):
        ballot_cast(actor=voter, vote=vote, ballot=ballot_for(vote, choice))
    vote = decrypted(vote_close(actor=persona("thuongtruc"), vote=vote), trustees, secrets)
    out = io.StringIO()
    call_command("vote_verify", str(vote.pk), stdout=out)
    assert out.getvalue().startswith("OK: 3 ballots, 2 trustees")
    # Someone with the database swaps one ballot's ciphertext for another ballot's.
    first, second = Ballot.objects.filter(vote=vote).order_by("id")[:2]
    content = copy.deepcopy(first.content)
    content["answers"][0]["choices"][0] = second.content["answers"][0]["choices"][0]
    Ballot.objects.filter(pk=first.pk).update(content=content)
    with pytest.raises(CommandError) as failed:
        call_command("vote_verify", str(vote.pk), stdout=io.StringIO())
    assert failed.value.returncode == 1
    assert "ballot" in str(failed.value)


def test_a_ballot_reusing_another_voter_s_ciphertext_is_refused() -> None:
    voters, trustees = people("cutri", 2), people("giukhoa", 1)
    vote, _secrets = opened_vote(voters, trustees)
    original = ballot_for(vote, CHOICES[0])
    ballot_cast(actor=voters[0], vote=vote, ballot=original)
    # The second voter's own ballot, with the first candidate's answer copied from the first
    # voter's: the tally would then reveal the first voter's choice on that candidate.
    spliced = ballot_for(vote, CHOICES[1])
    spliced["answers"][0] = copy.deepcopy(original["answers"][0])  # type: ignore[index]
    with pytest.raises(DomainError):
        ballot_cast(actor=voters[1], vote=vote, ballot=spliced)
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_no_ballot_before_the_announced_opening_time() -> None:
    voters, trustees = people("cutri", 1), people("giukhoa", 1)
    vote = electronic_vote(voters=voters, trustees=trustees)
    Vote.objects.filter(pk=vote.pk).update(opens_at=timezone.now() + dt.timedelta(hours=1))
    organiser = persona("thuongtruc")
    vote_keys_start(actor=organiser, vote=vote)
    _secret, key = protocol.trustee_keygen(vote.context)
    trustee_key_submit(actor=trustees[0], vote=vote, key=key.to_json())
    vote = vote_open(actor=organiser, vote=vote)
    with pytest.raises(DomainError, match="Chưa đến giờ bỏ phiếu"):
        ballot_cast(actor=voters[0], vote=vote, ballot=ballot_for(vote, CHOICES[0]))
