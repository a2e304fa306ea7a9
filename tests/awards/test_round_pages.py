"""The round pages: the rounds of a year and opening one, a round's list with its reasons and
its changes; who may not see or act, by GET and by POST; bad input answered beside its field
with nothing written. The meeting, submission and decision: test_round_decision_pages."""

import datetime as dt
import re

import pytest
from django.test import Client

from tests.awards.rounds_web import (
    HEAD,
    NOT_READERS,
    cluster_plan,
    cluster_round,
    round_url,
    with_ineligible,
)
from tests.builders.people import client_for, persona
from thidua.awards.models import (
    Candidate,
    NominationRound,
    RoundStatus,
    Verdict,
)

D = dt.date
pytestmark = pytest.mark.usefixtures("rulebook")


# The rounds of a year and opening one


def test_the_head_opens_the_year_round_from_the_published_ranking() -> None:
    plan, (a, _b, _c) = cluster_plan()
    head = client_for(HEAD)
    results = head.get(f"/cham-diem/ke-hoach/{plan.pk}/ket-qua/").content.decode()
    assert 'data-testid="open-award-round"' in results
    listing = head.get("/khen-thuong/dot-xet/?nam=2018").content.decode()
    assert f'data-testid="open-cluster-{plan.term_id}"' in listing
    answer = head.post(
        "/khen-thuong/dot-xet/mo/", {"level": "cluster", "year": 2018, "term": plan.term_id}
    )
    round_ = NominationRound.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == round_url(round_)
    assert round_.candidates.filter(unit=a, award="commission_flag").exists()
    listing = head.get("/khen-thuong/dot-xet/?nam=2018").content.decode()
    assert round_.title in listing
    assert f'data-testid="open-cluster-{plan.term_id}"' not in listing


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
def test_who_does_not_head_the_cluster_neither_sees_nor_uses_the_open_button(
    username: str,
) -> None:
    plan, _ = cluster_plan()
    client = client_for(username)
    results = client.get(f"/cham-diem/ke-hoach/{plan.pk}/ket-qua/").content.decode()
    assert 'data-testid="open-award-round"' not in results
    listing = client.get("/khen-thuong/dot-xet/?nam=2018").content.decode()
    assert f"open-cluster-{plan.term_id}" not in listing
    answer = client.post(
        "/khen-thuong/dot-xet/mo/", {"level": "cluster", "year": 2018, "term": plan.term_id}
    )
    assert answer.status_code == 403
    assert not NominationRound.objects.exists()


def test_the_secretariat_is_offered_the_council_round_not_every_cluster() -> None:
    plan, _ = cluster_plan()
    listing = client_for("thuongtruc").get("/khen-thuong/dot-xet/?nam=2018").content.decode()
    assert 'data-testid="open-council-0"' in listing
    assert f"open-cluster-{plan.term_id}" not in listing


def test_an_open_request_without_a_level_is_refused_in_words() -> None:
    answer = client_for("thuongtruc").post("/khen-thuong/dot-xet/mo/", {"year": "x"})
    assert answer.status_code == 400
    assert "Không mở được đợt xét" in answer.content.decode()
    assert not NominationRound.objects.exists()


# A round's page


