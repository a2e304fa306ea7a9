"""The API's rate limits on a real running server: the (n+1)-th call within the window is
answered 429 in Vietnamese with ``Retry-After``, counted per token and per address."""

import pytest
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from tests.api.live import bearer, call
from tests.builders.people import persona

pytestmark = pytest.mark.django_db(transaction=True)


@override_settings(API_RATE_PER_TOKEN="3/m", API_RATE_PER_ADDRESS="100/m")
def test_a_token_gets_its_rate_then_a_429(live_server: LiveServer) -> None:
    url = f"{live_server.url}/api/v1/indicators"
    token, other = bearer(persona("canbo.longan")), bearer(persona("canbo.longan"))
    assert [call(url, Authorization=token).status for _n in range(3)] == [200] * 3
    refused = call(url, Authorization=token)
    assert refused.status == 429
    assert refused.body == {
        "detail": "Quá nhiều yêu cầu trong thời gian ngắn; vui lòng thử lại sau."
    }
    assert int(refused.headers["Retry-After"]) > 0
    # Another token of the same user has its own count.
    assert call(url, Authorization=other).status == 200


@override_settings(API_RATE_PER_TOKEN="100/m", API_RATE_PER_ADDRESS="4/m")
def test_an_address_gets_its_rate_whatever_the_token(live_server: LiveServer) -> None:
    url = f"{live_server.url}/api/v1/indicators"
    tokens = [bearer(persona(name)) for name in ("canbo.longan", "canbo.daklak")]
    statuses = [call(url, Authorization=tokens[n % 2]).status for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    # With no proxy in front (TRUSTED_PROXY_COUNT=0), a forged X-Forwarded-For is no escape.
    assert call(url, Authorization=tokens[0], X_Forwarded_For="10.0.0.9").status == 429


def test_the_default_rates_let_a_burst_through(live_server: LiveServer) -> None:
    url = f"{live_server.url}/api/v1/indicators"
    token = bearer(persona("canbo.longan"))
    assert {call(url, Authorization=token).status for _n in range(30)} == {200}
