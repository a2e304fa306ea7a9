"""The log as several streams: writers on different streams do not wait for each other, a
transaction appends to one stream, the log written as a single chain still verifies, and a
seal binds the streams so that a stream cut short before it is found."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection, transaction

from thidua.audit.chain import GENESIS_HASH, LEGACY_STREAM, EventFields, event_hash, stream_of
from thidua.audit.models import AuditChainHead, AuditEvent
from thidua.audit.selectors import audit_chain_verify
from thidua.audit.services import _append, _locked_head, audit_record, audit_seal

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and the trigger are PostgreSQL's"
)


class RolledBackError(Exception):
    """Ends a transaction on purpose, so that it leaves nothing behind."""


def _ids_on(stream: str, count: int, *, not_on: str = "") -> list[str]:
    """Object ids of type "x" whose events go to ``stream`` (or to any stream but ``not_on``)."""
    found = []
    for n in range(10_000):
        hashed = stream_of("x", str(n))
        if (hashed == stream) if stream else (hashed != not_on):
            found.append(str(n))
            if len(found) == count:
                return found
    raise AssertionError("no such ids")


def _record(object_id: str, action: str = "test.event") -> AuditEvent:
    with transaction.atomic():
        return audit_record(actor=None, action=action, object_type="x", object_id=object_id)


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """What a commit does for the log, inside the test's transaction: run the on-commit
    callbacks, so that the next event starts a transaction of its own."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_single_chain_keeps_the_hashes_it_was_written_with() -> None:
    # Computed by event_hash before the log had streams: the events already written verify.
    fields = EventFields(
        at="2018-01-05T02:30:00+00:00",
        actor_id=None,
        actor_label="hệ thống",
        action="unit.update",
        object_type="orgs.unit",
        object_id="7",
        object_repr="Ban Tổ chức Tỉnh ủy Bình Dương",
        before={"short_name": "Bình Dương"},
        after={"short_name": "Bình Dương (cũ)"},
    )
    assert fields.stream == LEGACY_STREAM
    old = "42aaf05bab9af82797538d06c9a36c144711e1268753114ce744f578cab446b3"
    assert event_hash(GENESIS_HASH, fields) == old
    # In a stream, the stream's name is hashed too: an event cannot be moved to another.
    moved = EventFields(**{**fields.__dict__, "stream": "s01"})
    assert event_hash(GENESIS_HASH, moved) != old


def test_each_object_s_events_link_within_its_own_stream(commit: Callable[[], Any]) -> None:
    stream = stream_of("x", "0")
    same = _ids_on(stream, 2)
    (other,) = _ids_on("", 1, not_on=stream)
    with commit():
        first = _record(same[0])
    with commit():
        elsewhere = _record(other)
    with commit():
        second = _record(same[1])
    assert first.stream == second.stream == stream != elsewhere.stream
    assert second.prev_hash == first.hash
    assert elsewhere.prev_hash != first.hash
    report = audit_chain_verify()
    assert report.intact, report


def test_a_transaction_appends_to_one_stream(commit: Callable[[], Any]) -> None:
    (one,) = _ids_on("", 1, not_on="")
    (other,) = _ids_on("", 1, not_on=stream_of("x", one))
    with commit(), transaction.atomic():
        first = audit_record(actor=None, action="test.one", object_type="x", object_id=one)
        second = audit_record(actor=None, action="test.two", object_type="x", object_id=other)
    # Holding one stream's lock at most, two transactions never wait for each other's.
    assert second.stream == first.stream == stream_of("x", one)
    assert second.prev_hash == first.hash
    with commit():
        alone = _record(other)  # in a transaction of its own, the object's own stream
    assert alone.stream == stream_of("x", other)


def test_a_log_written_as_one_chain_still_verifies_with_streams_after_it() -> None:
    with transaction.atomic():
        legacy = _locked_head(LEGACY_STREAM)
        for n in range(3):  # as audit_record wrote them before the log had streams
            _append(legacy, AuditEvent(at=legacy_time(), actor_label="hệ thống", action=f"old.{n}"))
    _record("1")
    _record("2")
    report = audit_chain_verify()
    assert report.intact, report
    assert AuditEvent.objects.filter(stream=LEGACY_STREAM, action__startswith="old.").count() == 3


def legacy_time() -> Any:
    import datetime as dt

    return dt.datetime(2018, 1, 5, 2, 30, tzinfo=dt.UTC)


def _bypass_trigger(cursor: Any) -> None:
    """What a database superuser could do: skip triggers for the rest of this transaction."""
    cursor.execute("SET LOCAL session_replication_role = replica")


@postgres_only
def test_audit_verify_names_the_stream_of_the_first_broken_link() -> None:
    stream = stream_of("x", "0")
    ids = _ids_on(stream, 3)
    events = [_record(object_id) for object_id in ids]
    tampered = events[1]
    with connection.cursor() as cursor:
        _bypass_trigger(cursor)
        cursor.execute(
            "UPDATE audit_auditevent SET after = %s WHERE id = %s", ['{"forged": 1}', tampered.pk]
        )
    report = audit_chain_verify()
    assert (report.broken_event_id, report.stream) == (tampered.pk, stream)
    with pytest.raises(CommandError, match=f"#{tampered.pk} \\(luồng “{stream}”"):
        call_command("audit_verify")


@postgres_only
def test_a_seal_finds_a_stream_cut_short_before_it() -> None:
    stream = stream_of("x", "0")
    events = [_record(object_id) for object_id in _ids_on(stream, 2)]
    seal = audit_seal()
    heads = (seal.after or {})["heads"]
    assert heads[stream] == [events[-1].pk, events[-1].hash]
    assert audit_chain_verify().intact
    with connection.cursor() as cursor:  # the stream's last event goes: its chain still holds
        _bypass_trigger(cursor)
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    report = audit_chain_verify()
    assert report.broken_event_id == seal.pk
    assert stream in report.reason


def _append_elsewhere(object_id: str) -> str:
    """Append an event on another connection that gives up on a lock after 300 ms, and roll
    it back: "appended" or "waited"."""
    outcome: list[str] = []

    def run() -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '300ms'")
                audit_record(actor=None, action="test.other", object_type="x", object_id=object_id)
                raise RolledBackError
        except RolledBackError:
            outcome.append("appended")
        except OperationalError:
            outcome.append("waited")
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return outcome[0]


@postgres_only
def test_writers_on_different_streams_do_not_wait_for_each_other() -> None:
    stream = stream_of("x", "0")
    mine, same = _ids_on(stream, 2)
    (other,) = _ids_on("", 1, not_on=stream)

    def heads_exist() -> None:
        # As in a running log: committed on a connection of its own, for the other writers to
        # see; an empty head is what a stream is before its first event.
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(stream=s) for s in (stream, stream_of("x", other))],
            ignore_conflicts=True,
        )
        connection.close()

    thread = threading.Thread(target=heads_exist)
    thread.start()
    thread.join(30)
    audit_record(actor=None, action="test.mine", object_type="x", object_id=mine)
    # This test's transaction now holds its stream's head until it ends.
    assert _append_elsewhere(other) == "appended"
    assert _append_elsewhere(same) == "waited"
