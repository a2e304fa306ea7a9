"""Two-factor sign-in: the second step, backup codes, enrolment, the gate that keeps a
half-signed-in session out, the security page and an administrator's reset."""

import base64
import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.builders.people import (
    PASSWORD,
    account,
    backup_code,
    client_of,
    persona,
    totp_code,
    with_totp,
)
from thidua.accounts.models import Role, User
from thidua.accounts.services import api_token_create
from thidua.accounts.two_factor import two_factor_reset
from thidua.audit.models import AuditEvent
from thidua.core.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:verify")
ENROL = reverse("accounts:enrol")


def _password(client: Client, username: str, next_url: str = "") -> str:
    url = f"{LOGIN}?next={next_url}" if next_url else LOGIN
    response = client.post(url, {"username": username, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302, response.content.decode()
    return str(response["Location"])


def _code(client: Client, code: str, url: str = VERIFY) -> tuple[int, str]:
    response = client.post(url, {"code": code})
    return response.status_code, (
        response["Location"] if response.status_code == 302 else response.content.decode()
    )


def _secretariat(username: str) -> User:
    """A sector secretariat account of its own (the persona may already have a device)."""
    return account(username, role=Role.SECTOR_SECRETARIAT, scoped=False)


def test_an_account_with_an_authenticator_gives_a_code_after_the_password() -> None:
    user = _secretariat("tt.mot")
    key = with_totp(user)
    client = Client()
    second_step = _password(client, "tt.mot", "/cum/")
    assert second_step.startswith(VERIFY)
    for path in ("/", "/cum/", "/admin/", "/accounts/bao-mat/"):
        assert client.get(path)["Location"].startswith(VERIFY), path
    api = client.get("/api/v1/clusters")
    assert api.status_code == 403
    assert "xác thực hai lớp" in api.json()["detail"]
    status, page = _code(client, "000000" if totp_code(key) != "000000" else "111111")
    assert status == 200
    assert "Mã xác thực không đúng" in page
    assert client.get("/").status_code == 302
    # django-otp slows a device down for a second after a wrong code.
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)
    assert _code(client, totp_code(key), second_step) == (302, "/cum/")
    assert client.get("/").status_code == 200


def test_a_backup_code_signs_in_once() -> None:
    user = _secretariat("tt.hai")
    with_totp(user)
    code = backup_code(user)
    first = Client()
    _password(first, "tt.hai")
    assert _code(first, code.upper()) == (302, "/")
    second = Client()
    _password(second, "tt.hai")
    status, page = _code(second, code)
    assert status == 200
    assert "đã được dùng" in page
    assert second.get("/").status_code == 302


def test_an_optional_user_without_a_device_is_not_asked_for_a_code() -> None:
    persona("canbo.binhduong")
    client = Client()
    assert _password(client, "canbo.binhduong") == "/"
    assert client.get("/").status_code == 200


def test_an_optional_user_with_a_device_must_give_the_code() -> None:
    with_totp(persona("canbo.longan"))
    client = Client()
    assert _password(client, "canbo.longan").startswith(VERIFY)
    assert client.get("/").status_code == 302


def test_a_required_role_without_a_device_must_enrol_before_anything_else() -> None:
    _secretariat("tt.ba")
    client = Client()
    assert _password(client, "tt.ba").startswith(ENROL)
    for path in ("/", "/admin/", reverse("accounts:security"), VERIFY):
        response = client.get(path)
        if path == VERIFY:  # the second step has nothing to ask: no device
            assert response.status_code == 200
            continue
        assert response["Location"].startswith(ENROL), path
    page = client.get(ENROL).content.decode()
    assert "<svg" in page
    assert "http" not in re.sub(r'xmlns="[^"]*"', "", page.split("<svg", 1)[1].split("</svg>")[0])
    secret = re.search(r'data-testid="secret">([A-Z2-7 ]+)<', page)
    assert secret
    key = base64.b32decode(secret.group(1).replace(" ", ""))
    status, page = _code(client, totp_code(key), ENROL)
    assert status == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(action="two_factor.enrol")
    assert key.hex() not in str(event.after)
    assert codes[0] not in str(event.after)
    # One of the codes signs in on another day.
    other = Client()
    _password(other, "tt.ba")
    assert _code(other, codes[3]) == (302, "/")


def test_a_password_alone_cannot_replace_an_authenticator() -> None:
    user = _secretariat("tt.bon")
    with_totp(user)
    client = Client()
    _password(client, "tt.bon")
    assert client.get(ENROL)["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=user).count() == 1


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_codes_count_towards_the_lockout() -> None:
    user = _secretariat("tt.nam")
    key = with_totp(user)
    client = Client(REMOTE_ADDR="10.20.0.1")
    _password(client, "tt.nam")
    answers = [_code(client, f"12345{i}")[0] for i in range(3)]
    assert answers == [200, 200, 429]
    assert client.get("/")["Location"].startswith(LOGIN)  # the half-open session has ended
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)
    again = Client(REMOTE_ADDR="10.20.0.2")
    response = again.post(LOGIN, {"username": "tt.nam", "password": PASSWORD})
    assert response.status_code == 429  # the account is locked, whatever the address
    assert totp_code(key)  # the right code would not even be asked for


def test_the_security_page_regenerates_backup_codes() -> None:
    user = _secretariat("tt.sau")
    with_totp(user)
    old = backup_code(user)
    client = client_of(user)
    page = client.get(reverse("accounts:security")).content.decode()
    assert "Xác thực hai lớp đang bật" in page
    page = client.post(reverse("accounts:backup_codes")).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert AuditEvent.objects.filter(action="backup_codes.regenerate").count() == 1
    fresh = Client()
    _password(fresh, "tt.sau")
    assert _code(fresh, old)[0] == 200  # the old codes are gone
    StaticDevice.objects.filter(user=user).update(throttling_failure_count=0)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)
    assert _code(fresh, codes[0]) == (302, "/")


