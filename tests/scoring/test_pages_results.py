"""The explanation round, publication, the results with their chart, the trace of a unit's
points and the analytics: each page for the roles that may use it, refused to the others."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders.assessments import peer_assessed
from tests.builders.clusters import head_of, members_of, plain_members, term
from tests.builders.people import client_for, client_of, staff_of
from tests.builders.plans import advance_to, peers_score_everyone, small_plan
from thidua.accounts.models import Role
from thidua.core.files import stored_file_create
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage
from thidua.scoring.models import Dispute, DisputeStatus, Evidence, Publication
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
)

pytestmark = pytest.mark.django_db
D = Decimal
PDF = b"%PDF-1.4 giai trinh"


def _self(plan: Plan, unit: Unit, points_1_1: Decimal) -> None:
    officer = staff_of(unit, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    scores = assessment_fill(
        actor=officer,
        assessment=sheet,
        marks={
            "1.1": Mark(points=points_1_1, explanation="Ba đề án trình Tỉnh ủy"),
            "1.2": Mark(value=D(40)),
            "2.1": Mark(points=D(10)),
            "2.2": Mark(value=D(0)),
            "2.3": Mark(value=D(100)),
            "T.1": Mark(points=D(0)),
            "K.1": Mark(value=D(0)),
        },
    )
    Evidence.objects.create(
        score=next(s for s in scores if s.criterion.code == "1.1"),
        file=stored_file_create(name="de-an.pdf", content=PDF),
        uploaded_by=officer,
    )
    assessment_submit(actor=staff_of(unit), assessment=sheet)


@pytest.fixture
def plan() -> Plan:
    """A, B and C assess themselves (B and C alike); B peer-scores A's 1.1 four points lower."""
    plan = advance_to(small_plan(term(4, 2018)), PlanStage.SELF_ASSESSMENT)
    a, b, c = plain_members(plan.term)[:3]
    _self(plan, a, D(28))
    _self(plan, b, D(25))
    _self(plan, c, D(25))
    plan = peers_score_everyone(advance_to(plan, PlanStage.PEER_ASSESSMENT))
    peer = assessment_open(
        actor=staff_of(b, Role.UNIT_OFFICER), plan=plan, unit=a, stage="peer", assessor=b
    )
    assessment_fill(
        actor=staff_of(b, Role.UNIT_OFFICER),
        assessment=peer,
        marks={"1.1": Mark(points=D(24)), "2.1": Mark(points=D(10)), "T.1": Mark(points=D(0))},
    )
    assessment_submit(actor=staff_of(b), assessment=peer)
    return plan


def _head(plan: Plan) -> Client:
    return client_of(staff_of(head_of(plan.term)))


def _officer(unit: Unit) -> Client:
    return client_of(staff_of(unit, Role.UNIT_OFFICER))


def _messages(html: str) -> str:
    return " ".join(re.findall(r'<p class="notice[^"]*">([^<]*)</p>', html))


