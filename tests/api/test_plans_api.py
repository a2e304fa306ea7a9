"""API v1 on plans, scales and registrations: the same policy as the pages, per persona."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.builders.clusters import board, head_of, members_of, term
from tests.builders.people import client_for, persona, staff_of
from tests.builders.plans import small_plan
from tests.builders.reports import catalogue
from thidua.accounts.models import Role
from thidua.accounts.services import api_token_create
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans.models import Plan, PlanStage, Registration, RegistrationStatus
from thidua.plans.services.plan import deadline_set
from thidua.plans.services.registration import registration_save
from thidua.plans.services.scale import scale_revise

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _plan() -> Plan:
    return small_plan(term(4, 2018))


def test_anonymous_requests_get_401() -> None:
    plan = _plan()
    anonymous = Client()
    for url in [
        "/api/v1/plans",
        f"/api/v1/plans/{plan.pk}",
        f"/api/v1/plans/{plan.pk}/scale",
        f"/api/v1/plans/{plan.pk}/registrations",
        f"/api/v1/plans/{plan.pk}/assessments",
        f"/api/v1/plans/{plan.pk}/results",
    ]:
        response = anonymous.get(url)
        assert response.status_code == 401, url
        assert response.json()["detail"] == "Vui lòng đăng nhập."
    unit = board("80-63")
    put = anonymous.put(
        f"/api/v1/plans/{plan.pk}/registrations/{unit.pk}", {"titles": []}, content_type=JSON
    )
    assert put.status_code == 401
    assert not Registration.objects.filter(plan=plan).exists()


def test_plans_are_listed_by_year_with_their_cluster() -> None:
    plan = _plan()
    rows = client_for("canbo.daklak").get("/api/v1/plans", {"year": 2018}).json()
    row = next(r for r in rows if r["id"] == plan.pk)
    assert row == {
        "id": plan.pk,
        "title": "Kế hoạch thi đua cụm 4 năm 2018",
        "year": 2018,
        "cluster_number": 4,
        "term_id": plan.term_id,
        "stage": "registration",
    }
    assert {r["year"] for r in rows} == {2018}
    assert client_for("canbo.daklak").get("/api/v1/plans", {"year": "hai"}).status_code == 422


def test_plan_detail_carries_configuration_tasks_deadlines_and_versions() -> None:
    plan = _plan()
    head = staff_of(head_of(plan.term))
    due = dt.datetime(2018, 3, 31, 10, 0, tzinfo=dt.UTC)
    deadline_set(
        actor=head, plan=plan, stage=PlanStage.REGISTRATION, due=due, reason="Hạn năm 2018"
    )
    scale_revise(actor=head, scale=plan.scales.get(), reason="Bổ sung tiêu chí")
    data = client_for("canbo.longan").get(f"/api/v1/plans/{plan.pk}").json()
    assert data["basis"] == ["Kết luận số 03-KL/BTCTW ngày 16-3-2017"]
    assert data["configuration"]["assessor_stages"] == ["self", "peer"]
    assert data["configuration"]["dispute_threshold"] == "1.00"
    assert data["task_groups"] == [
        {"number": 1, "title": "Công tác tổ chức, cán bộ"},
        {"number": 2, "title": "Công tác đảng viên"},
    ]
    assert [d["stage"] for d in data["deadlines"]] == ["registration"]
    assert dt.datetime.fromisoformat(data["deadlines"][0]["due"]) == due
    assert [(s["version"], s["frozen_at"] is None) for s in data["scales"]] == [
        (1, False),
        (2, True),
    ]
    assert data["scales"][1]["reason"] == "Bổ sung tiêu chí"
    assert client_for("canbo.longan").get("/api/v1/plans/999999").status_code == 404


def test_scale_is_a_nested_tree_with_amounts_as_strings() -> None:
    catalogue()
    plan = small_plan(term(4, 2018), links={"1.2": "new_party_members_admitted"})
    data = client_for("canbo.daklak").get(f"/api/v1/plans/{plan.pk}/scale").json()
    assert (data["version"], data["maximum"]) == (1, "100.00")
    assert data["caps"] == {"bonus": "5.00", "penalty": "5.00"}
    assert data["frozen_at"] is not None
    tree = {c["code"]: c for c in data["criteria"]}
    assert list(tree) == ["1", "2", "T.1", "K.1"]
    assert [c["code"] for c in tree["1"]["children"]] == ["1.1", "1.2"]
    first = tree["1"]["children"][0]
    assert first == {
        "code": "1.1",
        "title": "Tham mưu đề án",
        "kind": "manual",
        "section": "base",
        "maximum": "30.00",
        "step": "0.25",
        "lower_is_better": False,
        "bands": [],
        "per_event": "0.00",
        "evidence_required": True,
        "evidence_hint": "",
        "task_group": None,
        "indicator_code": "",
        "children": [],
    }
    assert tree["1"]["task_group"] == 1
    assert tree["1"]["children"][1]["indicator_code"] == "new_party_members_admitted"
    assert tree["K.1"]["section"] == "penalty"
    assert tree["K.1"]["per_event"] == "5.00"
    missing = client_for("canbo.daklak").get(f"/api/v1/plans/{plan.pk}/scale", {"version": 7})
    assert missing.status_code == 404


def _register(client: Client, plan: Plan, unit_id: int, body: dict[str, Any]) -> Any:
    return client.put(f"/api/v1/plans/{plan.pk}/registrations/{unit_id}", body, content_type=JSON)


def _plain_member() -> Unit:
    """A member of cluster 4 in 2018 that is neither head nor deputy: no head powers."""
    memberships = term(4, 2018).memberships.select_related("unit").order_by("unit__code")
    return next(m.unit for m in memberships if m.role == OfficerRole.MEMBER)


def test_a_member_registers_targets_by_code_and_sees_only_its_own() -> None:
    plan = _plan()
    member, long_an = _plain_member(), board("80-63")
    officer = Client()
    officer.force_login(staff_of(member, Role.UNIT_OFFICER))
    body = {"titles": ["emulation_flag"], "targets": {"1.2": "20"}, "note": "Phấn đấu"}
    response = _register(officer, plan, member.pk, body)
    assert response.status_code == 200, response.json()
    saved = response.json()
    assert saved["unit"] == {"id": member.pk, "code": member.code, "name": member.name}
    assert (saved["status"], saved["titles"], saved["note"]) == (
        "draft",
        ["emulation_flag"],
        "Phấn đấu",
    )
    assert saved["targets"] == {"1.2": "20.00"}
    _register(client_for("canbo.longan"), plan, long_an.pk, {"titles": []})

    url = f"/api/v1/plans/{plan.pk}/registrations"
    assert [r["unit"]["code"] for r in officer.get(url).json()] == [member.code]
    everything = {member.code, long_an.code}
    assert {r["unit"]["code"] for r in client_for("thuongtruc").get(url).json()} == everything
    # The head and the deputies (Long An) hold the cluster's head powers.
    assert {r["unit"]["code"] for r in client_for("canbo.binhduong").get(url).json()} == everything
    assert {r["unit"]["code"] for r in client_for("canbo.longan").get(url).json()} == everything


def test_a_board_outside_the_cluster_is_refused_registrations() -> None:
    plan = _plan()
    long_an = board("80-63")
    _register(client_for("canbo.longan"), plan, long_an.pk, {"targets": {"1.2": "20"}})
    outsider = client_for("canbo.daklak")
    listed = outsider.get(f"/api/v1/plans/{plan.pk}/registrations")
    assert listed.status_code == 403
    assert listed.json()["detail"]
    response = _register(outsider, plan, long_an.pk, {"targets": {"1.2": "99"}})
    assert response.status_code == 403
    submitted = outsider.post(f"/api/v1/plans/{plan.pk}/registrations/{long_an.pk}/submit")
    assert submitted.status_code == 403
    registration = Registration.objects.get(plan=plan, unit=long_an)
    assert registration.items.get().target == Decimal(20)
    assert registration.status == RegistrationStatus.DRAFT


def test_a_bad_registration_lists_every_problem_and_saves_nothing() -> None:
    plan = _plan()
    long_an = board("80-63")
    client = client_for("canbo.longan")
    unknown = _register(client, plan, long_an.pk, {"targets": {"9.9": "5", "1.2": "5"}})
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [
        {"field": "targets.9.9", "message": "Tiêu chí “9.9” không có trong thang điểm."}
    ]
    bad = _register(client, plan, long_an.pk, {"titles": ["huy_chuong"], "targets": {"1.2": "0"}})
    assert bad.status_code == 400
    fields = {e["field"] for e in bad.json()["errors"]}
    assert fields == {"titles", "targets.1.2"}
    assert bad.json()["detail"] == "Đăng ký chưa hợp lệ."
    assert not Registration.objects.filter(plan=plan).exists()
    text = _register(client, plan, long_an.pk, {"targets": {"1.2": "hai mươi"}})
    assert text.status_code == 422


def test_only_the_leader_submits_a_registration() -> None:
    plan = _plan()
    long_an = board("80-63")
    _register(client_for("canbo.longan"), plan, long_an.pk, {"targets": {"1.2": "20"}})
    url = f"/api/v1/plans/{plan.pk}/registrations/{long_an.pk}/submit"
    assert client_for("canbo.longan").post(url).status_code == 403
    leader = Client()
    leader.force_login(staff_of(long_an))
    response = leader.post(url)
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    again = _register(leader, plan, long_an.pk, {"targets": {"1.2": "30"}})
    assert again.status_code == 400
    assert Registration.objects.get(plan=plan, unit=long_an).items.get().target == Decimal(20)
    missing = client_for("canbo.longan").post(
        f"/api/v1/plans/{plan.pk}/registrations/{board('74-63').pk}/submit"
    )
    assert missing.status_code == 404


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_scale_and_registration_lists_take_a_fixed_number_of_queries() -> None:
    plan = _plan()
    members = members_of(plan.term)
    urls = [f"/api/v1/plans/{plan.pk}/registrations", f"/api/v1/plans/{plan.pk}/scale"]
    counts = []
    for size in (2, len(members)):
        for unit in members[:size]:
            staff = staff_of(unit, Role.UNIT_OFFICER)
            registration_save(actor=staff, plan=plan, unit=unit, titles=[], targets={})
        counts.append(
            [
                _queries(client_for(name), url)
                for name in ("thuongtruc", "canbo.longan")
                for url in urls
            ]
        )
    assert counts[0] == counts[1]
    assert max(counts[1]) <= 12


def test_a_bearer_token_works_like_the_session() -> None:
    plan = _plan()
    _token, key = api_token_create(actor=None, user=persona("canbo.longan"), name="tích hợp")
    headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    client = Client()
    long_an = board("80-63")
    response = client.put(
        f"/api/v1/plans/{plan.pk}/registrations/{long_an.pk}",
        {"targets": {"1.2": "12.5"}},
        content_type=JSON,
        **headers,
    )
    assert response.status_code == 200
    listed = client.get(f"/api/v1/plans/{plan.pk}/registrations", **headers)
    assert [r["targets"] for r in listed.json()] == [{"1.2": "12.50"}]
    wrong: dict[str, Any] = {"HTTP_AUTHORIZATION": "Bearer sai"}
    assert client.get(f"/api/v1/plans/{plan.pk}", **wrong).status_code == 401


def test_openapi_renders_every_plan_and_scoring_path() -> None:
    response = client_for("canbo.longan").get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert {
        "/api/v1/plans",
        "/api/v1/plans/{plan_id}",
        "/api/v1/plans/{plan_id}/scale",
        "/api/v1/plans/{plan_id}/registrations",
        "/api/v1/plans/{plan_id}/registrations/{unit_id}",
        "/api/v1/plans/{plan_id}/registrations/{unit_id}/submit",
        "/api/v1/plans/{plan_id}/assessments",
        "/api/v1/assessments/{assessment_id}",
        "/api/v1/assessments/{assessment_id}/scores",
        "/api/v1/assessments/{assessment_id}/submit",
        "/api/v1/plans/{plan_id}/results",
        "/api/v1/plans/{plan_id}/export",
        "/api/v1/plans/import",
    } <= set(schema["paths"])
    results = schema["components"]["schemas"]["BreakdownOut"]["properties"]
    assert "hai chữ số" in results["points"]["description"]
