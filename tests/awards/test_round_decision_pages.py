"""The round's meeting, submission and decision on its page: the threshold with its citation,
bad minutes answered beside their field with nothing written, the quota refusal shown plainly,
the head who cannot decide, the council's decision with its prize money; and the round's page
read in the same number of queries for 10 and for 100 candidates."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.awards.rounds_web import (
    HEAD,
    cluster_round,
    round_url,
    submitted,
)
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
from thidua.awards.services.submission import round_deliberate
from thidua.orgs.models import Person, Unit

D = dt.date
pytestmark = pytest.mark.usefixtures("rulebook")


def test_the_deliberation_form_shows_the_threshold_and_its_citation() -> None:
    round_, _ = cluster_round()
    page = client_for(HEAD).get(round_url(round_)).content.decode()
    threshold = re.search(r'data-testid="threshold">(.*?)</p>', page, re.S)
    assert threshold is not None
    assert "%" in threshold.group(1)
    assert "<small>(" in threshold.group(1)  # the citation


def test_minutes_with_more_present_than_summoned_are_refused_beside_the_field() -> None:
    round_, _ = cluster_round()
    data = {"deliberated_on": "2019-01-12", "summoned": 5, "present": 6}
    data |= {f"approvals_{c.pk}": 3 for c in round_.candidates.all()}
    answer = client_for(HEAD).post(round_url(round_, "binh-xet/"), data)
    assert answer.status_code == 400
    assert 'data-testid="error-present"' in answer.content.decode()
    fresh = NominationRound.objects.get(pk=round_.pk)
    assert fresh.status == RoundStatus.DRAFT
    assert fresh.summoned is None


def test_approvals_over_those_present_are_refused_beside_the_candidate() -> None:
    round_, _ = cluster_round()
    first = round_.candidates.first()
    assert first is not None
    data = {"deliberated_on": "2019-01-12", "summoned": 10, "present": 8}
    data |= {f"approvals_{c.pk}": 3 for c in round_.candidates.all()} | {f"approvals_{first.pk}": 9}
    answer = client_for(HEAD).post(round_url(round_, "binh-xet/"), data)
    page = answer.content.decode()
    assert answer.status_code == 400
    assert f'data-testid="error-approvals_{first.pk}"' in page
    assert "không thể nhiều hơn số có mặt" in page
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DRAFT


def test_the_head_records_the_meeting_and_submits_but_cannot_decide() -> None:
    round_, _ = cluster_round()
    for candidate in round_.candidates.exclude(verdict=Verdict.ELIGIBLE):
        candidate_keep(actor=persona(HEAD), candidate=candidate, reason="Đề nghị Hội đồng xét.")
    head = client_for(HEAD)
    data = {"deliberated_on": "2019-01-12", "summoned": 10, "present": 9}
    data |= {f"approvals_{c.pk}": 8 for c in round_.candidates.all()}
    assert head.post(round_url(round_, "binh-xet/"), data).status_code == 302
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DELIBERATED
    assert 'data-testid="round-submit"' in head.get(round_url(round_)).content.decode()
    assert head.post(round_url(round_, "trinh/")).status_code == 302
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.SUBMITTED
    page = head.get(round_url(round_)).content.decode()
    assert 'data-testid="decision-form"' not in page
    assert "Đã bình xét → Đã trình" in page  # the history of moves, in words
    flag = round_.candidates.get(award="commission_flag")
    refused = head.post(
        round_url(round_, "quyet-dinh/"),
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
    answer = client_for("thuongtruc").post(round_url(round_, "trinh/"))
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
    round_ = submitted()
    flag = round_.candidates.get(award="commission_flag")
    answer = client_for("hoidong").post(
        round_url(round_, "quyet-dinh/"), _decision(number="", awardees=[flag.pk])
    )
    assert answer.status_code == 400
    assert 'data-testid="error-number"' in answer.content.decode()
    assert not Grant.objects.exists()
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.SUBMITTED


def test_the_council_decides_and_the_page_shows_the_prize_and_how_it_was_computed() -> None:
    round_ = submitted()
    flag = round_.candidates.get(award="commission_flag")
    council = client_for("hoidong")
    assert 'data-testid="decision-form"' in council.get(round_url(round_)).content.decode()
    answer = council.post(round_url(round_, "quyet-dinh/"), _decision(awardees=[flag.pk]))
    assert answer.status_code == 302
    page = council.get(round_url(round_)).content.decode()
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
    small, _ = cluster_round()
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
    _queries(client, round_url(small))  # the session and the rule book's caches
    assert _queries(client, round_url(small)) == _queries(client, round_url(large))
