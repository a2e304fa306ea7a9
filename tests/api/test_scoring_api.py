"""API v1 on score sheets and results: who may open, read, mark and submit which sheet."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tests.builders.clusters import board, head_of, term
from tests.builders.people import client_for, persona, staff_of
from tests.builders.plans import advance_to, peers_score_everyone, small_plan
from thidua.accounts.models import Role
from thidua.accounts.services import api_token_create
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services.plan import plan_advance
from thidua.scoring.models import Assessment, Score
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
    evidence_attach,
)
from thidua.scoring.services.round import explanation_open, plan_publish

pytestmark = pytest.mark.django_db

D = Decimal
JSON = "application/json"
PDF = b"%PDF-1.4 bien ban"


def _plan(stage: PlanStage = PlanStage.SELF_ASSESSMENT, **kwargs: Any) -> Plan:
    return advance_to(small_plan(term(4, 2018), **kwargs), stage)


def _open(client: Client, plan: Plan, unit: Unit, stage: str, assessor: Unit) -> Any:
    body = {"unit_id": unit.pk, "stage": stage, "assessor_id": assessor.pk}
    return client.post(f"/api/v1/plans/{plan.pk}/assessments", body, content_type=JSON)


def _mark(client: Client, sheet_id: int, marks: dict[str, dict[str, Any]]) -> Any:
    return client.put(f"/api/v1/assessments/{sheet_id}/scores", marks, content_type=JSON)


def _plain_member() -> Unit:
    """A member of cluster 4 in 2018 that is neither head nor deputy: no head powers."""
    memberships = term(4, 2018).memberships.select_related("unit").order_by("unit__code")
    return next(m.unit for m in memberships if m.role == OfficerRole.MEMBER)


def test_a_member_opens_and_marks_its_own_self_sheet() -> None:
    plan = _plan()
    long_an = board("80-63")
    client = client_for("canbo.longan")
    opened = _open(client, plan, long_an, "self", long_an)
    assert opened.status_code == 201, opened.json()
    sheet = opened.json()
    assert (sheet["stage"], sheet["status"], sheet["scale_version"]) == ("self", "draft", 1)
    assert (
        sheet["unit"]
        == sheet["assessor"]
        == {
            "id": long_an.pk,
            "code": long_an.code,
            "name": long_an.name,
        }
    )
    again = _open(client, plan, long_an, "self", long_an)
    assert (again.status_code, again.json()["id"]) == (200, sheet["id"])

    marks: dict[str, dict[str, Any]] = {
        "1.1": {"points": "25,5", "explanation": "Đã trình đề án"},
        "1.2": {"value": 18},
    }
    response = _mark(client, sheet["id"], marks)
    assert response.status_code == 200, response.json()
    assert response.json()["scores"] == {
        "1.1": {"points": "25.50", "value": None, "explanation": "Đã trình đề án", "evidence": []},
        "1.2": {"points": None, "value": "18.00", "explanation": "", "evidence": []},
    }
    read = client.get(f"/api/v1/assessments/{sheet['id']}").json()
    assert read["scores"]["1.1"]["points"] == "25.50"
    listed = client.get(f"/api/v1/plans/{plan.pk}/assessments").json()
    assert [s["id"] for s in listed] == [sheet["id"]]


def test_points_above_the_maximum_are_refused_by_code_and_nothing_is_saved() -> None:
    plan = _plan()
    long_an = board("80-63")
    client = client_for("canbo.longan")
    sheet_id = _open(client, plan, long_an, "self", long_an).json()["id"]
    _mark(client, sheet_id, {"1.1": {"points": 10}})
    before = Score.objects.filter(assessment_id=sheet_id).count()
    response = _mark(
        client, sheet_id, {"1.1": {"points": 31}, "2.1": {"points": 5}, "T.1": {"points": 1}}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Có điểm chưa hợp lệ, chưa lưu gì."
    assert {"field": "1.1", "message": "Điểm 31 vượt điểm tối đa 30."} in body["errors"]
    assert {e["field"] for e in body["errors"]} == {"1.1", "2.1"}
    assert Score.objects.filter(assessment_id=sheet_id).count() == before
    assert Score.objects.get(assessment_id=sheet_id, criterion__code="1.1").points == D(10)


def test_a_number_that_is_not_a_number_is_refused_with_the_others_and_nothing_is_saved() -> None:
    plan = _plan()
    long_an = board("80-63")
    client = client_for("canbo.longan")
    sheet_id = _open(client, plan, long_an, "self", long_an).json()["id"]
    response = _mark(
        client,
        sheet_id,
        {"1.1": {"points": "31"}, "1.2": {"value": "mười"}, "2.2": {"value": "1.125"}},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "1.1", "message": "Điểm 31 vượt điểm tối đa 30."},
        {"field": "1.2", "message": "“mười” không phải là số."},
        {"field": "2.2", "message": "Chỉ được nhập tối đa hai chữ số thập phân."},
    ]
    # The valid marks of a refused request are not kept either.
    refused = _mark(client, sheet_id, {"2.1": {"points": 10}, "1.2": {"value": "NaN"}})
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["1.2"]
    assert not Score.objects.filter(assessment_id=sheet_id).exists()


def test_a_board_outside_the_cluster_cannot_see_or_touch_a_sheet() -> None:
    plan = _plan()
    long_an = board("80-63")
    sheet_id = _open(client_for("canbo.longan"), plan, long_an, "self", long_an).json()["id"]
    outsider = client_for("canbo.daklak")
    assert outsider.get(f"/api/v1/assessments/{sheet_id}").status_code == 404
    assert _mark(outsider, sheet_id, {"1.1": {"points": 1}}).status_code == 404
    assert outsider.post(f"/api/v1/assessments/{sheet_id}/submit").status_code == 404
    assert outsider.get(f"/api/v1/plans/{plan.pk}/assessments").json() == []
    dak_lak = board("66-63")
    assert _open(outsider, plan, long_an, "self", long_an).status_code == 403
    assert _open(outsider, plan, dak_lak, "self", dak_lak).status_code == 403
    assert not Score.objects.filter(assessment_id=sheet_id).exists()
    assert Assessment.objects.filter(plan=plan).count() == 1


def test_a_peer_cannot_create_a_sheet_on_itself_nor_read_another_peers_marks() -> None:
    plan = peers_score_everyone(_plan(PlanStage.PEER_ASSESSMENT))
    long_an, binh_duong = board("80-63"), board("74-63")
    client = client_for("canbo.longan")
    itself = _open(client, plan, long_an, "peer", long_an)
    assert itself.status_code == 403
    assert itself.json()["detail"] == "Bạn không có quyền thực hiện thao tác này."
    assert not Assessment.objects.filter(plan=plan).exists()
    peer = _open(client, plan, binh_duong, "peer", long_an)
    assert peer.status_code == 201
    assert _mark(client, peer.json()["id"], {"1.1": {"points": 20}}).status_code == 200
    other = Client()
    other.force_login(staff_of(_plain_member(), Role.UNIT_OFFICER))
    assert other.get(f"/api/v1/assessments/{peer.json()['id']}").status_code == 404
    assert other.get(f"/api/v1/plans/{plan.pk}/assessments").json() == []
    # The head of the cluster follows every sheet.
    head = client_for("canbo.binhduong").get(f"/api/v1/assessments/{peer.json()['id']}")
    assert head.json()["scores"]["1.1"]["points"] == "20.00"


FULL: dict[str, dict[str, Any]] = {
    "1.1": {"points": "25.5"},
    "1.2": {"value": 18},
    "2.1": {"points": 10},
    "2.2": {"value": 1},
    "2.3": {"value": 12},
    "T.1": {"points": 2},
    "K.1": {"value": 0},
}


def test_only_the_leader_submits_with_required_evidence_and_the_sheet_then_locks() -> None:
    plan = _plan()
    long_an = board("80-63")
    client = client_for("canbo.longan")
    sheet_id = _open(client, plan, long_an, "self", long_an).json()["id"]
    assert _mark(client, sheet_id, FULL).status_code == 200
    url = f"/api/v1/assessments/{sheet_id}/submit"
    assert client.post(url).status_code == 403
    leader = Client()
    leader.force_login(staff_of(long_an))
    missing = leader.post(url)
    assert missing.status_code == 400
    assert missing.json()["errors"] == [
        {"field": "1.1", "message": "Tiêu chí này bắt buộc có minh chứng."}
    ]
    score = Score.objects.get(assessment_id=sheet_id, criterion__code="1.1")
    evidence_attach(actor=persona("canbo.longan"), score=score, name="de-an.pdf", content=PDF)
    submitted = leader.post(url)
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["scores"]["1.1"]["evidence"][0]["name"] == "de-an.pdf"
    late = _mark(client, sheet_id, {"1.1": {"points": 30}})
    assert late.status_code == 400
    assert late.json()["detail"] == "Phiếu chấm đã gửi, không sửa được nữa."
    assert Score.objects.get(pk=score.pk).points == D("25.5")


def test_a_bearer_token_marks_a_sheet_like_the_session() -> None:
    plan = _plan()
    long_an = board("80-63")
    _token, key = api_token_create(actor=None, user=persona("canbo.longan"), name="phần mềm")
    headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    client = Client()
    body = {"unit_id": long_an.pk, "stage": "self", "assessor_id": long_an.pk}
    url = f"/api/v1/plans/{plan.pk}/assessments"
    opened = client.post(url, body, content_type=JSON, **headers)
    assert opened.status_code == 201
    sheet_url = f"/api/v1/assessments/{opened.json()['id']}/scores"
    marked = client.put(sheet_url, {"2.1": {"points": 10}}, content_type=JSON, **headers)
    assert marked.json()["scores"]["2.1"]["points"] == "10.00"
    assert Client().put(sheet_url, {"2.1": {"points": 0}}, content_type=JSON).status_code == 401


def _submitted_self_sheet(plan: Plan, unit: Unit, points: str) -> None:
    officer, leader = staff_of(unit, Role.UNIT_OFFICER), staff_of(unit)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    marks = {
        code: Mark(
            points=D(str(m["points"])) if "points" in m else None,
            value=D(str(m["value"])) if "value" in m else None,
        )
        for code, m in FULL.items()
    }
    marks["1.1"] = Mark(points=D(points))
    assessment_fill(actor=officer, assessment=sheet, marks=marks)
    score = sheet.scores.get(criterion__code="1.1")
    evidence_attach(actor=officer, score=score, name="de-an.pdf", content=PDF)
    assessment_submit(actor=leader, assessment=sheet)


def test_results_are_empty_before_publication_and_ranked_after() -> None:
    plan = _plan(stages=("self",))
    long_an, binh_duong = board("80-63"), board("74-63")
    _submitted_self_sheet(plan, binh_duong, "28")
    _submitted_self_sheet(plan, long_an, "20.25")
    url = f"/api/v1/plans/{plan.pk}/results"
    assert client_for("canbo.daklak").get(url).json() == {"published": False, "ranking": []}

    head = staff_of(head_of(term(4, 2018)))
    plan = plan_advance(actor=head, plan=plan)
    explanation_open(actor=head, plan=plan)
    plan_publish(actor=head, plan=Plan.objects.get(pk=plan.pk))

    data = client_for("canbo.daklak").get(url).json()
    assert data["published"] is True
    ranking = data["ranking"]
    assert len(ranking) == 11
    first, second = ranking[0], ranking[1]
    assert set(first) == {"unit", "rank", "total", "tied_with", "breakdown"}
    assert first["unit"] == {"id": binh_duong.pk, "code": binh_duong.code, "name": binh_duong.name}
    assert (first["rank"], second["rank"], second["unit"]["id"]) == (1, 2, long_an.pk)
    assert set(first["breakdown"]) == {"base", "bonus", "penalty", "points"}
    assert first["breakdown"]["points"]["1.1"] == "28.00"
    assert second["breakdown"]["points"]["1.1"] == "20.25"
    assert first["breakdown"]["bonus"] == "2.00"
    assert D(first["total"]) - D(second["total"]) == D("7.75")
    assert first["total"].split(".")[1].isdigit()
    assert len(first["total"].split(".")[1]) == 2
    rest = ranking[2:]
    assert {r["rank"] for r in rest} == {3}
    tied = {r["unit"]["id"] for r in rest}
    assert all(set(r["tied_with"]) == tied - {r["unit"]["id"]} for r in rest)
    assert first["tied_with"] == []
