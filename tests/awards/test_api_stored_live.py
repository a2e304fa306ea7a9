"""A program asks for a stored person's eligibility over HTTP with a bearer token: the issue's
worked example, kept as records and grants, and the same with its title revoked."""

import datetime as dt

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import bearer, call
from tests.awards.records_world import revoke, staff_member, two_titles_in_a_row, worked_example
from tests.builders.people import persona
from thidua.rulebook.services.loader import rulebook_load

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_stored_worked_example_is_eligible_over_http(live_server: LiveServer) -> None:
    rulebook_load()
    person = staff_member()
    worked_example(person)
    token = bearer(persona("canbo.binhduong"))
    url = f"{live_server.url}/api/v1/people/{person.pk}/eligibility"
    answer = call(f"{url}?award=commission_certificate&on=2025-01-15", Authorization=token)
    assert answer.status == 200, answer.body
    assert answer.body["result"] == "eligible"
    assert answer.body["conditions"]
    other = call(
        f"{url}?award=commission_certificate&on=2025-01-15",
        Authorization=bearer(persona("canbo.daklak")),
    )
    assert other.status == 403
    missing = call(
        f"{live_server.url}/api/v1/people/987654/eligibility?award=commission_certificate",
        Authorization=token,
    )
    assert missing.status == 404


def test_a_revoked_title_no_longer_counts_over_http(live_server: LiveServer) -> None:
    rulebook_load()
    person = staff_member()
    grants = two_titles_in_a_row(person)
    token = bearer(persona("thuongtruc"))
    url = (
        f"{live_server.url}/api/v1/people/{person.pk}/eligibility"
        "?award=commission_certificate&on=2025-01-15"
    )
    assert call(url, Authorization=token).body["result"] == "eligible"
    revoke(grants[1], dt.date(2025, 1, 10))
    answer = call(url, Authorization=token)
    assert answer.status == 200
    assert answer.body["result"] == "not_eligible"
