"""A forgotten password on an isolated network: whoever manages the account issues a one-time
link, shown once (and mailed when a mail server is configured); it sets a new password through
Django's validators and dies once used or expired. The lockout still applies."""

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.builders.clusters import board
from tests.builders.people import PASSWORD, account, client_for, client_of, staff_of
from thidua.accounts.models import Role, User
from thidua.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
NEW = "Mat-khau-moi-2026!"


def _holder(email: str = "") -> User:
    user = account("canbo.quenmatkhau", unit=board("79"), role=Role.UNIT_OFFICER)
    if email:
        User.objects.filter(pk=user.pk).update(email=email)
    return User.objects.get(pk=user.pk)


def _issue(client: Client, user: User) -> str:
    response = client.post(reverse("accounts:password_reset_issue", args=[user.pk]))
    assert response.status_code == 200, response.content.decode()[:1000]
    assert "no-store" in response["Cache-Control"]
    found = re.search(r'value="([^"]+)" data-testid="reset-link"', response.content.decode())
    assert found is not None
    return urlparse(found.group(1)).path


def _set(path: str, password: str = NEW, client: Client | None = None) -> Any:
    """Follow the link as its holder does: Django moves the token into the session first."""
    browser = client or Client()
    opened = browser.get(path)
    if opened.status_code != 302:
        return opened
    form_url = opened["Location"]
    assert browser.get(form_url).status_code == 200
    return browser.post(form_url, {"new_password1": password, "new_password2": password})


def test_the_secretariat_issues_a_link_shown_once_and_it_sets_a_new_password(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    holder = _holder(email="canbo@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        path = _issue(client_for("thuongtruc"), holder)
    assert AuditEvent.objects.filter(
        action="user.password_reset_issue", object_id=str(holder.pk)
    ).exists()
    # A mail server is configured in the tests (Django's memory backend): the link is mailed too.
    assert len(mail.outbox) == 1
    assert path in mail.outbox[0].body
    assert mail.outbox[0].to == ["canbo@example.vn"]
    # Shown once: the account's page does not show it again.
    page = client_for("thuongtruc").get(reverse("accounts:account", args=[holder.pk]))
    assert path not in page.content.decode()

    done = _set(path)
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_done")
    holder.refresh_from_db()
    assert holder.check_password(NEW)
    assert AuditEvent.objects.filter(
        action="user.password_reset", object_id=str(holder.pk)
    ).exists()
    signed_in = Client().post(
        reverse("accounts:login"), {"username": holder.username, "password": NEW}
    )
    assert signed_in.status_code == 302


def test_a_link_used_once_is_dead_the_second_time() -> None:
    holder = _holder()
    path = _issue(client_for("thuongtruc"), holder)
    assert _set(path).status_code == 302
    again = _set(path, password="Mot-mat-khau-khac-2026!")
    assert again.status_code == 410
    assert "không dùng được" in again.content.decode()
    holder.refresh_from_db()
    assert holder.check_password(NEW)


def test_an_expired_link_is_dead(monkeypatch: pytest.MonkeyPatch) -> None:
    holder = _holder()
    path = _issue(client_for("thuongtruc"), holder)
    issued_now = PasswordResetTokenGenerator._now
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    monkeypatch.setattr(
        PasswordResetTokenGenerator,
        "_now",
        lambda self: issued_now(self) + dt.timedelta(hours=hours, minutes=1),
    )
    expired = _set(path)
    assert expired.status_code == 410
    assert 'data-testid="reset-dead"' in expired.content.decode()
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_a_password_the_validators_refuse_is_not_set() -> None:
    holder = _holder()
    path = _issue(client_for("thuongtruc"), holder)
    refused = _set(path, password="12345678")
    assert refused.status_code == 200
    assert 'data-testid="error-new_password2"' in refused.content.decode()
    assert "Mật khẩu này hoàn toàn là số." in refused.content.decode()
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="user.password_reset").exists()


def test_a_closed_account_s_link_is_dead() -> None:
    holder = _holder()
    path = _issue(client_for("thuongtruc"), holder)
    User.objects.filter(pk=holder.pk).update(is_active=False)
    assert _set(path).status_code == 410
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_a_locked_out_address_cannot_use_even_a_valid_link() -> None:
    holder = _holder()
    path = _issue(client_for("thuongtruc"), holder)
    browser = Client()
    dead = re.sub(r"/[^/]+/$", "/sai-ma/", path)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browser.get(dead)
    locked = _set(path, client=browser)
    assert locked.status_code == 429
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)


def test_the_leader_of_the_unit_issues_a_link_too() -> None:
    holder = _holder()
    path = _issue(client_of(staff_of(board("79"), Role.UNIT_LEADER)), holder)
    assert _set(path).status_code == 302


@pytest.mark.parametrize(
    "username", ["canbo.binhduong", "lanhdao.binhduong", "hoidong", "theodoi", "nguoingoai"]
)
def test_nobody_else_issues_a_link(username: str) -> None:
    holder = _holder()
    client = client_for(username)
    url = reverse("accounts:password_reset_issue", args=[holder.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 403
    assert "dat-mat-khau" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="user.password_reset_issue").exists()
    assert Client().post(url).status_code == 302  # nobody signed in: the sign-in page
