"""Setting up a year through the API: periods, accounts and roles, by the secretariat only."""

from typing import Any

import pytest
from django.test import Client
from pytest_django.live_server_helper import LiveServer

from tests.api.live import bearer, call
from tests.builders.clusters import board
from tests.builders.people import client_for, persona
from thidua.accounts.models import Role, RoleGrant, User
from thidua.audit.models import AuditEvent
from thidua.indicators.models import ReportingPeriod

JSON = "application/json"
PERIOD = {
    "year": 2030,
    "kind": "year",
    "title": "Tổng kết năm 2030",
    "as_of": "2030-11-30",
    "deadline": "2030-12-15T17:00:00+07:00",
}


def _user(client: Client, username: str = "canbo.api") -> dict[str, Any]:
    body = {
        "username": username,
        "full_name": "Cán bộ tạo qua API",
        "unit_id": board("80").pk,
        "password": "mat-khau-ban-dau-2026",
    }
    answer = client.post("/api/v1/users", body, content_type=JSON)
    assert answer.status_code == 200, answer.content
    return dict(answer.json())


@pytest.mark.django_db
def test_the_secretariat_opens_a_period_creates_an_account_grants_and_revokes() -> None:
    client = client_for("thuongtruc")
    period = client.post("/api/v1/periods", PERIOD, content_type=JSON)
    assert period.status_code == 200, period.content
    assert ReportingPeriod.objects.get(pk=period.json()["id"]).title == "Tổng kết năm 2030"
    created = _user(client)
    assert User.objects.get(pk=created["id"]).unit == board("80")
    grant = client.post(
        f"/api/v1/users/{created['id']}/roles",
        {"role": Role.UNIT_OFFICER, "unit_id": board("80").pk},
        content_type=JSON,
    )
    assert grant.status_code == 200, grant.content
    grant_id = grant.json()["id"]
    revoked = client.delete(f"/api/v1/users/{created['id']}/roles/{grant_id}")
    assert revoked.status_code == 204
    assert not RoleGrant.objects.filter(pk=grant_id).exists()
    assert AuditEvent.objects.filter(action="role.revoke").exists()


@pytest.mark.django_db
def test_a_deadline_without_its_zone_or_a_second_year_end_is_refused() -> None:
    client = client_for("thuongtruc")
    naive = client.post(
        "/api/v1/periods", {**PERIOD, "deadline": "2030-12-15T17:00"}, content_type=JSON
    )
    assert naive.status_code == 422
    assert client.post("/api/v1/periods", PERIOD, content_type=JSON).status_code == 200
    again = client.post("/api/v1/periods", PERIOD, content_type=JSON)
    assert again.status_code == 400
    assert "Đã có kỳ" in again.json()["detail"]
    assert ReportingPeriod.objects.filter(year=2030).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["canbo.binhduong", "lanhdao.binhduong", "hoidong", "theodoi"])
def test_nobody_else_sets_up_a_year_through_the_api(username: str) -> None:
    client = client_for(username)
    target = persona("canbo.longan")
    assert client.post("/api/v1/periods", PERIOD, content_type=JSON).status_code == 403
    body = {"username": "x.y.z", "full_name": "X", "unit_id": board("80").pk, "password": "a" * 10}
    assert client.post("/api/v1/users", body, content_type=JSON).status_code == 403
    granted = client.post(
        f"/api/v1/users/{target.pk}/roles", {"role": "sector_secretariat"}, content_type=JSON
    )
    assert granted.status_code == 403
    grant = RoleGrant.objects.filter(user=target).first()
    assert grant is not None
    assert client.delete(f"/api/v1/users/{target.pk}/roles/{grant.pk}").status_code == 403
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    assert not ReportingPeriod.objects.filter(year=2030).exists()
    assert not User.objects.filter(username="x.y.z").exists()


@pytest.mark.django_db(transaction=True)
def test_an_integrator_creates_an_account_with_a_bearer_token(live_server: LiveServer) -> None:
    body = {
        "username": "canbo.tichhop",
        "full_name": "Tài khoản tạo từ phần mềm",
        "unit_id": board("80").pk,
        "password": "mat-khau-ban-dau-2026",
    }
    answer = call(
        f"{live_server.url}/api/v1/users", "POST", body, Authorization=bearer(persona("thuongtruc"))
    )
    assert answer.status == 200, answer.body
    assert User.objects.filter(username="canbo.tichhop").exists()
