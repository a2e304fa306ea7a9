"""A program asks the rule book over HTTP with a bearer token, as an integrator does."""

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import bearer, call
from tests.builders.people import persona
from thidua.rulebook.services.loader import rulebook_load

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_bearer_token_tries_the_flag_quota(live_server: LiveServer) -> None:
    rulebook_load()
    url = f"{live_server.url}/api/v1/rulebook/evaluate"
    body = {
        "rule": "government_flag_quota",
        "facts": {"cluster_leaders": 15, "proposals": 3},
        "on": "2025-12-01",
    }
    answer = call(url, "POST", body, Authorization=bearer(persona("canbo.longan")))
    assert answer.status == 200, answer.body
    assert answer.body["outcome"] == "allowed"
    refused = call(url, "POST", body, Authorization="Bearer sai-ma")
    assert refused.status == 401
    assert refused.body == {"detail": "Vui lòng đăng nhập."}


def test_a_bearer_token_asks_the_outcome_of_a_confidence_vote(live_server: LiveServer) -> None:
    rulebook_load()
    url = f"{live_server.url}/api/v1/rulebook/evaluate"
    token = bearer(persona("canbo.binhduong"))
    outcomes = {}
    for low in (15, 16, 19, 20):
        body = {"rule": "confidence_vote_outcome", "facts": {"voters": 30, "low": low}}
        answer = call(url, "POST", body | {"on": "2025-12-01"}, Authorization=token)
        assert answer.status == 200, answer.body
        assert answer.body["citation"] == "Quy định 96-QĐ/TW"
        outcomes[low] = answer.body["outcome"]
    assert outcomes == {
        15: "none",
        16: "removed_from_planning",
        19: "removed_from_planning",
        20: "dismissal",
    }
    refused = call(
        url,
        "POST",
        {"rule": "confidence_vote_outcome", "facts": {"voters": 3, "low": 4}},
        Authorization=token,
    )
    assert refused.status == 400
    assert refused.body["errors"] == [
        {
            "field": "facts.low",
            "message": "Số phiếu tín nhiệm thấp không thể nhiều hơn số người tham gia.",
        }
    ]
