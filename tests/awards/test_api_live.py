"""A program asks for an eligibility over HTTP with a bearer token, as an integrator does."""

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import bearer, call
from tests.builders.people import persona
from thidua.rulebook.services.loader import rulebook_load

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_bearer_token_asks_for_an_eligibility(live_server: LiveServer) -> None:
    rulebook_load()
    url = f"{live_server.url}/api/v1/awards/eligibility"
    body = {
        "subject": {"kind": "individual"},
        "history": {"2023": {"rating": "excellent", "initiatives": 0}},
        "award": "base_emulation_fighter",
        "judged_on": "2024-02-01",
    }
    answer = call(url, "POST", body, Authorization=bearer(persona("canbo.longan")))
    assert answer.status == 200, answer.body
    # 2023 is judged under the 2003 Law: an initiative was required.
    assert answer.body["result"] == "not_eligible"
    refused = call(url, "POST", body, Authorization="Bearer sai-ma")
    assert refused.status == 401
    assert refused.body == {"detail": "Vui lòng đăng nhập."}
