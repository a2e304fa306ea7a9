import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import persona
from thidua.accounts.models import User
from thidua.web.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _login(client: Client, username: str, password: str) -> str:
    response = client.post(LOGIN, {"username": username, "password": password})
    return response.content.decode() if response.status_code == 200 else response["Location"]


def test_passwords_are_hashed_with_argon2() -> None:
    assert persona("canbo.binhduong").password.startswith("argon2")


def test_login_in_vietnamese_then_logout() -> None:
    client = Client()
    page = client.get(LOGIN).content.decode()
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page
    assert _login(client, "canbo.binhduong", DEMO_PASSWORD) == "/"
    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:logout")).status_code == 405  # logout is a POST
    client.post(reverse("accounts:logout"))
    assert client.get("/").status_code == 302


def test_a_wrong_password_gets_a_vietnamese_error() -> None:
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in _login(Client(), "canbo.binhduong", "x")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in _login(Client(), "khong.co", "x")


def test_login_redirects_only_to_this_site() -> None:
    response = Client().post(
        LOGIN + "?next=https://evil.example/",
        {"username": "canbo.binhduong", "password": DEMO_PASSWORD},
    )
    assert response["Location"] == "/"


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCK_MINUTES=15)
def test_the_account_locks_after_repeated_failures_even_for_the_right_password() -> None:
    client = Client()
    for _ in range(3):
        _login(client, "canbo.longan", "sai-mat-khau")
    assert persona("canbo.longan").locked_until is not None
    page = _login(client, "canbo.longan", DEMO_PASSWORD)
    assert "Tài khoản tạm khóa" in page
    assert client.get("/").status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_success_resets_the_failure_count() -> None:
    client = Client()
    _login(client, "canbo.daklak", "sai")
    _login(client, "canbo.daklak", "sai")
    _login(client, "canbo.daklak", DEMO_PASSWORD)
    assert User.objects.get(username="canbo.daklak").failed_logins == 0
