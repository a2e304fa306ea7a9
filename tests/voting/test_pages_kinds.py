"""The ballot and the result of each kind of vote as the pages show them: three levels per
person for a confidence vote with its consequences, at most N for an election with a tie at the
last seat stated as such, for and against for a motion."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from tests.builders.people import client_for, persona
from tests.voting.page_world import opened, vote_of
from thidua.voting.models import Vote

pytestmark = pytest.mark.django_db

COMMITTEE = ("canbo.binhduong", "canbo.longan")
PEOPLE = ("Nguyễn Văn An", "Trần Thị Bình")


def _counted(vote: Vote, figures: dict[str, int], counts: list[list[int]]) -> Client:
    """The count entered and confirmed by both committee members; a reader's client."""
    fields = dict(figures)
    for candidate, row in zip(vote.candidates.order_by("position"), counts, strict=True):
        for option, n in enumerate(row):
            fields[f"count_{candidate.pk}_{option}"] = n
    first, second = (client_for(name) for name in COMMITTEE)
    assert first.post(f"/bo-phieu/{vote.pk}/kiem-phieu/", fields).status_code == 302
    first.post(f"/bo-phieu/{vote.pk}/xac-nhan/")
    second.post(f"/bo-phieu/{vote.pk}/xac-nhan/")
    return client_for("thuongtruc")


def _all(n: int) -> dict[str, int]:
    return {"present": n, "issued": n, "received": n, "valid": n, "invalid": 0, "written": 0}


def test_a_confidence_vote_shows_each_persons_consequence() -> None:
    vote = vote_of(
        "confidence",
        rule_prefix="confidence_vote",
        candidates=PEOPLE,
        held_on=dt.date(2024, 1, 5),
        committee=[persona(name) for name in COMMITTEE],
    )
    reader = _counted(vote, _all(9), [[2, 2, 5], [0, 3, 6]])
    page = reader.get(f"/bo-phieu/{vote.pk}/").content.decode()
    outcomes = re.findall(r'data-testid="outcome">([^<]*)<', page)
    assert outcomes == [
        "Đưa ra khỏi quy hoạch, xem xét cho thôi giữ chức vụ",
        "Tiến hành quy trình miễn nhiệm",
    ]
    assert "96-QĐ/TW" in page


def test_an_election_states_a_tie_at_the_last_seat() -> None:
    vote = vote_of(
        "election",
        rule_prefix="officer_election",
        candidates=("Bình Dương", "Long An", "Lâm Đồng"),
        seats=2,
        committee=[persona(name) for name in COMMITTEE],
    )
    # Two seats, three level at six of nine ballots: none is elected by the software.
    reader = _counted(vote, _all(9), [[6], [6], [6]])
    page = reader.get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert "Có số phiếu bằng nhau ở vị trí cuối, chưa xác định" in page
    verdicts = re.findall(r'data-testid="verdict">([^<]*)<', page)
    assert verdicts == ["Bằng phiếu ở vị trí cuối, chưa xác định"] * 3


def test_each_kind_of_ballot_has_its_boxes_and_none_has_a_name() -> None:
    voter = persona("canbo.binhduong")
    trustee = persona("thuongtruc")
    shapes = {
        "confidence": ("confidence_vote", PEOPLE, None, 6, "radio"),
        "election": ("officer_election", ("Bình Dương", "Long An", "Lâm Đồng"), 2, 3, "checkbox"),
        "motion": ("motion", ("Thông qua quy chế của cụm",), None, 2, "radio"),
    }
    for kind, (prefix, candidates, seats, boxes, kind_of_box) in shapes.items():
        vote = vote_of(
            kind,
            rule_prefix=prefix,
            candidates=candidates,
            seats=seats,
            mode="electronic",
            held_on=dt.date(2024, 1, 5),
            voters=[voter],
            trustees=[trustee],
        )
        opened(vote)
        page = client_for("canbo.binhduong").get(f"/bo-phieu/{vote.pk}/phieu/").content.decode()
        found = re.findall(r"<input[^>]*data-question[^>]*>", page)
        assert len(found) == boxes, kind
        assert all(f'type="{kind_of_box}"' in box for box in found), kind
        assert not any(" name=" in box for box in found), kind
