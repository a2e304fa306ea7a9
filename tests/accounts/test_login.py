import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.builders.people import PASSWORD, persona
from thidua import settings as project_settings
from thidua.accounts.models import User

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _login(client: Client, username: str, password: str) -> str:
    response = client.post(LOGIN, {"username": username, "password": password})
    return response.content.decode() if response.status_code == 200 else response["Location"]


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


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCK_MINUTES=15)
def test_the_account_locks_after_repeated_failures_even_for_the_right_password() -> None:
    persona("canbo.longan")
    client = Client()
    for _ in range(3):
        _login(client, "canbo.longan", "sai-mat-khau")
    assert persona("canbo.longan").locked_until is not None
    page = _login(client, "canbo.longan", PASSWORD)
    assert "Tài khoản tạm khóa" in page
    assert client.get("/").status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_success_resets_the_failure_count() -> None:
    persona("canbo.daklak")
    client = Client()
    _login(client, "canbo.daklak", "sai")
    _login(client, "canbo.daklak", "sai")
    _login(client, "canbo.daklak", PASSWORD)
    assert User.objects.get(username="canbo.daklak").failed_logins == 0