def test_the_page_shows_why_a_candidate_is_not_eligible_with_its_citation() -> None:
    round_, (_a, b, _c) = cluster_round()
    candidate = with_ineligible(round_, b)
    page = client_for(HEAD).get(round_url(round_)).content.decode()
    row = page[page.index(f'data-candidate="{candidate.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "Chưa đủ điều kiện" in row
    reason = re.search(r'data-testid="reason">(.*?)</p>', row, re.S)
    assert reason is not None
    assert reason.group(1).strip()
    assert "<details" in row
    assert 'data-testid="needs-reason"' in row
    assert "Cờ thi đua" in row  # the award's name from the catalogue, not its code
    assert "commission_flag<" not in row


@pytest.mark.parametrize("username", NOT_READERS)
def test_who_may_not_read_the_round_gets_not_found(username: str) -> None:
    round_, _ = cluster_round()
    assert client_for(username).get(round_url(round_)).status_code == 404


def test_the_council_reads_the_round_without_the_list_s_tools() -> None:
    round_, _ = cluster_round()
    answer = client_for("hoidong").get(round_url(round_))
    page = answer.content.decode()
    assert answer.status_code == 200
    assert 'data-testid="add-form"' not in page
    assert 'data-testid="remove"' not in page
    assert 'data-testid="deliberation-form"' not in page
    assert 'data-testid="decision-form"' not in page


def _post_everything(client: Client, round_: NominationRound, candidate: Candidate) -> list[int]:
    return [
        client.post(
            round_url(round_, "them/"), {"kind": "collective", "unit": candidate.unit_id}
        ).status_code,
        client.post(round_url(round_, f"danh-sach/{candidate.pk}/bo/")).status_code,
        client.post(
            round_url(round_, f"danh-sach/{candidate.pk}/giu/"), {"reason": "x"}
        ).status_code,
        client.post(round_url(round_, "xet-lai/")).status_code,
        client.post(
            round_url(round_, "binh-xet/"),
            {"deliberated_on": "2019-01-12", "summoned": 5, "present": 5},
        ).status_code,
        client.post(round_url(round_, "trinh/")).status_code,
        client.post(round_url(round_, "quyet-dinh/"), {"number": "1"}).status_code,
    ]


@pytest.mark.parametrize("username", [*NOT_READERS, "hoidong"])
def test_who_does_not_manage_the_round_changes_nothing_by_post(username: str) -> None:
    round_, (_a, b, _c) = cluster_round()
    candidate = with_ineligible(round_, b)
    before = list(round_.candidates.values_list("pk", "kept_reason", "verdict"))
    answers = _post_everything(client_for(username), round_, candidate)
    if username in NOT_READERS:
        assert answers == [404] * 7
    else:
        # The council reads and decides, but a draft has nothing to decide yet.
        assert answers == [403] * 6 + [400]
    assert list(round_.candidates.values_list("pk", "kept_reason", "verdict")) == before
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DRAFT


def test_adding_without_an_award_is_refused_beside_the_field() -> None:
    round_, (_a, b, _c) = cluster_round()
    count = round_.candidates.count()
    answer = client_for(HEAD).post(round_url(round_, "them/"), {"kind": "collective", "unit": b.pk})
    page = answer.content.decode()
    assert answer.status_code == 400
    assert 'data-testid="error-award"' in page
    assert "Đây là trường bắt buộc" in page or "bắt buộc" in page
    assert round_.candidates.count() == count


def test_an_award_for_individuals_is_refused_for_a_collective_in_words() -> None:
    round_, (_a, b, _c) = cluster_round()
    count = round_.candidates.count()
    answer = client_for(HEAD).post(
        round_url(round_, "them/"),
        {"kind": "collective", "unit": b.pk, "award": "base_emulation_fighter"},
    )
    assert answer.status_code == 400
    assert "không xét cho tập thể" in answer.content.decode()
    assert round_.candidates.count() == count


def test_the_head_adds_keeps_with_a_reason_and_removes() -> None:
    round_, (_a, b, _c) = cluster_round()
    head = client_for(HEAD)
    answer = head.post(
        round_url(round_, "them/"), {"kind": "collective", "unit": b.pk, "award": "commission_flag"}
    )
    assert answer.status_code == 302
    added = round_.candidates.get(unit=b, award="commission_flag")
    assert added.verdict == Verdict.NOT_ELIGIBLE
    refused = head.post(round_url(round_, f"danh-sach/{added.pk}/giu/"), {"reason": "   "})
    assert refused.status_code == 400
    assert 'data-testid="error-reason"' in refused.content.decode()
    assert Candidate.objects.get(pk=added.pk).kept_reason == ""
    kept = head.post(
        round_url(round_, f"danh-sach/{added.pk}/giu/"), {"reason": "Thành tích đột xuất."}
    )
    assert kept.status_code == 302
    page = head.get(round_url(round_)).content.decode()
    assert "Thành tích đột xuất." in page
    assert head.post(round_url(round_, f"danh-sach/{added.pk}/bo/")).status_code == 302
    assert not Candidate.objects.filter(pk=added.pk).exists()
    # A candidate of another round is not found through this one.
    assert head.post(round_url(round_, "danh-sach/987654/bo/")).status_code == 404
    assert head.post(round_url(round_, "xet-lai/")).status_code == 302


def test_a_board_opens_its_own_round_that_another_board_cannot_read() -> None:
    officer = persona("canbo.daklak")
    assert officer.unit is not None
    client = client_for("canbo.daklak")
    listing = client.get("/khen-thuong/dot-xet/?nam=2025").content.decode()
    assert f'data-testid="open-board-{officer.unit_id}"' in listing
    answer = client.post(
        "/khen-thuong/dot-xet/mo/", {"level": "board", "year": 2025, "unit": officer.unit_id}
    )
    assert answer.status_code == 302
    round_ = NominationRound.objects.get(level="board", unit=officer.unit)
    assert client.get(round_url(round_)).status_code == 200
    assert client_for(HEAD).get(round_url(round_)).status_code == 404
    # Opened once: asking again is answered in words.
    again = client.post(
        "/khen-thuong/dot-xet/mo/", {"level": "board", "year": 2025, "unit": officer.unit_id}
    )
    assert again.status_code == 400
    assert "đã được mở" in again.content.decode()
    # Another board's round cannot be opened from here.
    head = persona(HEAD)
    refused = client.post(
        "/khen-thuong/dot-xet/mo/", {"level": "board", "year": 2025, "unit": head.unit_id}
    )
    assert refused.status_code == 403
