"""The rule book's API through the test client: instruments, the rules in force on a date,
and a rule tried on a case, with its errors in Vietnamese (or English when chosen)."""

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.builders.people import client_for

pytestmark = pytest.mark.django_db
API = "/api/v1/rulebook"
QUOTA = "government_flag_quota"


def _evaluate(body: dict[str, Any], client: Client | None = None) -> Any:
    client = client or client_for("canbo.daklak")
    return client.post(f"{API}/evaluate", json.dumps(body), content_type="application/json")


def test_nobody_signed_out_reads_the_rule_book(rulebook: None) -> None:
    anonymous = Client()
    for answer in (
        anonymous.get(f"{API}/instruments"),
        anonymous.get(f"{API}/rules"),
        _evaluate({"rule": QUOTA, "facts": {}}, anonymous),
    ):
        assert answer.status_code == 401
        assert answer.json() == {"detail": "Vui lòng đăng nhập."}


def test_instruments_come_with_their_rules_and_citations(rulebook: None) -> None:
    answer = client_for("nguoingoai").get(f"{API}/instruments")
    assert answer.status_code == 200
    by_number = {i["number"]: i for i in answer.json()}
    law = by_number["06/2022/QH15"]
    assert law["effective_from"] == "2024-01-01"
    assert law["replaces"] == "15/2003/QH11"
    keys = {r["key"] for r in law["rules"]}
    assert "ministry_certificate.consecutive_base_fighter_titles" in keys
    rule = next(r for r in law["rules"] if r["key"] == "pm_certificate.consecutive_good_years")
    assert rule["citation"] == "Điều 73 khoản 1 điểm b Luật 06/2022/QH15"
    assert rule["value"] == 5
    assert rule["confidence"] == "confirmed"


def test_the_rules_in_force_follow_the_date_asked(rulebook: None) -> None:
    client = client_for("canbo.daklak")
    before = {r["key"]: r for r in client.get(f"{API}/rules", {"on": "2023-12-31"}).json()}
    after = {r["key"]: r for r in client.get(f"{API}/rules", {"on": "2024-01-01"}).json()}
    key = "base_emulation_fighter.initiative_required"
    assert before[key]["value"] is True
    assert after[key]["value"] is False
    assert "government_flag.max_share_of_cluster_leaders" not in before
    assert after["government_flag.max_share_of_cluster_leaders"]["value"] == "0.20"
    assert after["base_salary"] == before["base_salary"]
    assert after["base_salary"]["value"] == 1_800_000


def test_a_bad_date_is_refused_with_422(rulebook: None) -> None:
    answer = client_for("canbo.daklak").get(f"{API}/rules", {"on": "31/12/2023"})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "on"


def test_evaluate_refuses_a_fourth_flag_for_fifteen_leaders(rulebook: None) -> None:
    body = {"rule": QUOTA, "facts": {"cluster_leaders": 15, "proposals": 4}, "on": "2025-12-01"}
    answer = _evaluate(body)
    assert answer.status_code == 200
    verdict = answer.json()
    assert verdict["outcome"] == "refused"
    assert verdict["citation"] == "Công văn 5007/BNV-TĐKT"
    assert any("tối đa 3" in line["text"] for line in verdict["explanation"])
    assert verdict["explanation"][-1]["met"] is False
    assert set(verdict["explanation"][-1]) == {"text", "met", "citation", "facts"}
    assert verdict["rules_used"][0]["confidence"] == "confirmed"
    body["facts"] = {"cluster_leaders": 15, "proposals": 3}
    assert _evaluate(body).json()["outcome"] == "allowed"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"rule": "khong_co", "facts": {}}, ["rule"]),
        (
            {"rule": QUOTA, "facts": {"cluster_leaders": -1, "proposals": "2"}},
            ["facts.cluster_leaders", "facts.proposals"],
        ),
        ({"rule": QUOTA, "facts": {"cluster_leaders": 3, "proposals": 4}}, ["facts.proposals"]),
        (
            {"rule": QUOTA, "facts": {"cluster_leaders": 15, "proposals": 3}, "on": "2023-01-01"},
            ["on"],
        ),
    ],
)
def test_evaluate_refuses_facts_it_cannot_use_with_400_in_vietnamese(
    rulebook: None, body: dict[str, Any], fields: list[str]
) -> None:
    """Schema-valid (any facts object, any rule name), refused by the API's own rules: 400."""
    answer = _evaluate(body)
    assert answer.status_code == 400
    payload = answer.json()
    assert payload["detail"] == "Không áp dụng được quy tắc với dữ kiện đã cho."
    assert sorted(e["field"] for e in payload["errors"]) == fields


def test_a_body_that_is_no_object_is_refused_with_422(rulebook: None) -> None:
    answer = _evaluate({"rule": QUOTA, "facts": [15, 3]})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "Tham số không hợp lệ."


def test_the_explanation_speaks_english_when_the_reader_chose_it(rulebook: None) -> None:
    client = client_for("canbo.daklak")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = {"rule": QUOTA, "facts": {"cluster_leaders": 15, "proposals": 4}, "on": "2025-12-01"}
    verdict = _evaluate(body, client).json()
    assert "at most 3" in verdict["explanation"][1]["text"]
    assert verdict["citation"] == "Công văn 5007/BNV-TĐKT"  # legal names stay Vietnamese


def test_every_route_declares_its_error_answers() -> None:
    schema = client_for("canbo.daklak").get("/api/v1/openapi.json").json()
    for path in ("/api/v1/rulebook/instruments", "/api/v1/rulebook/rules"):
        assert {"200", "400", "401", "403"} <= set(schema["paths"][path]["get"]["responses"])
    evaluate = schema["paths"]["/api/v1/rulebook/evaluate"]["post"]["responses"]
    assert {"200", "400", "401", "403", "422"} <= set(evaluate)
