"""The voting pages' boundaries, persona by persona: who lists and sets up votes, who may cast
(only those on the roll: the organiser cannot cast for anyone), that a voter sees only their
own receipt, that nobody sees a count before the vote is final, and that the trustee's page
is the trustees' only."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from tests.builders.clusters import board, term
from tests.builders.people import client_for, client_of, persona, staff_of
from tests.voting.page_world import (
    ballot_for,
    cast,
    electronic_vote,
    finalised,
    opened,
    organiser,
    paper_vote,
    partial_of,
)
from thidua.accounts.models import Role
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting import protocol
from thidua.voting.models import Ballot, Vote, VoteStatus

pytestmark = pytest.mark.django_db

VOTERS = ("canbo.binhduong", "canbo.longan")


def _open_vote() -> tuple[Vote, dict[int, bytes]]:
    vote = electronic_vote(
        voters=[persona(name) for name in VOTERS], trustees=[persona("thuongtruc")]
    )
    return vote, opened(vote)


def _post_ballot(client: Client, vote: Vote, answers: list[list[int]]) -> object:
    ballot = json.dumps(ballot_for(vote, answers))
    return client.post(f"/bo-phieu/{vote.pk}/phieu/", {"ballot": ballot})


def test_the_list_shows_only_the_votes_one_may_read() -> None:
    vote = paper_vote(committee=[persona("canbo.binhduong"), persona("canbo.longan")])
    mine = client_for("lanhdao.binhduong").get("/bo-phieu/")
    assert mine.status_code == 200
    assert vote.title in mine.content.decode()
    assert 'data-testid="vote-create"' in mine.content.decode()
    outsider = client_for("canbo.daklak").get("/bo-phieu/")
    assert vote.title not in outsider.content.decode()
    nobody = client_for("nguoingoai").get("/bo-phieu/").content.decode()
    assert vote.title not in nobody
    assert 'data-testid="vote-create"' not in nobody
    assert client_for("nguoingoai").get("/bo-phieu/tao/").status_code == 403
    assert client_for("nguoingoai").get(f"/bo-phieu/{vote.pk}/").status_code == 404


def test_the_organiser_sets_up_a_vote_and_sees_each_problem_by_its_field() -> None:
    persona("canbo.binhduong")
    term(4, 2018)
    rulebook_load()
    client = client_for("lanhdao.binhduong")
    page = client.get("/bo-phieu/tao/").content.decode()
    key = re.search(r'<option value="(term:\d+)">Cụm thi đua số 4[^<]*2018', page)
    assert key is not None, page
    form = client.get(f"/bo-phieu/tao/?to-chuc={key[1]}").content.decode()
    assert "canbo.binhduong" in form  # the staff of the cluster's boards, to pick from
    data = {
        "organiser": key[1],
        "title": "Bình xét 2017",
        "kind": "approval",
        "mode": "paper",
        "year": "2017",
        "held_on": "05/01/2018",
        "rule_prefix": "deliberation",
        "candidates": "Bình Dương\nLong An\n",
        "summoned": "11",
    }
    refused = client.post("/bo-phieu/tao/", data)
    assert refused.status_code == 400
    assert 'data-testid="error-committee"' in refused.content.decode()
    assert "Ban kiểm phiếu cần ít nhất hai thành viên." in refused.content.decode()
    assert not Vote.objects.exists()
    member = persona("canbo.binhduong").pk
    leader = persona("lanhdao.binhduong").pk
    made = client.post("/bo-phieu/tao/", data | {"committee": [member, leader]})
    assert made.status_code == 302
    vote = Vote.objects.get()
    assert vote.organiser_term is not None
    assert vote.organiser_term.year == 2018
    assert list(vote.candidates.values_list("name", flat=True)) == ["Bình Dương", "Long An"]
    edited = client.post(f"/bo-phieu/{vote.pk}/sua/", data | {"title": "Bình xét lại"})
    assert edited.status_code == 400  # the committee was left out: refused again, by field
    assert client_for("canbo.daklak").get(f"/bo-phieu/{vote.pk}/sua/").status_code == 404


def test_the_ballot_page_refuses_anyone_not_on_the_roll() -> None:
    vote, _secrets = _open_vote()
    head = client_for("lanhdao.binhduong")
    assert head.get(f"/bo-phieu/{vote.pk}/phieu/").status_code == 403
    assert _post_ballot(head, vote, [[1], [1]]).status_code == 403  # type: ignore[attr-defined]
    assert client_for("thuongtruc").get(f"/bo-phieu/{vote.pk}/phieu/").status_code == 403
    assert not Ballot.objects.filter(vote=vote).exists()


def test_the_ballot_form_never_names_a_choice_and_needs_javascript() -> None:
    vote, _secrets = _open_vote()
    page = client_for("canbo.binhduong").get(f"/bo-phieu/{vote.pk}/phieu/").content.decode()
    boxes = re.findall(r"<input[^>]*data-question[^>]*>", page)
    assert len(boxes) == 2
    assert not any(" name=" in box for box in boxes)
    assert re.search(r'<button type="submit" disabled data-testid="ballot-submit"', page)
    assert "<noscript>" in page
    assert "Bỏ phiếu điện tử cần JavaScript" in page
    assert 'name="ballot" value=""' in page


def test_a_voter_sees_only_their_own_receipt() -> None:
    vote, _secrets = _open_vote()
    first = client_for("canbo.binhduong")
    cast_page = _post_ballot(first, vote, [[1], [0]])
    tracker = Ballot.objects.get(vote=vote).tracker
    assert tracker in cast_page.content.decode()  # type: ignore[attr-defined]
    again = _post_ballot(first, vote, [[0], [0]])
    assert again.status_code == 200  # type: ignore[attr-defined]
    assert Ballot.objects.filter(vote=vote).count() == 1  # the receipt, not a second ballot
    mine = first.get(f"/bo-phieu/{vote.pk}/hom-phieu/").content.decode()
    assert 'data-testid="mine"' in mine
    assert tracker in mine
    other = client_for("canbo.longan").get(f"/bo-phieu/{vote.pk}/hom-phieu/").content.decode()
    assert tracker in other  # the list is public …
    assert 'data-testid="mine"' not in other  # … but the receipt is its voter's only
    assert 'data-testid="my-receipt"' not in other
    outsider = client_for("nguoingoai").get(f"/bo-phieu/{vote.pk}/hom-phieu/?tim={tracker[:8]}")
    assert outsider.status_code == 200
    assert "Tìm thấy 1 lá phiếu." in outsider.content.decode()


def test_nobody_sees_a_count_before_the_vote_is_final() -> None:
    vote, secrets = _open_vote()
    cast(vote, persona("canbo.binhduong"), [[1], [0]])
    cast(vote, persona("canbo.longan"), [[1], [1]])
    readers = ["lanhdao.binhduong", "thuongtruc", "quantri", *VOTERS]
    for name in readers:
        page = client_for(name).get(f"/bo-phieu/{vote.pk}/").content.decode()
        assert 'data-testid="result"' not in page, name
    record = client_for("thuongtruc").get(f"/bo-phieu/{vote.pk}/ho-so.json").json()
    assert record["result"] is None
    assert len(record["ballots"]) == 2
    finalised(vote, secrets)
    page = client_for("canbo.longan").get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert 'data-testid="result"' in page
    votes = re.findall(r'data-testid="votes">(\d+)<', page)
    assert votes == ["2", "1"]
    # Shares of the roll, as the rule book's deliberation rule of 2018 says.
    assert re.findall(r'data-testid="share">([^<]+)<', page) == ["100 %", "50 %"]


def test_the_trustee_page_is_the_trustees_only() -> None:
    trustee = persona("thuongtruc")
    vote = electronic_vote(voters=[persona("canbo.binhduong")], trustees=[trustee])
    from thidua.voting import services

    services.vote_keys_start(actor=organiser(), vote=vote)
    for name in ("lanhdao.binhduong", "canbo.binhduong", "quantri"):
        client = client_for(name)
        assert client.get(f"/bo-phieu/{vote.pk}/giu-khoa/").status_code == 403, name
        _secret, key = protocol.trustee_keygen(vote.context)
        posted = client.post(
            f"/bo-phieu/{vote.pk}/giu-khoa/khoa/", {"key": json.dumps(key.to_json())}
        )
        assert posted.status_code == 403, name
    assert client_for("canbo.daklak").get(f"/bo-phieu/{vote.pk}/giu-khoa/").status_code == 404
    mine = client_for("thuongtruc")
    page = mine.get(f"/bo-phieu/{vote.pk}/giu-khoa/").content.decode()
    assert 'data-testid="keygen-button"' in page
    assert "vote_trustee" in page
    assert mine.post(f"/bo-phieu/{vote.pk}/giu-khoa/khoa/", {"key": "{}"}).status_code == 400
    secret, key = protocol.trustee_keygen(vote.context)
    sent = mine.post(f"/bo-phieu/{vote.pk}/giu-khoa/khoa/", {"key": json.dumps(key.to_json())})
    assert sent.status_code == 302
    services.vote_open(actor=organiser(), vote=vote)
    vote.refresh_from_db()
    cast(vote, persona("canbo.binhduong"), [[1], [1]])
    services.vote_close(actor=organiser(), vote=vote)
    line = vote.trustees.get()
    decrypt = mine.get(f"/bo-phieu/{vote.pk}/giu-khoa/").content.decode()
    assert 'data-ballots="1"' in decrypt
    assert re.search(r'<input type="file"(?![^>]*name=)[^>]*data-keyfile-input', decrypt)
    done = mine.post(
        f"/bo-phieu/{vote.pk}/giu-khoa/giai-ma/",
        {"partial": json.dumps(partial_of(vote, line, secret))},
    )
    assert done.status_code == 302
    vote.refresh_from_db()
    assert vote.status == VoteStatus.FINAL


def test_a_delegate_votes_once_with_a_one_time_code() -> None:
    member = staff_of(board("72-63"), Role.UNIT_OFFICER)  # Tây Ninh: a plain member
    vote = electronic_vote(
        voters=[member], trustees=[persona("thuongtruc")], names=["Đại biểu Lâm Đồng"]
    )
    opened(vote)
    head = client_for("lanhdao.binhduong")
    assert client_of(member).post(f"/bo-phieu/{vote.pk}/phat-ma/").status_code == 403
    assert client_for("canbo.daklak").post(f"/bo-phieu/{vote.pk}/phat-ma/").status_code == 404
    printed = head.post(f"/bo-phieu/{vote.pk}/phat-ma/").content.decode()
    codes = re.findall(r'data-testid="code">([A-Z0-9-]+)<', printed)
    assert len(codes) == 1
    assert "Đại biểu Lâm Đồng" in printed
    again = head.post(f"/bo-phieu/{vote.pk}/phat-ma/").content.decode()
    assert codes[0] not in again  # shown once
    kiosk = client_for("canbo.longan")  # any signed-in machine in the hall
    wrong = kiosk.post(f"/bo-phieu/{vote.pk}/ma/", {"code": "AAAAA-AAAAA"})
    assert wrong.status_code == 400
    form = kiosk.post(f"/bo-phieu/{vote.pk}/ma/", {"code": codes[0]}).content.decode()
    assert f'name="code" value="{codes[0]}"' in form
    assert "data-vote-ballot" in form
    ballot = json.dumps(ballot_for(vote, [[0], [1]]))
    receipt = kiosk.post(f"/bo-phieu/{vote.pk}/ma/", {"code": codes[0], "ballot": ballot})
    assert receipt.status_code == 200
    tracker = Ballot.objects.get(vote=vote).tracker
    assert tracker in receipt.content.decode()
    reused = kiosk.post(
        f"/bo-phieu/{vote.pk}/ma/",
        {"code": codes[0], "ballot": json.dumps(ballot_for(vote, [[1], [1]]))},
    )
    assert reused.status_code == 400
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_a_paper_vote_has_no_electronic_record_nor_ballot_list() -> None:
    vote = paper_vote(committee=[persona("canbo.binhduong"), persona("canbo.longan")])
    head = client_for("lanhdao.binhduong")
    assert head.get(f"/bo-phieu/{vote.pk}/ho-so.json").status_code == 404
    assert head.get(f"/bo-phieu/{vote.pk}/hom-phieu/").status_code == 404
    assert head.get(f"/bo-phieu/{vote.pk}/ma/").status_code == 404
