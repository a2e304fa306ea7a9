"""Writes to the API on a real running server, as an integrator's program and a browser make
them: the test client skips the CSRF check, so these go through ``live_server`` over HTTP.

A bearer token is never held to the session's CSRF check; a session cookie always is; a request
that bears a token is judged by the token alone, never by a session cookie beside it.
"""

import json
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from tests.builders.people import persona
from tests.builders.reports import long_an, open_period, reporting_setting
from thidua.accounts.services import api_token_create
from thidua.indicators.models import Report

pytestmark = pytest.mark.django_db(transaction=True)
BODY = {"values": [{"indicator": "staff_streamlined", "value": 5}]}
OFFICER = "canbo.longan"


@dataclass
class Answer:
    status: int
    body: Any


@pytest.fixture
def report_url(live_server: LiveServer) -> str:
    reporting_setting()
    period = open_period()
    return f"{live_server.url}/api/v1/periods/{period.pk}/units/{long_an().pk}/report"


def _put(url: str, headers: dict[str, str]) -> Answer:
    request = Request(  # noqa: S310 (the live server's own http:// address)
        url,
        data=json.dumps(BODY).encode(),
        method="PUT",
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urlopen(request, timeout=30) as response:  # noqa: S310
            return Answer(response.status, json.loads(response.read()))
    except HTTPError as refused:
        return Answer(refused.code, json.loads(refused.read()))


def _token() -> str:
    _token_row, key = api_token_create(actor=None, user=persona(OFFICER), name="phần mềm")
    return key


def _session_cookie() -> str:
    client = Client()
    client.force_login(persona(OFFICER))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _csrf_token(live_server: LiveServer) -> str:
    """The CSRF cookie the sign-in page hands a browser."""
    with urlopen(f"{live_server.url}/accounts/dang-nhap/", timeout=30) as page:  # noqa: S310
        cookies = SimpleCookie()
        for header in page.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    return cookies[settings.CSRF_COOKIE_NAME].value


def test_a_bearer_token_writes_without_a_csrf_token(report_url: str) -> None:
    saved = _put(report_url, {"Authorization": f"Bearer {_token()}"})
    assert saved.status == 201, saved.body
    assert saved.body["values"][0]["value"] == "5.00"
    assert Report.objects.filter(unit=long_an()).count() == 1


def test_a_session_write_without_the_csrf_token_is_refused(report_url: str) -> None:
    refused = _put(report_url, {"Cookie": _session_cookie()})
    assert refused.status == 403
    assert "CSRF" in refused.body["detail"]
    assert not Report.objects.filter(unit=long_an()).exists()


def test_a_session_write_with_the_csrf_token_goes_through(
    report_url: str, live_server: LiveServer
) -> None:
    csrf = _csrf_token(live_server)
    cookie = f"{_session_cookie()}; {settings.CSRF_COOKIE_NAME}={csrf}"
    saved = _put(report_url, {"Cookie": cookie, "X-CSRFToken": csrf})
    assert saved.status == 201, saved.body


def test_a_token_beside_a_session_cookie_is_judged_alone(report_url: str) -> None:
    with_session = {"Cookie": _session_cookie()}
    saved = _put(report_url, {**with_session, "Authorization": f"Bearer {_token()}"})
    assert saved.status == 201, saved.body
    # A wrong token does not fall back on the session beside it.
    refused = _put(report_url, {**with_session, "Authorization": "Bearer sai-ma-truy-cap"})
    assert refused.status == 401
    assert refused.body["detail"] == "Vui lòng đăng nhập."
