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
