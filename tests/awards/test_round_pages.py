"""The round pages: the rounds of a year and opening one, a round's list with its reasons, the
meeting, the submission (the quota refusal shown plainly) and the decision; who may not see or
act, by GET and by POST; bad input answered beside its field with nothing written; a round's
page read in the same number of queries for 10 and for 100 candidates."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.builders.assessments import published_plan
from tests.builders.clusters import boards_valid_in, cluster_term
from tests.builders.people import client_for, persona
from thidua.awards.models import (
    Candidate,
    CandidateSource,
    Grant,
    NominationRound,
    RoundStatus,
    Verdict,
)
from thidua.awards.services.rounds import candidate_add, candidate_keep, round_open
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.orgs.models import Person, Unit
from thidua.plans.models import Plan

D = dt.date
pytestmark = pytest.mark.usefixtures("rulebook")
HEAD = "lanhdao.binhduong"
NOT_READERS = ["canbo.daklak", "theodoi", "nguoingoai"]


def _plan() -> tuple[Plan, list[Unit]]:
    plan, units = published_plan()
    return Plan.objects.select_related("term").get(pk=plan.pk), units


def _round() -> tuple[NominationRound, list[Unit]]:
    plan, units = _plan()
    round_ = round_open(
        actor=persona(HEAD), level="cluster", year=2018, term=plan.term, judged_on=D(2019, 1, 10)
    )
    return round_, units


def _url(round_: NominationRound, action: str = "") -> str:
    return f"/khen-thuong/dot-xet/{round_.pk}/{action}"


def _with_ineligible(round_: NominationRound, unit: Unit) -> Candidate:
    return candidate_add(
        actor=persona(HEAD),
        round_=round_,
        award="commission_flag",
        unit=unit,
        judged_on=D(2019, 1, 10),
    )


def _deliberated(round_: NominationRound) -> NominationRound:
    return round_deliberate(
        actor=persona(HEAD),
        round_=round_,
        deliberated_on=D(2019, 1, 12),
        summoned=10,
        present=10,
        approvals={c.pk: 9 for c in round_.candidates.all()},
    )


def _submitted() -> NominationRound:
    round_, _units = _round()
    for candidate in round_.candidates.exclude(verdict=Verdict.ELIGIBLE):
        candidate_keep(actor=persona(HEAD), candidate=candidate, reason="Đề nghị Hội đồng xét.")
    _deliberated(round_)
    round_submit(actor=persona(HEAD), round_=round_, submitted_on=D(2019, 1, 15))
    return NominationRound.objects.get(pk=round_.pk)


# The rounds of a year and opening one


def test_the_head_opens_the_year_round_from_the_published_ranking() -> None:
    plan, (a, _b, _c) = _plan()
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
    assert answer["Location"] == _url(round_)
    assert round_.candidates.filter(unit=a, award="commission_flag").exists()
    listing = head.get("/khen-thuong/dot-xet/?nam=2018").content.decode()
    assert round_.title in listing
    assert f'data-testid="open-cluster-{plan.term_id}"' not in listing


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
def test_who_does_not_head_the_cluster_neither_sees_nor_uses_the_open_button(
    username: str,
) -> None:
    plan, _ = _plan()
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
    plan, _ = _plan()
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
    round_, (_a, b, _c) = _round()
    candidate = _with_ineligible(round_, b)
    page = client_for(HEAD).get(_url(round_)).content.decode()
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
    round_, _ = _round()
    assert client_for(username).get(_url(round_)).status_code == 404


def test_the_council_reads_the_round_without_the_list_s_tools() -> None:
    round_, _ = _round()
    answer = client_for("hoidong").get(_url(round_))
    page = answer.content.decode()
    assert answer.status_code == 200
    assert 'data-testid="add-form"' not in page
    assert 'data-testid="remove"' not in page
    assert 'data-testid="deliberation-form"' not in page
    assert 'data-testid="decision-form"' not in page


def _post_everything(client: Client, round_: NominationRound, candidate: Candidate) -> list[int]:
    return [
        client.post(
            _url(round_, "them/"), {"kind": "collective", "unit": candidate.unit_id}
        ).status_code,
        client.post(_url(round_, f"danh-sach/{candidate.pk}/bo/")).status_code,
        client.post(_url(round_, f"danh-sach/{candidate.pk}/giu/"), {"reason": "x"}).status_code,
        client.post(_url(round_, "xet-lai/")).status_code,
        client.post(
            _url(round_, "binh-xet/"),
            {"deliberated_on": "2019-01-12", "summoned": 5, "present": 5},
        ).status_code,
        client.post(_url(round_, "trinh/")).status_code,
        client.post(_url(round_, "quyet-dinh/"), {"number": "1"}).status_code,
    ]


@pytest.mark.parametrize("username", [*NOT_READERS, "hoidong"])
def test_who_does_not_manage_the_round_changes_nothing_by_post(username: str) -> None:
    round_, (_a, b, _c) = _round()
    candidate = _with_ineligible(round_, b)
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
    round_, (_a, b, _c) = _round()
    count = round_.candidates.count()
    answer = client_for(HEAD).post(_url(round_, "them/"), {"kind": "collective", "unit": b.pk})
    page = answer.content.decode()
    assert answer.status_code == 400
    assert 'data-testid="error-award"' in page
    assert "Đây là trường bắt buộc" in page or "bắt buộc" in page
    assert round_.candidates.count() == count


def test_an_award_for_individuals_is_refused_for_a_collective_in_words() -> None:
    round_, (_a, b, _c) = _round()
    count = round_.candidates.count()
    answer = client_for(HEAD).post(
        _url(round_, "them/"),
        {"kind": "collective", "unit": b.pk, "award": "base_emulation_fighter"},
    )
    assert answer.status_code == 400
    assert "không xét cho tập thể" in answer.content.decode()
    assert round_.candidates.count() == count


def test_the_head_adds_keeps_with_a_reason_and_removes() -> None:
    round_, (_a, b, _c) = _round()
    head = client_for(HEAD)
    answer = head.post(
        _url(round_, "them/"), {"kind": "collective", "unit": b.pk, "award": "commission_flag"}
    )
    assert answer.status_code == 302
    added = round_.candidates.get(unit=b, award="commission_flag")
    assert added.verdict == Verdict.NOT_ELIGIBLE
    refused = head.post(_url(round_, f"danh-sach/{added.pk}/giu/"), {"reason": "   "})
    assert refused.status_code == 400
    assert 'data-testid="error-reason"' in refused.content.decode()
    assert Candidate.objects.get(pk=added.pk).kept_reason == ""
    kept = head.post(_url(round_, f"danh-sach/{added.pk}/giu/"), {"reason": "Thành tích đột xuất."})
    assert kept.status_code == 302
    page = head.get(_url(round_)).content.decode()
    assert "Thành tích đột xuất." in page
    assert head.post(_url(round_, f"danh-sach/{added.pk}/bo/")).status_code == 302
    assert not Candidate.objects.filter(pk=added.pk).exists()
    # A candidate of another round is not found through this one.
    assert head.post(_url(round_, "danh-sach/987654/bo/")).status_code == 404
    assert head.post(_url(round_, "xet-lai/")).status_code == 302


def test_the_deliberation_form_shows_the_threshold_and_its_citation() -> None:
    round_, _ = _round()
    page = client_for(HEAD).get(_url(round_)).content.decode()
    threshold = re.search(r'data-testid="threshold">(.*?)</p>', page, re.S)
    assert threshold is not None
    assert "%" in threshold.group(1)
    assert "<small>(" in threshold.group(1)  # the citation


def test_minutes_with_more_present_than_summoned_are_refused_beside_the_field() -> None:
    round_, _ = _round()
    data = {"deliberated_on": "2019-01-12", "summoned": 5, "present": 6}
    data |= {f"approvals_{c.pk}": 3 for c in round_.candidates.all()}
    answer = client_for(HEAD).post(_url(round_, "binh-xet/"), data)
    assert answer.status_code == 400
    assert 'data-testid="error-present"' in answer.content.decode()
    fresh = NominationRound.objects.get(pk=round_.pk)
    assert fresh.status == RoundStatus.DRAFT
    assert fresh.summoned is None


def test_approvals_over_those_present_are_refused_beside_the_candidate() -> None:
    round_, _ = _round()
    first = round_.candidates.first()
    assert first is not None
    data = {"deliberated_on": "2019-01-12", "summoned": 10, "present": 8}
    data |= {f"approvals_{c.pk}": 3 for c in round_.candidates.all()} | {f"approvals_{first.pk}": 9}
    answer = client_for(HEAD).post(_url(round_, "binh-xet/"), data)
    page = answer.content.decode()
    assert answer.status_code == 400
    assert f'data-testid="error-approvals_{first.pk}"' in page
    assert "không thể nhiều hơn số có mặt" in page
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DRAFT


def test_the_head_records_the_meeting_and_submits_but_cannot_decide() -> None:
    round_, _ = _round()
    for candidate in round_.candidates.exclude(verdict=Verdict.ELIGIBLE):
        candidate_keep(actor=persona(HEAD), candidate=candidate, reason="Đề nghị Hội đồng xét.")
    head = client_for(HEAD)
    data = {"deliberated_on": "2019-01-12", "summoned": 10, "present": 9}
    data |= {f"approvals_{c.pk}": 8 for c in round_.candidates.all()}
    assert head.post(_url(round_, "binh-xet/"), data).status_code == 302
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DELIBERATED
    assert 'data-testid="round-submit"' in head.get(_url(round_)).content.decode()
    assert head.post(_url(round_, "trinh/")).status_code == 302
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.SUBMITTED
    page = head.get(_url(round_)).content.decode()
    assert 'data-testid="decision-form"' not in page
    assert "Đã bình xét → Đã trình" in page  # the history of moves, in words
    flag = round_.candidates.get(award="commission_flag")
    refused = head.post(
        _url(round_, "quyet-dinh/"),
        {
            "number": "1-QĐ",
            "decided_on": "2019-02-01",
            "issuer": "Ban Tổ chức Trung ương",
            "signer": "A",
            "signer_title": "B",
            "awardees": [flag.pk],
        },
    )
    assert refused.status_code == 403
    assert not Grant.objects.exists()


def test_a_submission_over_the_government_flag_quota_is_refused_plainly() -> None:
    boards = boards_valid_in(2025, 30)
    for number in range(1, 16):
        pair = boards[2 * (number - 1) : 2 * number]
        cluster_term(number, 2025, pair, head=pair[0])
    secretariat = persona("thuongtruc")
    round_ = round_open(actor=secretariat, level="council", year=2025, judged_on=D(2026, 1, 10))
    for unit in [boards[2 * i] for i in range(4)]:
        candidate = candidate_add(
            actor=secretariat,
            round_=round_,
            award="government_flag",
            unit=unit,
            judged_on=D(2026, 1, 10),
        )
        if candidate.verdict == Verdict.NOT_ELIGIBLE:
            candidate_keep(actor=secretariat, candidate=candidate, reason="Hồ sơ kèm theo.")
    round_deliberate(
        actor=secretariat,
        round_=round_,
        deliberated_on=D(2026, 1, 12),
        summoned=10,
        present=10,
        approvals={c.pk: 10 for c in round_.candidates.all()},
    )
    answer = client_for("thuongtruc").post(_url(round_, "trinh/"))
    page = answer.content.decode()
    assert answer.status_code == 400
    refusal = re.search(r'data-testid="submit-refused">(.*?)</div>', page, re.S)
    assert refusal is not None
    assert "vượt giới hạn 3" in refusal.group(1)
    assert "5007/BNV-TĐKT" in refusal.group(1)
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DELIBERATED


# The decision


def _decision(**changes: object) -> dict[str, object]:
    return {
        "number": "127-QĐ/BTCTW",
        "decided_on": "2019-02-01",
        "issuer": "Ban Tổ chức Trung ương",
        "signer": "Nguyễn Văn A",
        "signer_title": "Phó Trưởng ban",
    } | changes


def test_a_decision_without_a_number_is_refused_beside_the_field() -> None:
    round_ = _submitted()
    flag = round_.candidates.get(award="commission_flag")
    answer = client_for("hoidong").post(
        _url(round_, "quyet-dinh/"), _decision(number="", awardees=[flag.pk])
    )
    assert answer.status_code == 400
    assert 'data-testid="error-number"' in answer.content.decode()
    assert not Grant.objects.exists()
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.SUBMITTED


def test_the_council_decides_and_the_page_shows_the_prize_and_how_it_was_computed() -> None:
    round_ = _submitted()
    flag = round_.candidates.get(award="commission_flag")
    council = client_for("hoidong")
    assert 'data-testid="decision-form"' in council.get(_url(round_)).content.decode()
    answer = council.post(_url(round_, "quyet-dinh/"), _decision(awardees=[flag.pk]))
    assert answer.status_code == 302
    page = council.get(_url(round_)).content.decode()
    assert "11.120.000 đồng" in page
    assert "8,0 × 1.390.000" in page
    assert "72/2018/NĐ-CP" in page
    assert "127-QĐ/BTCTW" in page
    assert Grant.objects.get().unit_id == flag.unit_id


# A fixed number of queries


def _grown(round_: NominationRound, size: int) -> None:
    """The round with ``size`` more individual candidates, written at once."""
    model = round_.candidates.first()
    assert model is not None
    people = Person.objects.bulk_create(
        [
            Person(full_name=f"Người thứ {i} của {size}", search_key=f"nguoi {i}")
            for i in range(size)
        ]
    )
    Candidate.objects.bulk_create(
        [
            Candidate(
                round=round_,
                person=person,
                unit=model.unit,
                award="commission_certificate",
                source=CandidateSource.ADDED,
                verdict=Verdict.NOT_ELIGIBLE,
                explanation=model.explanation,
                judged_on=model.judged_on,
                kept_reason="Lý do" if i % 2 else "",
                position=100 + i,
            )
            for i, person in enumerate(people)
        ]
    )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_round_page_reads_10_and_100_candidates_in_the_same_number_of_queries() -> None:
    small, _ = _round()
    taken = list(Unit.objects.filter(memberships__term=small.term))
    plan_b = cluster_term(9, 2018, boards_valid_in(2018, 3, exclude=taken))
    large = NominationRound.objects.create(
        year=2018, level="cluster", term=plan_b, title="Lớn", created_by=persona(HEAD)
    )
    _grown(small, 10 - small.candidates.count())
    model = small.candidates.first()
    assert model is not None
    Candidate.objects.create(
        round=large,
        unit=model.unit,
        award="commission_flag",
        source=CandidateSource.ADDED,
        verdict=model.verdict,
        explanation=model.explanation,
        judged_on=model.judged_on,
    )
    _grown(large, 99)
    assert small.candidates.count() == 10
    assert large.candidates.count() == 100
    client = client_for("thuongtruc")
    _queries(client, _url(small))  # the session and the rule book's caches
    assert _queries(client, _url(small)) == _queries(client, _url(large))


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
    assert client.get(_url(round_)).status_code == 200
    assert client_for(HEAD).get(_url(round_)).status_code == 404
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
