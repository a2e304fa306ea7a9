"""A paper vote through its pages: the counting committee alone enters the figures, figures that
cannot be are refused with the reason beside them, the committee sees its entered count while
it awaits confirmation (nobody else does), and two distinct members' confirmations make it
final."""

from __future__ import annotations

import re

import pytest

from tests.builders.people import client_for, persona
from tests.voting.page_world import paper_vote
from thidua.voting.models import Vote, VoteStatus

pytestmark = pytest.mark.django_db

COMMITTEE = ("canbo.binhduong", "canbo.longan")


def _vote() -> Vote:
    return paper_vote(committee=[persona(name) for name in COMMITTEE])


def _figures(vote: Vote, **changes: int) -> dict[str, int]:
    first, second = vote.candidates.order_by("position")
    figures = {
        "present": 10,
        "issued": 10,
        "received": 10,
        "valid": 9,
        "invalid": 1,
        "written": 0,
        f"count_{first.pk}_0": 9,
        f"count_{second.pk}_0": 3,
    }
    return figures | changes


def test_only_the_committee_enters_or_confirms_a_count() -> None:
    vote = _vote()
    for name in ("lanhdao.binhduong", "thuongtruc", "quantri"):
        client = client_for(name)
        page = client.get(f"/bo-phieu/{vote.pk}/").content.decode()
        assert 'data-testid="paper-form"' not in page, name
        assert client.post(f"/bo-phieu/{vote.pk}/kiem-phieu/", _figures(vote)).status_code == 403
        assert client.post(f"/bo-phieu/{vote.pk}/xac-nhan/").status_code == 403
    assert client_for("canbo.daklak").post(f"/bo-phieu/{vote.pk}/kiem-phieu/").status_code == 404
    vote.refresh_from_db()
    assert vote.status == VoteStatus.DRAFT
    member = client_for("canbo.binhduong").get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert 'data-testid="paper-form"' in member


def test_figures_that_cannot_be_are_refused_with_their_reason() -> None:
    vote = _vote()
    member = client_for("canbo.binhduong")
    url = f"/bo-phieu/{vote.pk}/kiem-phieu/"
    more_back = member.post(url, _figures(vote, received=11, valid=10))
    assert more_back.status_code == 400
    assert "Số phiếu thu vào (11) nhiều hơn số phiếu phát ra (10)." in more_back.content.decode()
    assert 'data-testid="error-received"' in more_back.content.decode()
    unbalanced = member.post(url, _figures(vote, invalid=3))
    assert "phải bằng số phiếu thu vào (10)" in unbalanced.content.decode()
    first = vote.candidates.order_by("position").first()
    assert first is not None
    too_many = member.post(url, _figures(vote, **{f"count_{first.pk}_0": 10}))
    page = too_many.content.decode()
    assert "nhiều hơn số phiếu hợp lệ (9)" in page
    assert f'data-testid="error-count_{first.pk}_0"' in page
    vote.refresh_from_db()
    assert vote.status == VoteStatus.DRAFT


def test_two_members_confirm_and_only_then_everyone_sees_the_result() -> None:
    vote = _vote()
    first, second = (client_for(name) for name in COMMITTEE)
    entered = first.post(f"/bo-phieu/{vote.pk}/kiem-phieu/", _figures(vote))
    assert entered.status_code == 302
    pending = first.get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert 'data-testid="result"' in pending  # the committee checks what it entered
    head = client_for("lanhdao.binhduong")
    assert 'data-testid="result"' not in head.get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert first.post(f"/bo-phieu/{vote.pk}/xac-nhan/").status_code == 302
    twice = first.post(f"/bo-phieu/{vote.pk}/xac-nhan/")
    assert twice.status_code == 400
    assert "Anh/chị đã xác nhận kết quả này." in twice.content.decode()
    vote.refresh_from_db()
    assert vote.status == VoteStatus.COUNTED
    assert 'data-testid="result"' not in head.get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert second.post(f"/bo-phieu/{vote.pk}/xac-nhan/").status_code == 302
    vote.refresh_from_db()
    assert vote.status == VoteStatus.FINAL
    page = head.get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert re.findall(r'data-testid="votes">(\d+)<', page) == ["9", "3"]
    # Of the 11 boards summoned, 9 is above one half and 3 is not.
    assert re.findall(r'data-testid="share">([^<]+)<', page) == ["81,82 %", "27,27 %"]
    assert re.findall(r'data-testid="verdict">([^<]+)<', page) == ["Đạt", "Không đạt"]
    assert 'data-testid="rule-parameter"' in page  # the rule book's value is a parameter
    late = first.post(f"/bo-phieu/{vote.pk}/kiem-phieu/", _figures(vote))
    assert late.status_code == 400
    assert "Kết quả đã được xác nhận" in late.content.decode()


def test_a_corrected_count_withdraws_the_confirmations_and_nobody_may_pass() -> None:
    vote = _vote()
    first, second = (client_for(name) for name in COMMITTEE)
    first.post(f"/bo-phieu/{vote.pk}/kiem-phieu/", _figures(vote))
    first.post(f"/bo-phieu/{vote.pk}/xac-nhan/")
    one, two = vote.candidates.order_by("position")
    low = {f"count_{one.pk}_0": 4, f"count_{two.pk}_0": 2}
    assert first.post(f"/bo-phieu/{vote.pk}/kiem-phieu/", _figures(vote, **low)).status_code == 302
    page = first.get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert "0 thành viên đã xác nhận" in page
    second.post(f"/bo-phieu/{vote.pk}/xac-nhan/")
    first.post(f"/bo-phieu/{vote.pk}/xac-nhan/")
    final = client_for("thuongtruc").get(f"/bo-phieu/{vote.pk}/").content.decode()
    assert "Không ai đạt ngưỡng" in final
