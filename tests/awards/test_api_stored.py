"""The eligibility of a stored person or unit through the API: judged from their records and
grants as the stored history gives them, answered like ``POST /awards/eligibility``; who may
not ask; an unknown id, an award the engine cannot judge, a bad date."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.awards.records_world import revoke, staff_member, two_titles_in_a_row, worked_example
from tests.builders.people import client_for, persona
from tests.builders.reports import binh_duong
from thidua.awards.services.records import achievement_year_set, pending_open
from thidua.awards.services.records.years import YearFacts

pytestmark = pytest.mark.django_db

CERTIFICATE = "commission_certificate"


def _person(person_id: int, award: str = CERTIFICATE, on: str = "2025-01-15", **kw: Any) -> Any:
    client: Client = kw.get("client") or client_for("canbo.binhduong")
    return client.get(f"/api/v1/people/{person_id}/eligibility", {"award": award, "on": on})


def test_the_worked_example_stored_is_eligible(rulebook: None) -> None:
    person = staff_member()
    worked_example(person)
    answer = _person(person.pk)
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert (body["award"], body["judged_on"], body["result"]) == (
        CERTIFICATE,
        "2025-01-15",
        "eligible",
    )
    assert all({"text", "met", "citation", "facts"} <= set(c) for c in body["conditions"])
    assert any("Nhánh 2" in c["text"] and c["met"] for c in body["conditions"])


def test_the_same_answer_as_the_submitted_case(rulebook: None) -> None:
    person = staff_member()
    worked_example(person)
    submitted = client_for("canbo.binhduong").post(
        "/api/v1/awards/eligibility",
        {
            "subject": {"kind": "individual"},
            "history": {
                "2023": {"rating": "excellent", "initiatives": 1},
                "2024": {
                    "rating": "excellent",
                    "initiatives": 1,
                    "titles": ["base_emulation_fighter"],
                },
            },
            "award": CERTIFICATE,
            "judged_on": "2025-01-15",
        },
        content_type="application/json",
    )
    assert _person(person.pk).json() == submitted.json()


def test_a_revoked_grant_no_longer_counts(rulebook: None) -> None:
    person = staff_member()
    grants = two_titles_in_a_row(person)
    assert _person(person.pk).json()["result"] == "eligible"
    revoke(grants[0], dt.date(2025, 1, 10))
    answer = _person(person.pk).json()
    assert answer["result"] == "not_eligible"
    # Asked as of a day before the revocation, the grant still counted then.
    assert _person(person.pk, on="2025-01-09").json()["result"] == "eligible"


def test_a_pending_matter_bars_the_award(rulebook: None) -> None:
    person = staff_member()
    worked_example(person)
    pending_open(
        actor=persona("thuongtruc"),
        person=person,
        kind="inspection",
        opened_on=dt.date(2025, 1, 2),
    )
    assert _person(person.pk).json()["result"] == "not_eligible"


def test_a_unit_is_judged_from_its_collective_records(rulebook: None) -> None:
    board = binh_duong()
    achievement_year_set(
        actor=persona("thuongtruc"),
        unit=board,
        year=2024,
        facts=YearFacts(
            "excellent", members=10, members_completed=10, members_ldtt=8, members_cstdcs=1
        ),
    )
    client = client_for("canbo.binhduong")
    url = f"/api/v1/units/{board.pk}/eligibility"
    answer = client.get(url, {"award": "collective_excellent", "on": "2025-01-15"})
    assert answer.status_code == 200, answer.json()
    assert answer.json()["result"] == "eligible"
    refused = client.get(
        url, {"award": CERTIFICATE.replace("commission", "pm"), "on": "2025-01-15"}
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "award"
    assert client_for("canbo.daklak").get(url, {"award": "collective_excellent"}).status_code == 403


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai"])
def test_who_may_not_read_the_records_is_refused(username: str, rulebook: None) -> None:
    person = staff_member()
    worked_example(person)
    answer = _person(person.pk, client=client_for(username))
    assert answer.status_code == 403
    assert answer.json()["detail"]
    assert "result" not in answer.json()


@pytest.mark.parametrize("username", ["hoidong", "thuongtruc", "lanhdao.binhduong"])
def test_the_council_the_secretariat_and_the_board_may_ask(username: str, rulebook: None) -> None:
    person = staff_member()
    assert _person(person.pk, client=client_for(username)).status_code == 200


def test_nobody_signed_out_asks(rulebook: None) -> None:
    person = staff_member()
    assert _person(person.pk, client=Client()).status_code == 401


def test_an_unknown_id_an_unknown_award_and_a_bad_date(rulebook: None) -> None:
    person = staff_member()
    missing = _person(987654, client=client_for("thuongtruc"))
    assert missing.status_code == 404
    unknown = _person(person.pk, award="nobel")
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [
        {"field": "award", "message": "Không có danh hiệu, hình thức khen “nobel”."}
    ]
    collective = _person(person.pk, award="collective_excellent")
    assert collective.status_code == 400
    assert _person(person.pk, on="15/01/2025").status_code == 422
    unit_missing = client_for("thuongtruc").get(
        "/api/v1/units/987654/eligibility", {"award": "collective_excellent"}
    )
    assert unit_missing.status_code == 404
