"""The secretariat manages accounts from the app: create one on a unit, grant and revoke roles,
close it. Nobody else may, and the last administrator cannot be locked out."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.clusters import board
from tests.builders.people import PASSWORD, client_for, persona
from thidua.accounts.models import Role, RoleGrant, User
from thidua.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LIST = reverse("accounts:accounts")


def _new_account(client: Client) -> User:
    response = client.post(
        LIST,
        {
            "username": "canbo.tayninh",
            "full_name": "Nguyễn Văn Tây",
            "email": "",
            "unit": board("80").pk,
            "password": "mat-khau-ban-dau-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return User.objects.get(username="canbo.tayninh")


def test_the_secretariat_creates_an_account_grants_a_role_and_revokes_it() -> None:
    client = client_for("thuongtruc")
    account = _new_account(client)
    assert account.unit == board("80")
    assert account.check_password("mat-khau-ban-dau-2026")
    assert AuditEvent.objects.filter(action="user.create", object_id=str(account.pk)).exists()
    url = reverse("accounts:account", args=[account.pk])
    response = client.post(url, {"role": Role.UNIT_OFFICER, "unit": board("80").pk})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=account)
    assert (grant.role, grant.unit) == (Role.UNIT_OFFICER, board("80"))
    page = client.get(url).content.decode()
    assert "Cán bộ đơn vị" in page
    revoke = reverse("accounts:grant_revoke", args=[account.pk, grant.pk])
    assert client.post(revoke).status_code == 302
    assert not RoleGrant.objects.filter(user=account).exists()
    assert AuditEvent.objects.filter(action="role.revoke").exists()


def test_a_unit_role_without_a_unit_is_refused_in_vietnamese() -> None:
    client = client_for("thuongtruc")
    account = _new_account(client)
    response = client.post(
        reverse("accounts:account", args=[account.pk]), {"role": Role.UNIT_LEADER, "unit": ""}
    )
    assert response.status_code == 400
    assert "phải gắn với một đơn vị" in response.content.decode()
    assert not RoleGrant.objects.filter(user=account).exists()


def test_a_taken_username_is_refused_beside_its_field() -> None:
    client = client_for("thuongtruc")
    _new_account(client)
    response = client.post(
        LIST,
        {
            "username": "canbo.tayninh",
            "full_name": "Người khác",
            "unit": board("80").pk,
            "password": "mat-khau-khac-2026",
        },
    )
    assert response.status_code == 400
    assert 'data-testid="error-username"' in response.content.decode()
    assert User.objects.filter(username="canbo.tayninh").count() == 1


def test_a_closed_account_cannot_sign_in() -> None:
    client = client_for("thuongtruc")
    account = _new_account(client)
    close = reverse("accounts:account_deactivate", args=[account.pk])
    assert client.post(close, {"reason": ""}).status_code == 400
    assert client.post(close, {"reason": "Chuyển công tác"}).status_code == 302
    account.refresh_from_db()
    assert not account.is_active
    signed_in = Client().post(
        reverse("accounts:login"),
        {"username": "canbo.tayninh", "password": "mat-khau-ban-dau-2026"},
    )
    assert signed_in.status_code != 302


def test_the_last_administrator_keeps_the_role_and_the_account() -> None:
    admin = persona("quantri")
    client = client_for("thuongtruc")
    grant = RoleGrant.objects.get(user=admin, role=Role.SYSTEM_ADMIN)
    client.post(reverse("accounts:grant_revoke", args=[admin.pk, grant.pk]))
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    client.post(reverse("accounts:account_deactivate", args=[admin.pk]), {"reason": "Thử"})
    admin.refresh_from_db()
    assert admin.is_active


# A unit's leader manages their own unit's accounts (tests/accounts/test_unit_leader_accounts.py).
@pytest.mark.parametrize("username", ["canbo.binhduong", "hoidong", "theodoi", "nguoingoai"])
def test_nobody_else_manages_accounts(username: str) -> None:
    client = client_for(username)
    target = persona("canbo.longan")
    assert client.get(LIST).status_code == 403
    assert (
        client.post(LIST, {"username": "x.y", "full_name": "X", "password": PASSWORD}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("accounts:account", args=[target.pk]), {"role": Role.SECTOR_SECRETARIAT}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("accounts:account_deactivate", args=[target.pk]), {"reason": "x"}
        ).status_code
        == 403
    )
    target.refresh_from_db()
    assert target.is_active
    assert not RoleGrant.objects.filter(user=target, role=Role.SECTOR_SECRETARIAT).exists()
    assert 'href="/accounts/tai-khoan/"' not in client.get("/").content.decode()
