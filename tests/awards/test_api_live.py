"""A program asks for an eligibility over HTTP with a bearer token, as an integrator does."""

import json
from typing import Any
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.builders.people import persona
from thidua.accounts.services import api_token_create
from thidua.rulebook.services.loader import rulebook_load

pytestmark = pytest.mark.django_db(transaction=True)


def _post(url: str, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, Any]:
    request = Request(  # noqa: S310 (the live server's own http:// address)
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except HTTPError as refused:
        return refused.code, json.loads(refused.read())


def test_a_bearer_token_asks_for_an_eligibility(live_server: LiveServer) -> None:
    rulebook_load()
    _row, key = api_token_create(actor=None, user=persona("canbo.longan"), name="phần mềm")
    url = f"{live_server.url}/api/v1/awards/eligibility"
    body = {
        "subject": {"kind": "individual"},
        "history": {"2023": {"rating": "excellent", "initiatives": 0}},
        "award": "base_emulation_fighter",
        "judged_on": "2024-02-01",
    }
    status, verdict = _post(url, body, {"Authorization": f"Bearer {key}"})
    assert status == 200, verdict
    # 2023 is judged under the 2003 Law: an initiative was required.
    assert verdict["result"] == "not_eligible"
    status, refused = _post(url, body, {"Authorization": "Bearer sai-ma"})
    assert status == 401
    assert refused == {"detail": "Vui lòng đăng nhập."}
