import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.builders.people import PASSWORD, persona
from thidua import settings as project_settings

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _login(client: Client, username: str, password: str) -> str:
    response = client.post(LOGIN, {"username": username, "password": password})
    return response.content.decode() if response.status_code in {200, 429} else response["Location"]


@override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS)
def test_passwords_are_hashed_with_argon2() -> None:
    """With the project's own hashers, not the fast one the other tests use."""
    assert persona("canbo.binhduong").password.startswith("argon2")


def test_login_in_vietnamese_then_logout() -> None:
    persona("canbo.binhduong")
    client = Client()
    page = client.get(LOGIN).content.decode()
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page
    assert _login(client, "canbo.binhduong", PASSWORD) == "/"
    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405  # logout is a POST
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


def test_a_wrong_password_gets_a_vietnamese_error() -> None:
    persona("canbo.binhduong")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in _login(Client(), "canbo.binhduong", "x")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in _login(Client(), "khong.co", "x")


def test_login_redirects_only_to_this_site() -> None:
    persona("canbo.binhduong")
    response = Client().post(
        LOGIN + "?next=https://evil.example/",
        {"username": "canbo.binhduong", "password": PASSWORD},
    )
    assert response["Location"] == "/"


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_account_locks_after_repeated_failures_even_for_the_right_password() -> None:
    persona("canbo.longan")
    client = Client()
    for _ in range(3):
        _login(client, "canbo.longan", "sai-mat-khau")
    page = _login(client, "canbo.longan", PASSWORD)
    assert "Tạm thời không thể đăng nhập" in page
    assert client.get("/").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_success_resets_the_accounts_failure_count() -> None:
    """Two wrong, one right, two wrong again from another address: not locked, since the
    success cleared the account's count (the first address keeps its own)."""
    persona("canbo.daklak")
    client = Client(REMOTE_ADDR="10.1.0.1")
    _login(client, "canbo.daklak", "sai")
    _login(client, "canbo.daklak", "sai")
    assert _login(client, "canbo.daklak", PASSWORD) == "/"
    elsewhere = Client(REMOTE_ADDR="10.1.0.2")
    _login(elsewhere, "canbo.daklak", "sai")
    _login(elsewhere, "canbo.daklak", "sai")
    assert _login(elsewhere, "canbo.daklak", PASSWORD) == "/"
