"""What an Idempotency-Key is kept for, and what it is not: the answer is kept
``IDEMPOTENCY_KEY_HOURS``; a read ignores the header; a key too long is refused."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tests.builders.people import persona, staff_of
from tests.builders.reports import figures, long_an, open_period, reporting_setting, save
from thidua.accounts.services import api_token_create
from thidua.api.models import IdempotentAnswer
from thidua.audit.models import AuditEvent
from thidua.indicators.models import Report, ReportStatus

pytestmark = pytest.mark.django_db


def _bearer(username: str | None = None) -> dict[str, str]:
    user = persona(username) if username else staff_of(long_an())
    _row, key = api_token_create(actor=None, user=user, name="phần mềm")
    return {"Authorization": f"Bearer {key}"}


def _draft() -> Report:
    reporting_setting()
    return save(persona("canbo.longan"), long_an(), open_period(), figures(staff_streamlined=5))


def test_an_expired_key_acts_again() -> None:
    draft = _draft()
    client, headers = Client(), _bearer()
    url = f"/api/v1/reports/{draft.pk}/submit"
    first = client.post(url, headers={**headers, "Idempotency-Key": "k"})
    assert first.status_code == 200
    IdempotentAnswer.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    again = client.post(url, headers={**headers, "Idempotency-Key": "k"})
    # Not replayed: the workflow is asked again, and refuses a second submit.
    assert again.status_code == 400
    assert "Idempotent-Replayed" not in again.headers
    assert AuditEvent.objects.filter(action="report.submit").count() == 1


def test_the_stored_answer_belongs_to_its_user() -> None:
    draft = _draft()
    client = Client()
    url = f"/api/v1/reports/{draft.pk}/submit"
    officer = client.post(url, headers={**_bearer("canbo.longan"), "Idempotency-Key": "k"})
    assert officer.status_code == 403
    # The leader's same key is its own: it acts, it does not hear the officer's refusal.
    leader = client.post(url, headers={**_bearer(), "Idempotency-Key": "k"})
    assert leader.status_code == 200
    assert "Idempotent-Replayed" not in leader.headers
    assert Report.objects.get(pk=draft.pk).status == ReportStatus.SUBMITTED


def test_a_key_too_long_is_refused_and_nothing_happens() -> None:
    draft = _draft()
    refused = Client().post(
        f"/api/v1/reports/{draft.pk}/submit",
        headers={**_bearer(), "Idempotency-Key": "k" * 256},
    )
    assert refused.status_code == 422
    assert Report.objects.get(pk=draft.pk).status == ReportStatus.DRAFT


def test_a_read_keeps_nothing() -> None:
    response = Client().get("/api/v1/indicators", headers={**_bearer(), "Idempotency-Key": "k"})
    assert response.status_code == 200
    assert not IdempotentAnswer.objects.exists()
