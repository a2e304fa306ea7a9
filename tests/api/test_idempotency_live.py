"""``Idempotency-Key`` on a real running server: a retry gets the first answer and acts no
second time; the same key with another body is refused; without a key a write acts as before."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import Answer, bearer, call
from tests.builders.people import persona, staff_of
from tests.builders.reports import figures, long_an, open_period, reporting_setting, save
from thidua.audit.models import AuditEvent
from thidua.indicators.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def submit(live_server: LiveServer) -> Callable[..., Answer]:
    """A draft of Long An's, and its leader's call that submits it."""
    reporting_setting()
    draft = save(persona("canbo.longan"), long_an(), open_period(), figures(staff_streamlined=5))
    url = f"{live_server.url}/api/v1/reports/{draft.pk}/submit"
    token = bearer(staff_of(long_an()))

    def send(**headers: str) -> Answer:
        return call(url, "POST", Authorization=token, **headers)

    return send


def _submits() -> int:
    return AuditEvent.objects.filter(action="report.submit").count()


def test_a_retried_submit_gets_the_first_answer_and_acts_once(
    submit: Callable[..., Answer],
) -> None:
    first = submit(Idempotency_Key="nop-bao-cao-1")
    assert first.status == 200, first.body
    assert "Idempotent-Replayed" not in first.headers
    again = submit(Idempotency_Key="nop-bao-cao-1")
    assert again.status == 200
    assert again.body == first.body
    assert again.headers["Idempotent-Replayed"] == "true"
    assert _submits() == 1


def test_without_a_key_the_retry_is_refused_by_the_workflow(
    submit: Callable[..., Answer],
) -> None:
    assert submit().status == 200
    retried = submit()
    assert retried.status == 400
    assert "Idempotent-Replayed" not in retried.headers
    assert _submits() == 1


def test_a_key_reused_with_another_body_is_refused(live_server: LiveServer) -> None:
    reporting_setting()
    period = open_period()
    url = f"{live_server.url}/api/v1/periods/{period.pk}/units/{long_an().pk}/report"
    token = bearer(persona("canbo.longan"))
    body = {"values": [{"indicator": "staff_streamlined", "value": 5}]}
    first = call(url, "PUT", body, Authorization=token, Idempotency_Key="k-1")
    assert first.status == 201, first.body
    other = {"values": [{"indicator": "staff_streamlined", "value": 7}]}
    refused = call(url, "PUT", other, Authorization=token, Idempotency_Key="k-1")
    assert refused.status == 422
    assert "Idempotency-Key" in refused.body["detail"]
    assert Report.objects.get(period=period).values.get().value == 5


def test_a_refusal_is_replayed_too(live_server: LiveServer) -> None:
    """A refused first attempt is the answer for that key: the retry hears it again, and the
    workflow is not asked twice."""
    reporting_setting()
    draft = save(persona("canbo.longan"), long_an(), open_period(), figures(staff_streamlined=5))
    url = f"{live_server.url}/api/v1/reports/{draft.pk}/submit"
    officer = bearer(persona("canbo.longan"))  # an officer prepares, only the leader submits
    first = call(url, "POST", Authorization=officer, Idempotency_Key="k-2")
    assert first.status == 403
    again = call(url, "POST", Authorization=officer, Idempotency_Key="k-2")
    assert (again.status, again.body) == (403, first.body)
    assert again.headers["Idempotent-Replayed"] == "true"


def test_the_same_key_sent_twice_at_once_acts_once(submit: Callable[..., Answer]) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _n: submit(Idempotency_Key="k-3"), range(4)))
    acted = [a for a in answers if a.status == 200 and "Idempotent-Replayed" not in a.headers]
    # One acts; each other is told the key is still in use (409) or hears the first answer.
    assert len(acted) == 1
    assert {a.status for a in answers} <= {200, 409}
    assert _submits() == 1
