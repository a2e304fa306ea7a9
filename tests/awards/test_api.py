"""The awards API through the test client: the catalogue, and eligibility of a submitted case,
explained condition by condition; who may ask; bad input answered in Vietnamese."""

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.builders.clusters import board
from tests.builders.people import client_for

pytestmark = pytest.mark.django_db
API = "/api/v1/awards"
CSTDCS = "base_emulation_fighter"
WORKED = {
    "subject": {"kind": "individual"},
    "history": {
        "2023": {"rating": "excellent", "initiatives": 1},
        "2024": {"rating": "excellent", "initiatives": 1, "titles": [CSTDCS]},
    },
    "award": "commission_certificate",
    "judged_on": "2025-01-15",
}


def _ask(body: dict[str, Any], client: Client | None = None) -> Any:
    client = client or client_for("canbo.longan")
    return client.post(f"{API}/eligibility", json.dumps(body), content_type="application/json")


def test_nobody_signed_out_asks(rulebook: None) -> None:
    anonymous = Client()
    for answer in (anonymous.get(f"{API}/catalogue"), _ask(WORKED, anonymous)):
        assert answer.status_code == 401
        assert answer.json() == {"detail": "Vui lòng đăng nhập."}


def test_every_signed_in_persona_reads_the_catalogue(rulebook: None) -> None:
    for name in ("nguoingoai", "theodoi", "canbo.daklak", "thuongtruc"):
        answer = client_for(name).get(f"{API}/catalogue")
        assert answer.status_code == 200, name
    by_code = {a["code"]: a for a in answer.json()}
    assert by_code["commission_flag"]["name"] == "Cờ thi đua của Ban Tổ chức Trung ương"
    assert by_code["commission_flag"]["level"] == "ministry"
    assert by_code["commission_flag"]["configurable"] is True
    assert by_code["commission_certificate"]["subjects"] == ["individual", "collective"]
    assert by_code["pm_certificate"]["level"] == "government"
    assert {"advanced_worker", CSTDCS, "collective_excellent", "government_flag"} <= set(by_code)
    assert len(by_code) == 11


def test_the_worked_example_is_eligible_with_its_reasons(rulebook: None) -> None:
    answer = _ask(WORKED, client_for("nguoingoai"))
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert body["result"] == "eligible"
    assert body["citation"] == "Điều 74 khoản 1 điểm d Luật 06/2022/QH15"
    refused = [c for c in body["conditions"] if c["met"] is False]
    assert refused == [
        {
            "text": "Nhánh 1: cần 2 lần liên tục Chiến sĩ thi đua cơ sở; năm 2023 không đạt.",
            "met": False,
            "citation": "Điều 74 khoản 1 điểm d Luật 06/2022/QH15",
            "facts": {"2023": 0, "2024": 1},
        }
    ]


def test_not_eligible_and_cannot_tell(rulebook: None) -> None:
    weak = {**WORKED, "history": {"2023": {"rating": "good"}, "2024": {"rating": "excellent"}}}
    assert _ask(weak).json()["result"] == "not_eligible"
    unknown = {**WORKED, "history": {"2024": {"rating": "excellent", "initiatives": 2}}}
    assert _ask(unknown).json()["result"] == "cannot_tell"
    pending = {**WORKED, "pending": ["inspection"]}
    assert _ask(pending).json()["result"] == "not_eligible"


def test_a_dissolved_unit_is_judged_as_itself(rulebook: None) -> None:
    # Bình Dương's board ended with the 2025 merger: it can no longer be proposed.
    flag = {
        "history": {"2024": {"leads_cluster": True}},
        "award": "commission_flag",
        "judged_on": "2025-12-01",
    }
    gone = _ask({**flag, "subject": {"kind": "collective", "unit_id": board("74-63").pk}})
    assert gone.status_code == 200, gone.json()
    assert gone.json()["result"] == "not_eligible"
    assert any(
        c["citation"] == "Thông tư 15/2025/TT-BNV" and c["met"] is False
        for c in gone.json()["conditions"]
    )
    alive = _ask({**flag, "subject": {"kind": "collective", "unit_id": board("79").pk}})
    assert alive.json()["result"] == "eligible"


