"""A unit's leader manages their own unit's accounts (create, grant the unit roles on it,
close, issue a password link), never another unit's nor a sector-wide role; the secretariat
also grants roles on a cluster's term."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.clusters import board, term
from tests.builders.people import client_of, persona, staff_of
from thidua.accounts.models import Role, RoleGrant, User
from thidua.accounts.services import role_grant, user_create
from thidua.audit.models import AuditEvent
from thidua.core.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db
LIST = reverse("accounts:accounts")
HCM, CAMAU = "79", "96"  # two boards in force today


def _leader() -> User:
    return staff_of(board(HCM), Role.UNIT_LEADER)


def _create(client: Client, unit_code: str, username: str = "canbo.moi.hcm") -> int:
    response = client.post(
        LIST,
        {
            "username": username,
            "full_name": "Trần Thị Mới",
            "email": "",
            "unit": board(unit_code).pk,
            "password": "mat-khau-ban-dau-2026",
        },
    )
    return response.status_code


def test_a_leader_creates_grants_and_closes_an_account_of_their_unit() -> None:
    client = client_of(_leader())
    assert 'href="/accounts/tai-khoan/"' in client.get("/").content.decode()
    assert _create(client, HCM) == 302
    account = User.objects.get(username="canbo.moi.hcm")
    url = reverse("accounts:account", args=[account.pk])
    page = client.get(url).content.decode()
    assert "Thường trực thi đua của ngành" not in page  # a sector-wide role is not offered
    assert 'name="cluster_term"' not in page
    assert client.post(url, {"role": Role.UNIT_OFFICER, "unit": board(HCM).pk}).status_code == 302
    assert RoleGrant.objects.filter(user=account, role=Role.UNIT_OFFICER).exists()
    assert (
        client.post(
            reverse("accounts:account_deactivate", args=[account.pk]), {"reason": "Nghỉ hưu"}
        ).status_code
        == 302
    )
    account.refresh_from_db()
    assert not account.is_active
    assert AuditEvent.objects.filter(action="user.deactivate", object_id=str(account.pk)).exists()


def test_a_leader_lists_only_their_unit_s_accounts() -> None:
    leader = _leader()
    other = staff_of(board(CAMAU), Role.UNIT_OFFICER)
    page = client_of(leader).get(LIST).content.decode()
    assert f'data-testid="account-{leader.username}"' in page
    assert f'data-testid="account-{other.username}"' not in page
    assert 'data-testid="account-thuongtruc"' not in page


def test_a_leader_touches_no_other_unit_s_account() -> None:
    persona("thuongtruc")
    client = client_of(_leader())
    other = staff_of(board(CAMAU), Role.UNIT_OFFICER)
    before = (User.objects.count(), RoleGrant.objects.count(), AuditEvent.objects.count())
    assert _create(client, CAMAU, "canbo.camau.moi") == 400  # not a unit offered to them
    for target in (other, persona("thuongtruc")):
        url = reverse("accounts:account", args=[target.pk])
        assert client.get(url).status_code == 403
        assert (
            client.post(url, {"role": Role.UNIT_OFFICER, "unit": board(HCM).pk}).status_code == 403
        )
        close = reverse("accounts:account_deactivate", args=[target.pk])
        assert client.post(close, {"reason": "x"}).status_code == 403
        issue = reverse("accounts:password_reset_issue", args=[target.pk])
        assert client.post(issue).status_code == 403
        target.refresh_from_db()
        assert target.is_active
    assert (User.objects.count(), RoleGrant.objects.count(), AuditEvent.objects.count()) == before


def test_a_leader_grants_no_sector_wide_role_nor_on_another_unit() -> None:
    leader = _leader()
    client = client_of(leader)
    assert _create(client, HCM) == 302
    account = User.objects.get(username="canbo.moi.hcm")
    url = reverse("accounts:account", args=[account.pk])
    refused = client.post(url, {"role": Role.SECTOR_SECRETARIAT})
    assert refused.status_code == 400
    assert client.post(url, {"role": Role.UNIT_LEADER, "unit": board(CAMAU).pk}).status_code == 400
    assert not RoleGrant.objects.filter(user=account).exists()
    # The service refuses the same, whatever page or API asks.
    for role, unit in ((Role.SECTOR_SECRETARIAT, None), (Role.UNIT_OFFICER, board(CAMAU))):
        with pytest.raises(PermissionDeniedError):
            role_grant(actor=User.objects.get(pk=leader.pk), user=account, role=role, unit=unit)
    with pytest.raises(PermissionDeniedError):
        user_create(
            actor=User.objects.get(pk=leader.pk),
            username="ngoai.don.vi",
            password="mat-khau-ban-dau-2026",
            full_name="X",
            unit=board(CAMAU),
        )
    assert not RoleGrant.objects.filter(user=account).exists()
    assert not User.objects.filter(username="ngoai.don.vi").exists()


def test_an_officer_of_the_same_unit_manages_no_account() -> None:
    officer = staff_of(board(HCM), Role.UNIT_OFFICER)
    colleague = _leader()
    client = client_of(officer)
    assert client.get(LIST).status_code == 403
    assert _create(client, HCM) == 403
    assert client.get(reverse("accounts:account", args=[colleague.pk])).status_code == 403
    assert not User.objects.filter(username="canbo.moi.hcm").exists()


def test_the_secretariat_grants_an_observer_role_on_a_cluster_s_term() -> None:
    cluster_term = term(4, 2018)
    client = client_of(persona("thuongtruc"))
    assert _create(client, HCM) == 302
    account = User.objects.get(username="canbo.moi.hcm")
    url = reverse("accounts:account", args=[account.pk])
    assert 'name="cluster_term"' in client.get(url).content.decode()
    response = client.post(url, {"role": Role.OBSERVER, "cluster_term": cluster_term.pk})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=account)
    assert (grant.cluster_term, grant.unit) == (cluster_term, None)
    both = client.post(
        url, {"role": Role.OBSERVER, "unit": board(HCM).pk, "cluster_term": cluster_term.pk}
    )
    assert both.status_code == 400
    assert "không chọn cả hai" in both.content.decode()
    assert RoleGrant.objects.filter(user=account).count() == 1


def test_the_api_grants_on_a_term_and_lets_a_leader_grant_on_their_unit_only() -> None:
    cluster_term = term(4, 2018)
    leader = client_of(_leader())
    assert _create(leader, HCM) == 302
    account = User.objects.get(username="canbo.moi.hcm")
    url = f"/api/v1/users/{account.pk}/roles"
    on_term = {"role": Role.OBSERVER, "cluster_term_id": cluster_term.pk}
    assert leader.post(url, on_term, content_type="application/json").status_code == 403
    own = {"role": Role.UNIT_OFFICER, "unit_id": board(HCM).pk}
    assert leader.post(url, own, content_type="application/json").status_code == 200
    answer = client_of(persona("thuongtruc")).post(url, on_term, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["cluster_term_id"] == cluster_term.pk
    both = {**on_term, "unit_id": board(HCM).pk}
    refused = client_of(persona("thuongtruc")).post(url, both, content_type="application/json")
    assert refused.status_code == 400
    assert RoleGrant.objects.filter(user=account).count() == 2
