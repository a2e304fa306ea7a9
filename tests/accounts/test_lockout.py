"""One lockout on every door: the sign-in page, Django's admin (whose login is the sign-in
page) and the API's bearer tokens; by account and by address; a refusal that tells neither
whether the account exists nor when it opens again."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client, override_settings
from django.urls import reverse

from tests.builders.people import PASSWORD, client_of, persona
from thidua.accounts.services import api_token_create
from thidua.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
LIMIT = 3
LOCKED = "Tạm thời không thể đăng nhập"


def _post(client: Client, username: str, password: str, url: str = LOGIN) -> tuple[int, str]:
    response = client.post(url, {"username": username, "password": password})
    return response.status_code, response.content.decode()


def _error(page: str) -> str:
    found = re.search(r'data-testid="login-error">([^<]*)<', page)
    assert found, page
    return found.group(1)


def _fail(username: str, address: str, times: int = LIMIT) -> Client:
    client = Client(REMOTE_ADDR=address)
    for _ in range(times):
        _post(client, username, "sai-mat-khau")
    return client


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_sign_in_page_locks_and_refuses_the_right_password() -> None:
    persona("canbo.longan")
    client = _fail("canbo.longan", "10.2.0.1")
    status, page = _post(client, "canbo.longan", PASSWORD)
    assert status == 429
    assert LOCKED in _error(page)
    assert client.get("/").status_code == 302  # not signed in


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_account_is_locked_from_every_address() -> None:
    """Counted by account: guesses spread over addresses still lock it."""
    persona("canbo.longan")
    for i in range(LIMIT):
        _post(Client(REMOTE_ADDR=f"10.3.0.{i + 1}"), "canbo.longan", "sai")
    status, _page = _post(Client(REMOTE_ADDR="10.3.1.1"), "canbo.longan", PASSWORD)
    assert status == 429


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_an_address_that_sprays_many_accounts_is_locked() -> None:
    """Counted by address: one wrong password on each of many accounts locks the address,
    even for an account it never tried."""
    persona("canbo.binhduong")
    client = Client(REMOTE_ADDR="10.4.0.1")
    for name in ("a.mot", "b.hai", "c.ba"):
        _post(client, name, "sai")
    status, _page = _post(client, "canbo.binhduong", PASSWORD)
    assert status == 429
    # Another address is not concerned.
    assert _post(Client(REMOTE_ADDR="10.4.0.2"), "canbo.binhduong", PASSWORD)[0] == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_the_refusal_is_the_same_for_an_account_that_does_not_exist() -> None:
    persona("canbo.binhduong")
    answers = {}
    for i, name in enumerate(("canbo.binhduong", "khong.ton.tai")):
        # Before the lock: the same wrong-password message; after it: the same refusal.
        client = Client(REMOTE_ADDR=f"10.5.0.{i + 1}")
        before = _error(_post(client, name, "sai")[1])
        _fail(name, f"10.5.0.{i + 1}", LIMIT - 1)
        status, page = _post(client, name, PASSWORD)
        answers[name] = (before, status, _error(page))
    assert answers["canbo.binhduong"] == answers["khong.ton.tai"]
    assert answers["khong.ton.tai"][1] == 429
    refusal = answers["khong.ton.tai"][2]
    assert LOCKED in refusal
    assert "canbo.binhduong" not in refusal
    assert not re.search(r"\d", refusal)  # no time, no count


@override_settings(AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=dt.timedelta(minutes=10))
def test_the_lock_lifts_after_the_cool_off() -> None:
    persona("canbo.daklak")
    client = _fail("canbo.daklak", "10.6.0.1")
    assert _post(client, "canbo.daklak", PASSWORD)[0] == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=11))
    status, _page = _post(client, "canbo.daklak", PASSWORD)
    assert status == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_a_lockout_is_audited_once_without_the_password() -> None:
    account = persona("canbo.longan")
    client = _fail("canbo.longan", "10.7.0.1", LIMIT + 2)
    _post(client, "canbo.longan", PASSWORD)
    events = AuditEvent.objects.filter(action="account.lock")
    assert events.count() == 1
    event = events.get()
    assert event.object_id == str(account.pk)
    assert event.actor_id is None
    assert "sai-mat-khau" not in str(event.after)
    # Nor does axes keep it with the attempts.
    assert not AccessAttempt.objects.filter(post_data__contains="sai-mat-khau").exists()


def test_the_admin_login_is_the_sign_in_page() -> None:
    """Nothing at /admin/login/ reads a password: twenty wrong ones, then the right one, are
    all sent to the sign-in page, and none signs anybody in."""
    persona("quantri")
    client = Client(REMOTE_ADDR="10.8.0.1")
    for _ in range(20):
        response = client.post("/admin/login/", {"username": "quantri", "password": "sai"})
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "quantri", "password": PASSWORD}
    )
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_a_locked_administrator_cannot_reach_the_admin() -> None:
    persona("quantri")
    client = _fail("quantri", "10.9.0.1")
    assert _post(client, "quantri", PASSWORD)[0] == 429
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(response["Location"])["Location"].startswith(LOGIN)


def test_the_admin_asks_for_the_second_factor() -> None:
    """A staff session that has not given a code is sent to the second step, not the admin."""
    client = Client()
    client.force_login(persona("quantri"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:enrol"))
    assert client_of(persona("quantri")).get("/admin/").status_code == 200


def _api(address: str, key: str) -> tuple[int, dict[str, str]]:
    response = Client(REMOTE_ADDR=address).get(
        "/api/v1/clusters",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    return response.status_code, response.json()


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_wrong_api_tokens_lock_the_address_out_of_the_api() -> None:
    _token, key = api_token_create(actor=None, user=persona("theodoi"), name="tích hợp")
    assert _api("10.10.0.1", key)[0] == 200
    answers = [_api("10.10.0.1", f"sai-{i}") for i in range(LIMIT)]
    assert [status for status, _body in answers[:-1]] == [401] * (LIMIT - 1)
    status, body = _api("10.10.0.1", key)  # the right token, from the locked-out address
    assert status == 429
    assert LOCKED in body["detail"]
    assert _api("10.10.0.2", key)[0] == 200  # another address


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_wrong_tokens_and_wrong_passwords_share_the_address_count() -> None:
    persona("canbo.longan")
    _api("10.11.0.1", "sai-1")
    _api("10.11.0.1", "sai-2")
    _post(Client(REMOTE_ADDR="10.11.0.1"), "khong.co", "sai")
    assert _post(Client(REMOTE_ADDR="10.11.0.1"), "canbo.longan", PASSWORD)[0] == 429