def test_a_required_role_cannot_remove_its_second_factor() -> None:
    user = _secretariat("tt.bay")
    with_totp(user)
    client = client_of(user)
    response = client.post(reverse("accounts:remove"), follow=True)
    assert "bắt buộc dùng xác thực hai lớp" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    assert not AuditEvent.objects.filter(action="two_factor.remove").exists()


def test_an_optional_user_may_remove_it() -> None:
    user = persona("canbo.daklak")
    with_totp(user)
    backup_code(user)
    client = Client()
    _password(client, "canbo.daklak")
    _code(client, backup_code(user))
    response = client.post(reverse("accounts:remove"), follow=True)
    assert "Đã gỡ bỏ xác thực hai lớp" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="two_factor.remove").count() == 1
    assert _password(Client(), "canbo.daklak") == "/"


def test_an_administrator_resets_another_users_devices() -> None:
    user = _secretariat("tt.tam")
    with_totp(user)
    with pytest.raises(PermissionDeniedError):
        two_factor_reset(actor=persona("thuongtruc"), user=user)
    two_factor_reset(actor=persona("quantri"), user=user)
    assert not TOTPDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action="two_factor.reset")
    assert event.actor_id == persona("quantri").pk
    # The user signs in with the password and must enrol again.
    assert _password(Client(), "tt.tam").startswith(ENROL)


def test_the_operator_resets_from_the_console() -> None:
    user = _secretariat("tt.chin")
    with_totp(user)
    call_command("two_factor_reset", "tt.chin")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="two_factor.reset", actor_id=None).count() == 1


def test_an_api_call_with_a_token_is_judged_by_the_token_not_a_half_signed_in_session() -> None:
    user = _secretariat("tt.token")
    _token, key = api_token_create(actor=None, user=user, name="tích hợp")
    client = Client()
    assert _password(client, "tt.token").startswith(ENROL)  # a session, not yet verified
    assert client.get("/api/v1/units?limit=1").status_code == 403
    with_token = client.get("/api/v1/units?limit=1", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert with_token.status_code == 200
    # The token opens the API only: the pages still ask this session for its second factor.
    assert client.get("/", HTTP_AUTHORIZATION=f"Bearer {key}")["Location"].startswith(ENROL)
