import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import QuerySet

from thidua.accounts.services import user_create
from thidua.audit.models import AuditEvent
from thidua.audit.selectors import audit_chain_verify
from thidua.audit.services import audit_record
from thidua.orgs.models import Unit, UnitKind
from thidua.orgs.services import unit_create, unit_update

pytestmark = pytest.mark.django_db
T = TypeVar("T")

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)


def _bypass_trigger(cursor: Any) -> None:
    """What a database superuser could do: skip triggers for the rest of this transaction."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL session_replication_role = replica")


def _unit() -> Unit:
    return unit_create(
        actor=None, name="Ban Tổ chức thử", kind=UnitKind.ORGANIZATION_BOARD, code="AUDIT-1"
    )


def _events_of(unit: Unit) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type="orgs.unit", object_id=str(unit.pk))


def test_a_service_records_who_changed_what() -> None:
    unit = _unit()
    actor = user_create(
        actor=None, username="kiemtoan", password="kiem-thu-2025", full_name="K", unit=None
    )
    unit_update(actor=actor, unit=unit, short_name="Thử (cũ)")
    event = _events_of(unit).get(action="unit.update")
    assert event.actor_label == "kiemtoan"
    assert (event.before or {})["short_name"] == ""
    assert (event.after or {})["short_name"] == "Thử (cũ)"


def test_a_write_that_fails_after_the_audit_call_leaves_no_event() -> None:
    unit = _unit()
    events_before = AuditEvent.objects.count()

    def update_then_fail() -> None:
        with transaction.atomic():
            unit_update(actor=None, unit=unit, short_name="Thử (cũ)")  # writes its event
            # The next write of the same transaction breaks a constraint.
            Unit.objects.create(name="Trùng mã", kind=UnitKind.OTHER, code=unit.code)

    with pytest.raises(IntegrityError):
        update_then_fail()
    unit.refresh_from_db()
    assert unit.short_name == ""
    assert AuditEvent.objects.count() == events_before
    assert audit_chain_verify().intact  # the stream's head rolled back with the event


def _read_elsewhere(query: Callable[[], T]) -> T:
    """``query`` on a connection of its own, as another request would run it."""
    found: list[T] = []

    def run() -> None:
        try:
            found.append(query())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return found[0]


def test_an_event_is_invisible_to_other_connections_until_its_change_commits() -> None:
    unit = _unit()  # uncommitted: the test runs in a transaction that is never committed
    unit_update(actor=None, unit=unit, short_name="Thử (cũ)")
    event = _events_of(unit).get(action="unit.update")
    assert not _read_elsewhere(lambda: AuditEvent.objects.filter(pk=event.pk).exists())
    assert not _read_elsewhere(lambda: Unit.objects.filter(pk=unit.pk).exists())


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
    with transaction.atomic():
        event = audit_record(actor=None, action="test.kept", object_type="x", object_id="1")
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