def test_bad_input_is_refused_in_vietnamese(rulebook: None) -> None:
    """What the document states (a rating's values) is a 422; what only the API's rules can
    judge (a year after the judging date, an award without conditions) is a 400."""
    later_year = {**WORKED, "history": {"2026": {"rating": "good"}}}
    answer = _ask(later_year)
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {"field": "history.2026", "message": "Năm 2026 sau ngày xét: chưa có thành tích để xét."}
    ]
    not_judged = _ask({**WORKED, "award": "collective_advanced"})
    assert not_judged.status_code == 400
    assert not_judged.json()["errors"][0]["field"] == "award"
    no_unit = _ask({**WORKED, "subject": {"kind": "collective", "unit_id": 987654}})
    assert no_unit.status_code == 400
    assert no_unit.json()["errors"][0]["field"] == "subject.unit_id"
    # The rule book starts on 2017-10-01 (Nghị định 91/2017/NĐ-CP): nothing to judge before.
    no_rule = _ask({**WORKED, "judged_on": "2017-06-01", "history": {"2017": {}}})
    assert no_rule.status_code == 400
    assert no_rule.json()["errors"][0]["field"] == "judged_on"
    bad_rating = _ask({**WORKED, "history": {"2024": {"rating": "great"}}})
    assert bad_rating.status_code == 422


def test_the_rule_book_tries_an_award_condition(rulebook: None) -> None:
    body = {
        "rule": "qualifies.commission_certificate",
        "facts": {"history": WORKED["history"]},
        "on": "2025-01-15",
    }
    answer = client_for("canbo.daklak").post(
        "/api/v1/rulebook/evaluate", json.dumps(body), content_type="application/json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["outcome"] == "eligible"
    bad = {**body, "facts": {"history": {"2024": {"rating": "great"}}, "cluster_leaders": 3}}
    refused = client_for("canbo.daklak").post(
        "/api/v1/rulebook/evaluate", json.dumps(bad), content_type="application/json"
    )
    assert refused.status_code == 400
    assert {e["field"] for e in refused.json()["errors"]} == {"facts.cluster_leaders"}


def test_the_try_page_offers_an_award_condition(rulebook: None) -> None:
    history = json.dumps(WORKED["history"])
    answer = client_for("canbo.binhduong").get(
        "/quy-dinh/thu-ap-dung/",
        {"rule": "qualifies.commission_certificate", "on": "2025-01-15", "fact_history": history},
    )
    assert answer.status_code == 200
    assert "Nhánh 2: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ" in answer.content.decode()


def test_the_conditions_speak_english_when_the_reader_chose_it(rulebook: None) -> None:
    client = client_for("canbo.daklak")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = {**WORKED, "award": "advanced_worker", "history": {"2024": {"rating": "completed"}}}
    answer = _ask(body, client).json()
    assert answer["result"] == "not_eligible"
    assert answer["conditions"][-1]["text"] == (
        "Advanced Worker: needs good task completion or better; 2024: tasks completed."
    )
    assert answer["conditions"][-1]["citation"] == "Điều 24 Luật 06/2022/QH15"


def test_every_route_declares_its_error_answers() -> None:
    schema = client_for("canbo.daklak").get("/api/v1/openapi.json").json()
    catalogue = schema["paths"]["/api/v1/awards/catalogue"]["get"]["responses"]
    assert {"200", "400", "401", "403"} <= set(catalogue)
    eligibility = schema["paths"]["/api/v1/awards/eligibility"]["post"]["responses"]
    assert {"200", "400", "401", "403", "422"} <= set(eligibility)
