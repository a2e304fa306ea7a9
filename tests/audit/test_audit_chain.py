from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from tests.builders.clusters import board
from tests.builders.people import persona
from thidua.audit.models import AuditEvent
from thidua.audit.selectors import audit_chain_verify
from thidua.audit.services import audit_record
from thidua.orgs.services import unit_update

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)


def _bypass_trigger(cursor: Any) -> None:
    """What a database superuser could do: skip triggers for the rest of this transaction."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL session_replication_role = replica")


def test_a_service_writes_its_event_in_the_same_transaction() -> None:
    unit, admin = board("74-63"), persona("quantri")
    before = AuditEvent.objects.count()
    unit_update(actor=admin, unit=unit, short_name="Bình Dương (cũ)")
    event = AuditEvent.objects.latest("id")
    assert AuditEvent.objects.count() == before + 1
    assert event.action == "unit.update"
    assert event.actor_label == "quantri"
    before_values: dict[str, object] = event.before or {}
    after_values: dict[str, object] = event.after or {}
    assert before_values["short_name"] == "Bình Dương"
    assert after_values["short_name"] == "Bình Dương (cũ)"


def test_a_failed_change_leaves_no_event() -> None:
    before = AuditEvent.objects.count()

    def change_that_fails() -> None:
        with transaction.atomic():
            audit_record(actor=None, action="test.rolled_back", object_type="x", object_id="1")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert AuditEvent.objects.count() == before


def test_recording_outside_a_transaction_is_refused() -> None:
    # pytest-django wraps each test in a transaction; step out of it to see the guard.
    conn = transaction.get_connection()
    conn.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError, match="inside the transaction"):
            audit_record(actor=None, action="test.no_transaction")
    finally:
        conn.in_atomic_block = True


def test_each_event_links_to_the_previous_one_and_the_chain_verifies() -> None:
    with transaction.atomic():
        first = audit_record(actor=None, action="test.one", object_type="x", object_id="1")
        second = audit_record(actor=None, action="test.two", object_type="x", object_id="2")
    assert second.prev_hash == first.hash
    report = audit_chain_verify()
    assert report.intact
    assert report.checked == AuditEvent.objects.count()


@postgres_only
def test_the_database_refuses_update_and_delete() -> None:
    event = AuditEvent.objects.latest("id")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


@postgres_only
def test_audit_verify_reports_the_first_tampered_event() -> None:
    with transaction.atomic():
        for n in range(3):
            audit_record(actor=None, action=f"test.{n}", object_type="x", object_id=str(n))
    call_command("audit_verify")  # intact before tampering
    events = list(AuditEvent.objects.order_by("-id")[:3])
    tampered = events[1]
    with connection.cursor() as cursor:
        _bypass_trigger(cursor)
        cursor.execute(
            "UPDATE audit_auditevent SET after = %s WHERE id = %s",
            ['{"forged": true}', tampered.pk],
        )
    report = audit_chain_verify()
    assert report.broken_event_id == tampered.pk
    with pytest.raises(CommandError, match=f"#{tampered.pk}"):
        call_command("audit_verify")


def test_removing_an_event_breaks_the_next_link() -> None:
    with transaction.atomic():
        for n in range(3):
            audit_record(actor=None, action=f"test.{n}", object_type="x", object_id=str(n))
    newest = list(AuditEvent.objects.order_by("-id")[:3])
    with connection.cursor() as cursor:
        _bypass_trigger(cursor)
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [newest[1].pk])
    assert audit_chain_verify().broken_event_id == newest[0].pk


def test_an_event_with_a_local_time_still_verifies() -> None:
    import datetime as dt

    hanoi = dt.timezone(dt.timedelta(hours=7))
    with transaction.atomic():
        audit_record(
            actor=None,
            action="test.local_time",
            object_type="x",
            object_id="1",
            at=dt.datetime(2018, 1, 5, 9, 30, tzinfo=hanoi),
        )
    assert audit_chain_verify().intact
