"""The scoring home and score entry pages: who may open and write which sheet, one criterion
saved at a time over HTMX with its running total, refusals shown next to the criterion."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import has_vary_header

from tests.builders.clusters import head_of, members_of, plain_members, term
from tests.builders.people import client_for, client_of, staff_of
from tests.builders.plans import advance_to, peers_score_everyone, small_plan
from thidua.accounts.models import Role
from thidua.core.files import stored_file_create
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services.plan import deadline_set
from thidua.plans.services.registration import (
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.scoring.models import Assessment, AssessmentStatus, Evidence, Score
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
)

pytestmark = pytest.mark.django_db
D = Decimal
PDF = b"%PDF-1.4 bien ban hop"
HTMX = {"HX-Request": "true"}


def _register(plan: Plan, unit: Unit) -> None:
    criterion = plan.scales.get().criteria.get(code="1.2")
    registration = registration_save(
        actor=staff_of(unit, Role.UNIT_OFFICER),
        plan=plan,
        unit=unit,
        titles=[],
        targets={criterion.pk: D(50)},
    )
    registration_submit(actor=staff_of(unit), registration=registration)
    registration_accept(actor=staff_of(head_of(plan.term)), registration=registration)


@pytest.fixture
def plan() -> Plan:
    return small_plan(term(4, 2018))


@pytest.fixture
def unit(plan: Plan) -> Unit:
    return plain_members(plan.term)[0]


@pytest.fixture
def self_sheet(plan: Plan, unit: Unit) -> Assessment:
    _register(plan, unit)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    officer = staff_of(unit, Role.UNIT_OFFICER)
    return assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)


def _save(client: Client, sheet: Assessment, code: str, **data: str) -> str:
    criterion = sheet.scale.criteria.get(code=code)
    url = reverse("scoring:mark_save", args=[sheet.pk, criterion.pk])
    response = client.post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert has_vary_header(response, "HX-Request")  # a fragment for HTMX, else the whole page
    return response.content.decode()


def _section(html: str, code: str) -> str:
    found = re.search(
        rf'<section [^>]*data-testid="criterion-{re.escape(code)}">(.*?)</section>', html, re.S
    )
    assert found is not None, code
    return found.group(1)


def _total(html: str) -> str:
    found = re.search(r'data-testid="total">([^<]*)<', html)
    assert found is not None
    return found.group(1)


def test_every_scoring_page_asks_anonymous_users_to_sign_in(self_sheet: Assessment) -> None:
    plan_pk = self_sheet.plan_id
    for url in [
        reverse("scoring:plan", args=[plan_pk]),
        reverse("scoring:sheet", args=[self_sheet.pk]),
        reverse("scoring:explanation", args=[plan_pk]),
        reverse("scoring:results", args=[plan_pk]),
        reverse("scoring:analytics", args=[plan_pk]),
    ]:
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


def test_an_officer_starts_its_self_assessment_from_the_plan_page(plan: Plan, unit: Unit) -> None:
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    client = client_of(staff_of(unit, Role.UNIT_OFFICER))
    page = client.get(reverse("scoring:plan", args=[plan.pk])).content.decode()
    assert "Tự chấm điểm" in page
    assert "Bắt đầu chấm" in page
    assert 'data-testid="head-panel"' not in page  # a plain member has no cluster overview
    response = client.post(
        reverse("scoring:sheet_open", args=[plan.pk]),
        {"unit": unit.pk, "stage": "self", "assessor": unit.pk},
    )
    sheet = Assessment.objects.get(plan=plan, unit=unit, stage="self")
    assert response.status_code == 302
    assert response["Location"] == reverse("scoring:sheet", args=[sheet.pk])
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="criterion-1.1"' in html
    assert "Gửi phiếu chấm" not in html  # officers prepare, leaders submit


def test_an_officer_saves_criteria_over_htmx_and_sees_the_running_total(
    self_sheet: Assessment, unit: Unit
) -> None:
    client = client_of(staff_of(unit, Role.UNIT_OFFICER))
    html = _save(client, self_sheet, "1.1", points="20,5", explanation="Ba đề án")
    assert 'id="running-total"' in html
    assert 'hx-swap-oob="true"' in html
    assert "Đã lưu" in _section(html, "1.1")
    assert _total(html) == "20,50"
    group = self_sheet.scale.criteria.get(code="1")
    assert re.search(rf'id="pts-{group.pk}"[^>]*hx-swap-oob="true">20,50<', html)  # its group
    html = _save(client, self_sheet, "2.1", points="10")
    assert _total(html) == "30,50"
    # 45 new members against a registered target of 50: 90 % of 30 points.
    html = _save(client, self_sheet, "1.2", value="45")
    assert "27" in _section(html, "1.2")
    assert _total(html) == "57,50"
    score = Score.objects.get(assessment=self_sheet, criterion__code="1.1")
    assert (score.points, score.explanation) == (D("20.5"), "Ba đề án")
    page = client.get(reverse("scoring:sheet", args=[self_sheet.pk])).content.decode()
    assert 'value="20,5"' in page
    assert _total(page) == "57,50"


@pytest.mark.parametrize(
    ("code", "field", "typed", "message"),
    [
        ("1.1", "points", "31", "vượt điểm tối đa 30"),
        ("1.1", "points", "-1", "Điểm không được âm."),
        ("1.1", "points", "ba mươi", "Phải nhập một số"),
        ("1.1", "points", "2,1", "Điểm phải theo bước 0,25."),
        ("2.1", "points", "5", "chỉ nhận 0 hoặc 10 điểm"),
        ("2.2", "value", "-3", "Số liệu không được âm."),
    ],
)
def test_a_bad_mark_is_refused_next_to_its_criterion_and_nothing_is_saved(
    self_sheet: Assessment, unit: Unit, code: str, field: str, typed: str, message: str
) -> None:
    client = client_of(staff_of(unit, Role.UNIT_OFFICER))
    before = Score.objects.filter(assessment=self_sheet).count()
    html = _save(client, self_sheet, code, **{field: typed, "explanation": "Giữ nguyên"})
    section = _section(html, code)
    assert message in section
    assert 'role="alert"' in section
    if code != "2.1":  # a pass/fail select offers only its two choices
        assert f'value="{typed}"' in section
    assert "Giữ nguyên" in section  # what was typed is shown again
    assert Score.objects.filter(assessment=self_sheet).count() == before == 0


def test_without_htmx_a_refused_mark_renders_the_page_with_the_message(
    self_sheet: Assessment, unit: Unit
) -> None:
    client = client_of(staff_of(unit, Role.UNIT_OFFICER))
    criterion = self_sheet.scale.criteria.get(code="1.1")
    url = reverse("scoring:mark_save", args=[self_sheet.pk, criterion.pk])
    response = client.post(url, {"points": "40"})
    assert response.status_code == 400
    assert "vượt điểm tối đa" in response.content.decode()
    ok = client.post(url, {"points": "12"})
    assert ok.status_code == 302
    assert Score.objects.get(assessment=self_sheet).points == 12


def test_a_peer_cannot_open_a_sheet_on_itself(plan: Plan, unit: Unit) -> None:
    plan = peers_score_everyone(advance_to(plan, PlanStage.PEER_ASSESSMENT))
    client = client_of(staff_of(unit, Role.UNIT_OFFICER))
    response = client.post(
        reverse("scoring:sheet_open", args=[plan.pk]),
        {"unit": unit.pk, "stage": "peer", "assessor": unit.pk},
    )
    assert response.status_code == 403
    assert not Assessment.objects.filter(plan=plan, unit=unit, assessor=unit).exists()
    page = client.get(reverse("scoring:plan", args=[plan.pk])).content.decode()
    assert f'data-testid="slot-peer-{unit.pk}"' not in page  # its own peer sheet is not offered
    assert page.count('data-testid="slot-peer-') == len(members_of(plan.term)) - 1


def test_a_board_outside_the_cluster_cannot_open_or_write_a_sheet(self_sheet: Assessment) -> None:
    outsider = client_for("canbo.daklak")
    criterion = self_sheet.scale.criteria.get(code="1.1")
    assert outsider.get(reverse("scoring:sheet", args=[self_sheet.pk])).status_code == 404
    url = reverse("scoring:mark_save", args=[self_sheet.pk, criterion.pk])
    assert outsider.post(url, {"points": "1"}, headers=HTMX).status_code == 404
    assert outsider.get(reverse("scoring:plan", args=[self_sheet.plan_id])).status_code == 403
    assert not Score.objects.filter(assessment=self_sheet).exists()


def test_a_peer_cannot_read_another_peers_sheet_before_publication(plan: Plan) -> None:
    plan = peers_score_everyone(advance_to(plan, PlanStage.PEER_ASSESSMENT))
    assessed, assessor, third = plain_members(plan.term)[:3]
    sheet = assessment_open(
        actor=staff_of(assessor, Role.UNIT_OFFICER),
        plan=plan,
        unit=assessed,
        stage="peer",
        assessor=assessor,
    )
    url = reverse("scoring:sheet", args=[sheet.pk])
    assert client_of(staff_of(assessor, Role.UNIT_OFFICER)).get(url).status_code == 200
    assert client_of(staff_of(third, Role.UNIT_OFFICER)).get(url).status_code == 404
    assert client_of(staff_of(assessed, Role.UNIT_OFFICER)).get(url).status_code == 404
    head = client_of(staff_of(head_of(plan.term)))
    html = head.get(url).content.decode()
    assert 'data-testid="read-only"' in html  # the head reads it but does not write it


def test_a_write_after_the_stage_closed_is_refused(self_sheet: Assessment, unit: Unit) -> None:
    client = client_of(staff_of(unit, Role.UNIT_OFFICER))
    _save(client, self_sheet, "2.1", points="10")
    past = timezone.now() - dt.timedelta(minutes=5)
    head = staff_of(head_of(self_sheet.plan.term))
    deadline_set(
        actor=head, plan=self_sheet.plan, stage="self_assessment", due=past, reason="Đã quá hạn"
    )
    html = _save(client, self_sheet, "2.1", points="0")
    assert "Vòng chấm này đã đóng" in _section(html, "2.1")
    assert Score.objects.get(assessment=self_sheet).points == 10
    page = client.get(reverse("scoring:sheet", args=[self_sheet.pk])).content.decode()
    assert 'data-testid="read-only"' in page
    assert 'name="points"' not in page


def _fill_all(client: Client, sheet: Assessment) -> None:
    for code, field, typed in [
        ("1.1", "points", "27,25"),
        ("1.2", "value", "50"),
        ("2.1", "points", "10"),
        ("2.2", "value", "1"),
        ("2.3", "value", "120"),
        ("T.1", "points", "2"),
        ("K.1", "value", "0"),
    ]:
        assert "Đã lưu" in _section(_save(client, sheet, code, **{field: typed}), code)


def test_the_leader_submits_with_every_problem_listed_then_the_sheet_is_read_only(
    self_sheet: Assessment, unit: Unit
) -> None:
    officer, leader = client_of(staff_of(unit, Role.UNIT_OFFICER)), client_of(staff_of(unit))
    _save(officer, self_sheet, "2.1", points="10")
    submit = reverse("scoring:sheet_submit", args=[self_sheet.pk])
    assert officer.post(submit).status_code == 403
    refused = leader.post(submit)
    html = refused.content.decode()
    assert refused.status_code == 400
    problems = html.split('data-testid="submit-problems"')[1].split("</article>")[0]
    for code in ["1.1", "1.2", "2.2", "2.3", "T.1", "K.1"]:
        assert f"{code}." in problems, code
    assert "bắt buộc có minh chứng" in problems
    self_sheet.refresh_from_db()
    assert self_sheet.status == AssessmentStatus.DRAFT

    _fill_all(officer, self_sheet)
    criterion = self_sheet.scale.criteria.get(code="1.1")
    upload = SimpleUploadedFile("de-an.pdf", PDF, content_type="application/pdf")
    url = reverse("scoring:evidence_upload", args=[self_sheet.pk, criterion.pk])
    assert "de-an.pdf" in officer.post(url, {"file": upload}, headers=HTMX).content.decode()
    assert (
        leader.get(reverse("scoring:sheet", args=[self_sheet.pk]))
        .content.decode()
        .count("Gửi phiếu chấm")
        >= 1
    )
    assert leader.post(submit).status_code == 302
    self_sheet.refresh_from_db()
    assert self_sheet.status == AssessmentStatus.SUBMITTED
    html = _save(officer, self_sheet, "2.1", points="0")
    assert "đã gửi" in _section(html, "2.1")
    assert Score.objects.get(assessment=self_sheet, criterion__code="2.1").points == 10
    page = leader.get(reverse("scoring:sheet", args=[self_sheet.pk])).content.decode()
    assert 'data-testid="read-only"' in page
    assert 'data-testid="submit-sheet"' not in page


def test_evidence_is_downloaded_as_an_attachment_and_only_by_readers_of_the_sheet(
    self_sheet: Assessment, unit: Unit
) -> None:
    officer = client_of(staff_of(unit, Role.UNIT_OFFICER))
    criterion = self_sheet.scale.criteria.get(code="1.1")
    url = reverse("scoring:evidence_upload", args=[self_sheet.pk, criterion.pk])
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf")
    html = officer.post(url, {"file": fake}, headers=HTMX).content.decode()
    assert "không khớp" in _section(html, "1.1")
    assert not Score.objects.filter(assessment=self_sheet).exists()  # no empty score left behind
    assert not Evidence.objects.filter(score__assessment=self_sheet).exists()

    good = SimpleUploadedFile("bien-ban.pdf", PDF)
    officer.post(url, {"file": good}, headers=HTMX)
    evidence = Evidence.objects.get(score__assessment=self_sheet)
    download = reverse("scoring:evidence", args=[evidence.pk])
    response = officer.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "bien-ban.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert client_for("canbo.daklak").get(download).status_code == 404
    other = plain_members(self_sheet.plan.term)[1]
    assert client_of(staff_of(other, Role.UNIT_OFFICER)).get(download).status_code == 404
    assert client_of(staff_of(head_of(self_sheet.plan.term))).get(download).status_code == 200


def test_the_head_returns_a_submitted_sheet_only_with_a_reason(
    self_sheet: Assessment, unit: Unit
) -> None:
    officer = client_of(staff_of(unit, Role.UNIT_OFFICER))
    _fill_all(officer, self_sheet)
    score = Score.objects.get(assessment=self_sheet, criterion__code="1.1")
    Evidence.objects.create(score=score, file=stored_file_create(name="a.pdf", content=PDF))
    assessment_submit(actor=staff_of(unit), assessment=self_sheet)
    head = client_of(staff_of(head_of(self_sheet.plan.term)))
    board = head.get(reverse("scoring:plan", args=[self_sheet.plan_id])).content.decode()
    assert 'data-testid="all-sheets"' in board
    assert "Trả lại" in board
    url = reverse("scoring:sheet_return", args=[self_sheet.pk])
    assert officer.post(url, {"reason": "Tự trả"}).status_code == 403
    head.post(url, {"reason": "  "})
    self_sheet.refresh_from_db()
    assert self_sheet.status == AssessmentStatus.SUBMITTED
    head.post(url, {"reason": "Thiếu minh chứng tiêu chí 2.3"})
    self_sheet.refresh_from_db()
    assert self_sheet.status == AssessmentStatus.RETURNED
    page = officer.get(reverse("scoring:sheet", args=[self_sheet.pk])).content.decode()
    assert "Thiếu minh chứng tiêu chí 2.3" in page
    assert "Đã lưu" in _section(_save(officer, self_sheet, "2.3", value="100"), "2.3")


def _peer_sheets(plan: Plan, assessors: list[Unit]) -> None:
    for assessor in assessors:
        for assessed in members_of(plan.term):
            if assessed != assessor:
                sheet = assessment_open(
                    actor=staff_of(assessor, Role.UNIT_OFFICER),
                    plan=plan,
                    unit=assessed,
                    stage="peer",
                    assessor=assessor,
                )
                assessment_fill(
                    actor=staff_of(assessor), assessment=sheet, marks={"2.1": Mark(points=D(10))}
                )


def _queries_of(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_head_sheet_list_runs_a_fixed_number_of_queries(
    plan: Plan, django_assert_max_num_queries: object
) -> None:
    plan = peers_score_everyone(advance_to(plan, PlanStage.PEER_ASSESSMENT))
    head = client_of(staff_of(head_of(plan.term)))
    url = reverse("scoring:plan", args=[plan.pk])
    units = members_of(plan.term)
    _peer_sheets(plan, units[:1])
    few, _html = _queries_of(head, url)
    _peer_sheets(plan, units[1:4])
    many, html = _queries_of(head, url)
    assert many == few
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        head.get(url)
    assert html.count('data-testid="status">Đang chấm') == 4 * (len(units) - 1)
