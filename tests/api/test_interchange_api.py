"""API v1 export and import of the plan interchange document."""

from typing import Any

import pytest

from tests.builders.clusters import board, term
from tests.builders.people import client_for, persona
from tests.builders.plans import small_plan
from thidua.plans.models import Criterion, Plan, Registration
from thidua.plans.services.registration import registration_save

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _import(username: str, term_id: int, document: Any, mode: str = "scale") -> Any:
    url = f"/api/v1/plans/import?term_id={term_id}&mode={mode}"
    return client_for(username).post(url, document, content_type=JSON)


def _criteria(plan_id: int) -> list[tuple[str, str, str, str]]:
    rows = Criterion.objects.filter(scale__plan_id=plan_id).order_by("position", "id")
    return [(c.code, c.title, c.kind, f"{c.maximum:.2f}") for c in rows]


def test_an_exported_plan_imports_again_as_a_draft_scale_or_as_a_whole_year() -> None:
    plan = small_plan(term(4, 2018))
    long_an = board("80-63")
    registration_save(
        actor=persona("canbo.longan"), plan=plan, unit=long_an, titles=[], targets={}, note="Ghi"
    )
    exported = client_for("canbo.binhduong").get(f"/api/v1/plans/{plan.pk}/export")
    assert exported.status_code == 200
    document = exported.json()
    assert document["format"] == "thidua.plan"
    target = term(4, 2018)
    response = _import("canbo.binhduong", target.pk, document)
    assert response.status_code == 201, response.json()
    created = Plan.objects.get(pk=response.json()["id"])
    assert (created.term_id, created.stage) == (target.pk, "draft")
    assert _criteria(created.pk) == _criteria(plan.pk)
    assert not Registration.objects.filter(plan=created).exists()
    tree = client_for("canbo.longan").get(f"/api/v1/plans/{created.pk}/scale").json()
    assert [c["code"] for c in tree["criteria"]] == ["1", "2", "T.1", "K.1"]

    whole = _import("thuongtruc", target.pk, document, "full")
    assert whole.status_code == 201, whole.json()
    archived = Plan.objects.get(pk=whole.json()["id"])
    assert archived.stage == plan.stage
    assert Registration.objects.get(plan=archived).note == "Ghi"


def test_a_bad_document_lists_every_problem_and_creates_no_plan() -> None:
    plan = small_plan(term(4, 2018))
    document = client_for("canbo.binhduong").get(f"/api/v1/plans/{plan.pk}/export").json()
    document["plan"]["title"] = ""
    criteria = document["scales"][0]["criteria"]
    criteria[1]["maximum"] = "ba mươi"
    criteria[2]["kind"] = "bat_ky"
    before = Plan.objects.count()
    response = _import("canbo.binhduong", term(4, 2018).pk, document)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    fields = {e["field"] for e in body["errors"]}
    assert {"plan.title", "scales[0].criteria[1].maximum", "scales[0].criteria[2].kind"} <= fields
    assert all(e["message"] for e in body["errors"])
    wrong_format = _import("canbo.binhduong", term(4, 2018).pk, {**document, "format": "xlsx"})
    assert wrong_format.status_code == 400
    assert "format" in {e["field"] for e in wrong_format.json()["errors"]}
    assert Plan.objects.count() == before
    not_json = client_for("canbo.binhduong").post(
        f"/api/v1/plans/import?term_id={term(4, 2018).pk}", "[1, 2]", content_type=JSON
    )
    assert not_json.status_code in {400, 422}
    assert Plan.objects.count() == before


def test_import_and_export_follow_the_policy() -> None:
    plan = small_plan(term(4, 2018))
    document = client_for("canbo.binhduong").get(f"/api/v1/plans/{plan.pk}/export").json()
    before = Plan.objects.count()
    assert client_for("canbo.daklak").get(f"/api/v1/plans/{plan.pk}/export").status_code == 403
    assert _import("canbo.daklak", term(4, 2018).pk, document).status_code == 403
    # Recreating a whole year belongs to the secretariat, not to the cluster's head.
    assert _import("canbo.binhduong", term(4, 2018).pk, document, "full").status_code == 403
    assert _import("canbo.binhduong", term(4, 2018).pk, document, "all").status_code == 422
    assert _import("canbo.binhduong", 999999, document).status_code == 404
    assert Plan.objects.count() == before