def _published(plan: Plan) -> Plan:
    head = _head(plan)
    head.post(reverse("scoring:round_open", args=[plan.pk]))
    for dispute in Dispute.objects.filter(plan=plan):
        head.post(
            reverse("scoring:dispute_appraise", args=[dispute.pk]),
            {"amount": "26", "reason": "Đối chiếu biên bản"},
        )
    response = head.post(reverse("scoring:publish", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.stage == PlanStage.PUBLISHED
    return plan


def test_results_before_publication_show_only_the_stage(plan: Plan) -> None:
    html = _head(plan).get(reverse("scoring:results", args=[plan.pk])).content.decode()
    assert "Kết quả chưa được công bố" in html
    assert "Chấm chéo" in html
    assert 'data-testid="rank-row"' not in html
    assert 'data-testid="chart"' not in html


def test_the_explanation_round_from_flag_to_appraisal(plan: Plan) -> None:
    a, b, c = plain_members(plan.term)[:3]
    open_url = reverse("scoring:round_open", args=[plan.pk])
    assert _officer(c).post(open_url).status_code == 403
    response = _head(plan).post(open_url)
    assert response["Location"] == reverse("scoring:explanation", args=[plan.pk])
    dispute = Dispute.objects.get(plan=plan)
    assert (dispute.unit, dispute.criterion.code) == (a, "1.1")

    page = reverse("scoring:explanation", args=[plan.pk])
    html = _officer(a).get(page).content.decode()
    row = html.split(f'data-testid="dispute-{dispute.pk}"')[1].split("</tr>")[0]
    assert all(text in row for text in [a.name, "1.1", "28", "24", "4"])
    assert "Gửi giải trình" in html
    assert 'data-testid="dispute-' not in _officer(c).get(page).content.decode()
    assert client_for("canbo.daklak").get(page).status_code == 403

    answer_url = reverse("scoring:dispute_answer", args=[dispute.pk])
    refused = _officer(a).post(answer_url, {"answer": "  "}, follow=True)
    assert "Phải ghi nội dung giải trình." in _messages(refused.content.decode())
    assert _officer(b).post(answer_url, {"answer": "Thay A"}).status_code == 403
    upload = SimpleUploadedFile("bien-ban.pdf", PDF)
    _officer(a).post(answer_url, {"answer": "Đề án thứ ba đã trình", "files": [upload]})
    dispute.refresh_from_db()
    assert (dispute.status, dispute.answer) == (DisputeStatus.ANSWERED, "Đề án thứ ba đã trình")
    stored = dispute.files.get()
    file_url = reverse("scoring:dispute_file", args=[dispute.pk, stored.pk])
    download = _officer(a).get(file_url)
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert _officer(c).get(file_url).status_code == 404
    assert client_for("canbo.daklak").get(file_url).status_code == 403

    appraise_url = reverse("scoring:dispute_appraise", args=[dispute.pk])
    assert _officer(c).post(appraise_url, {"amount": "26", "reason": "x"}).status_code == 403
    head = _head(plan)
    for data, message in [
        ({"amount": "26", "reason": " "}, "Phải ghi lý do thẩm định."),
        ({"amount": "31", "reason": "Biên bản"}, "vượt điểm tối đa"),
        ({"amount": "hai sáu", "reason": "Biên bản"}, "Phải nhập một số"),
    ]:
        html = head.post(appraise_url, data, follow=True).content.decode()
        assert message in _messages(html), data
        dispute.refresh_from_db()
        assert dispute.status == DisputeStatus.ANSWERED
    head.post(appraise_url, {"amount": "26,5", "reason": "Đối chiếu biên bản"})
    dispute.refresh_from_db()
    assert (dispute.status, dispute.appraised_points) == (DisputeStatus.APPRAISED, D("26.5"))
    html = _officer(a).get(page).content.decode()
    assert "Đối chiếu biên bản" in html
    assert "Gửi giải trình" not in html  # an appraised criterion takes no more answers


def test_only_the_head_publishes_and_the_results_show_ranks_and_ties(plan: Plan) -> None:
    a, b, c = plain_members(plan.term)[:3]
    head = _head(plan)
    head.post(reverse("scoring:round_open", args=[plan.pk]))
    publish_url = reverse("scoring:publish", args=[plan.pk])
    refused = head.post(publish_url, follow=True).content.decode()
    assert "chưa thẩm định" in _messages(refused)  # the flagged 1.1 is not appraised yet
    assert _officer(c).post(publish_url).status_code == 403
    assert not Publication.objects.filter(plan=plan).exists()

    plan = _published(plan)
    html = _officer(c).get(reverse("scoring:results", args=[plan.pk])).content.decode()
    rows = re.findall(r'<tr data-testid="rank-row".*?</tr>', html, re.S)
    assert len(rows) == len(members_of(plan.term))
    ranks = [r for row in rows for r in re.findall(r'data-testid="rank">(\d+)<', row)]
    assert ranks[:3] == ["1", "2", "2"]
    assert a.name in rows[0]
    assert "Đơn vị dẫn đầu cụm" in rows[0]
    assert "66,00" in rows[0]  # 26 appraised + 0 + 10 + 10 + 20
    tied = {b.name, c.name}
    for row in rows[1:3]:
        (names,) = re.findall(r'data-testid="unit">([^<]*)<', row)
        assert names in tied
        assert f"Đồng hạng với {(tied - {names}).pop()}" in row
        assert "Đơn vị dẫn đầu cụm" not in row
    svg = html.split('id="ranking-chart"')[1].split("</svg>")[0]
    assert svg.count('data-testid="bar"') == len(rows)
    assert 'aria-describedby="ranking-table"' in html
    assert 'id="ranking-table"' in html
    assert "Tải ảnh PNG" in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts
    assert all(src.startswith("/static/") for src in scripts)  # every script served by the app


def test_the_trace_follows_each_point_to_its_assessor_and_evidence(plan: Plan) -> None:
    a, _b, c = plain_members(plan.term)[:3]
    trace_url = reverse("scoring:trace", args=[plan.pk, a.pk])
    assert _head(plan).get(trace_url).status_code == 404  # nothing to trace before publication
    plan = _published(plan)
    html = _officer(c).get(trace_url).content.decode()
    rows = "".join(re.findall(r'<tr data-testid="trace-1\.1">.*?</tr>', html, re.S))
    for text in ["26,00", "Tự chấm", "Chấm chéo", "Thẩm định", "28", "24", "Đối chiếu biên bản"]:
        assert text in rows, text
    assert "Ba đề án trình Tỉnh ủy" in rows
    evidence = Evidence.objects.get(score__assessment__unit=a, score__criterion__code="1.1")
    link = reverse("scoring:evidence", args=[evidence.pk])
    assert link in rows
    # After publication every member of the cluster may follow the evidence; outsiders may not.
    assert _officer(c).get(link)["Content-Disposition"].startswith("attachment;")
    assert client_for("canbo.daklak").get(link).status_code == 404
    assert client_for("canbo.daklak").get(trace_url).status_code == 404
    other_cluster = reverse("scoring:trace", args=[plan.pk, Unit.objects.get(code="BTC-66-63").pk])
    assert _head(plan).get(other_cluster).status_code == 404


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_results_page_runs_a_fixed_number_of_queries(
    plan: Plan, django_assert_max_num_queries: object
) -> None:
    plan = _published(plan)
    url = reverse("scoring:results", args=[plan.pk])
    client = _officer(plain_members(plan.term)[2])
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        client.get(url)
    # The same count however many rows: more rows cost nothing more.
    publication = Publication.objects.get(plan=plan)
    before = _count_queries(client, url)
    publication.rows.filter(rank__gt=3).delete()
    assert _count_queries(client, url) == before


def test_analytics_are_for_the_head_the_secretariat_and_nobody_else(
    plan: Plan, django_assert_max_num_queries: object
) -> None:
    a, b, c = plain_members(plan.term)[:3]
    second = assessment_open(
        actor=staff_of(c, Role.UNIT_OFFICER), plan=plan, unit=a, stage="peer", assessor=c
    )
    assessment_fill(
        actor=staff_of(c, Role.UNIT_OFFICER),
        assessment=second,
        marks={"1.1": Mark(points=D(26)), "2.1": Mark(points=D(10)), "T.1": Mark(points=D(0))},
    )
    assessment_submit(actor=staff_of(c), assessment=second)
    url = reverse("scoring:analytics", args=[plan.pk])
    assert _officer(c).get(url).status_code == 403
    assert client_for("canbo.daklak").get(url).status_code == 403
    assert (
        "Phân tích" not in _officer(c).get(reverse("scoring:plan", args=[plan.pk])).content.decode()
    )
    assert client_for("thuongtruc").get(url).status_code == 200
    head = _head(plan)
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        response = head.get(url)
    html = response.content.decode()
    # A gave itself 28 + 10 + 0 where its peers gave 25 (24 and 26) + 10 + 0 on average.
    unit_gaps = re.findall(r'<tr data-testid="unit-gap">.*?</tr>', html, re.S)
    assert len(unit_gaps) == 1
    assert a.name in unit_gaps[0]
    assert "+3,00" in unit_gaps[0]
    gaps = re.findall(r'<tr data-testid="criterion-gap">.*?</tr>', html, re.S)
    assert len(gaps) == 1
    assert "1.1" in gaps[0]
    leniency = re.findall(r'<tr data-testid="leniency-row">.*?</tr>', html, re.S)
    assert [c.name in leniency[0], b.name in leniency[1]] == [True, True]
    assert "+0,67" in leniency[0]
    assert "dễ dãi" in leniency[0]
    assert "-0,67" in leniency[1]
    assert "khắt khe" in leniency[1]
    agreement = re.findall(r'<tr data-testid="agreement-row">.*?</tr>', html, re.S)
    assert len(agreement) == 1
    assert "0,67" in agreement[0]
    assert "67%" in agreement[0]
    assert "dấu + là chấm rộng tay" in html  # each figure says what it means


def test_the_analytics_page_runs_the_same_queries_with_one_peer_sheet_or_five(
    plan: Plan,
) -> None:
    a, b, c = plain_members(plan.term)[:3]
    head, url = _head(plan), reverse("scoring:analytics", args=[plan.pk])
    few = _count_queries(head, url)  # B's sheet on A
    marks = {"1.1": Mark(points=D(25)), "2.1": Mark(points=D(10)), "T.1": Mark(points=D(0))}
    for unit, assessor in ((a, c), (b, a), (b, c), (c, a)):
        peer_assessed(plan, unit, assessor, marks)
    assert _count_queries(head, url) == few <= 14
