"""Tampering with the audit log as someone who can write the database would, each way caught.

Tampers tried: an edited event; an event deleted from the middle; the tail deleted with the
trigger disabled; TRUNCATE (refused by the trigger, of the log and of its head rows); the log
truncated with the trigger dropped (caught by the head rows), and the log and its heads truncated
(caught by the checkpoint); the tail deleted and the head row moved back to match (caught by the
checkpoint); the tail rewritten with every hash recomputed and the head row updated (caught by
the checkpoint); a checkpoint file edited, or signed with another key.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from thidua.audit.chain import event_hash
from thidua.audit.checkpoint import Checkpoint, checkpoint_dump, checkpoint_load
from thidua.audit.checkpoints import audit_verify_with_checkpoint
from thidua.audit.models import AuditChainHead, AuditEvent
from thidua.audit.selectors import audit_chain_verify
from thidua.audit.services import audit_record, fields_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
    ),
]

KEY = "khoa-moc-kiem-tra-chi-nguoi-van-hanh-giu"


@pytest.fixture
def checkpoint_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "noi-khac" / "audit-checkpoint.json"
    with override_settings(AUDIT_CHECKPOINT_FILE=path, AUDIT_CHECKPOINT_KEY=KEY):
        yield path


def _events(count: int = 5) -> list[AuditEvent]:
    """``count`` events in one stream (one transaction appends to one stream)."""
    with transaction.atomic():
        return [
            audit_record(actor=None, action=f"test.{n}", object_type="x", object_id=str(n))
            for n in range(count)
        ]


def _alter(statement: str) -> None:
    """ALTER/DROP on the log's tables, as the tables' owner can: the deferred foreign-key checks
    of the events just written are run first, as PostgreSQL requires."""
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    _sql(statement)


def _sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify_fails(*expected: str) -> str:
    """``audit_verify`` exits non-zero; its Vietnamese message names each expected text."""
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify")
    message = str(caught.value)
    assert "Kiểm tra không đạt" in message
    for text in expected:
        assert text in message, message
    return message


def test_a_verified_chain_gets_a_signed_checkpoint_outside_the_database(
    checkpoint_file: Path,
) -> None:
    events = _events()
    call_command("audit_verify")
    checkpoint = checkpoint_load(checkpoint_file.read_text(), KEY.encode())
    mark = checkpoint.streams[events[-1].stream]
    assert (mark.last_event_id, mark.last_hash) == (events[-1].pk, events[-1].hash)
    assert mark.count == AuditEvent.objects.filter(stream=events[-1].stream).count()
    with pytest.raises(ValueError, match="signature"):
        checkpoint_load(checkpoint_file.read_text(), b"another key")


def test_the_seal_job_writes_the_checkpoint_too(checkpoint_file: Path) -> None:
    _events()
    call_command("audit_seal")
    checkpoint = checkpoint_load(checkpoint_file.read_text(), KEY.encode())
    assert checkpoint.streams["seal"].last_event_id == AuditEvent.objects.latest("id").pk


def test_without_a_key_no_checkpoint_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "audit-checkpoint.json"
    with override_settings(AUDIT_CHECKPOINT_FILE=path, AUDIT_CHECKPOINT_KEY=""):
        verification = audit_verify_with_checkpoint()
    assert verification.intact
    assert not path.exists()
    assert "AUDIT_CHECKPOINT_KEY" in verification.notes[0]


def test_an_edited_event_is_caught(checkpoint_file: Path) -> None:
    events = _events()
    _sql("SET LOCAL session_replication_role = replica")
    _sql("UPDATE audit_auditevent SET actor_label = 'ai-do' WHERE id = %s", [events[2].pk])
    _verify_fails(f"#{events[2].pk} (luồng “{events[2].stream}”)", "nội dung không khớp mã băm")


def test_a_tail_deleted_with_the_trigger_disabled_is_caught_by_the_head(
    checkpoint_file: Path,
) -> None:
    events = _events()
    _alter("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
    _sql("DELETE FROM audit_auditevent WHERE id >= %s", [events[2].pk])
    # What is left still hashes and links correctly ...
    assert not AuditEvent.objects.filter(pk=events[2].pk).exists()
    # ... but the head row still names the last event.
    _verify_fails(f"#{events[-1].pk} (luồng “{events[-1].stream}”)", "mất phần cuối chuỗi")


def test_an_event_deleted_from_the_middle_is_caught_at_the_next_one(
    checkpoint_file: Path,
) -> None:
    events = _events()
    _sql("SET LOCAL session_replication_role = replica")
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    _verify_fails(f"#{events[3].pk} (luồng “{events[3].stream}”)", "thiếu sự kiện?")


@pytest.mark.parametrize("table", ["audit_auditevent", "audit_auditchainhead"])
def test_truncate_is_refused_by_the_database(table: str) -> None:
    _events()
    _sql("SET LOCAL thidua.audit_truncate = ''")  # the test suite's own allowance, lifted
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
        _sql(f"TRUNCATE {table} CASCADE")
    assert AuditEvent.objects.exists()
    assert AuditChainHead.objects.exists()


def _drop_truncate_guard() -> None:
    _alter("DROP TRIGGER audit_auditevent_no_truncate ON audit_auditevent")
    _alter("DROP TRIGGER audit_auditchainhead_no_truncate ON audit_auditchainhead")
    _sql("SET LOCAL thidua.audit_truncate = ''")


def test_a_log_truncated_with_the_trigger_dropped_is_caught_by_the_heads(
    checkpoint_file: Path,
) -> None:
    events = _events()
    _drop_truncate_guard()
    _sql("TRUNCATE audit_auditevent")
    assert not AuditEvent.objects.exists()
    _verify_fails(f"#{events[-1].pk} (luồng “{events[-1].stream}”)", "không còn sự kiện nào")


def test_a_log_and_its_heads_truncated_are_caught_by_the_checkpoint(
    checkpoint_file: Path,
) -> None:
    events = _events()
    call_command("audit_verify")  # the checkpoint, kept elsewhere
    _drop_truncate_guard()
    _sql("TRUNCATE audit_auditevent, audit_auditchainhead")
    assert audit_chain_verify().intact  # nothing left inside the database to disagree
    _verify_fails(f"luồng “{events[-1].stream}”", "chuỗi ngắn hơn mốc kiểm tra")
    # The checkpoint is kept as it was, for the next run to fail again.
    assert checkpoint_load(checkpoint_file.read_text(), KEY.encode()).streams


def test_a_tail_deleted_and_its_head_moved_back_is_caught_by_the_checkpoint(
    checkpoint_file: Path,
) -> None:
    events = _events()
    call_command("audit_verify")
    _sql("SET LOCAL session_replication_role = replica")
    _sql("DELETE FROM audit_auditevent WHERE id >= %s", [events[3].pk])
    AuditChainHead.objects.filter(stream=events[2].stream).update(
        last_event_id=events[2].pk, last_hash=events[2].hash
    )
    assert audit_chain_verify().intact
    _verify_fails(f"#{events[-1].pk} (luồng “{events[-1].stream}”)", "ngắn hơn mốc kiểm tra")


def test_a_tail_rewritten_with_recomputed_hashes_is_caught_by_the_checkpoint(
    checkpoint_file: Path,
) -> None:
    events = _events()
    call_command("audit_verify")
    _sql("SET LOCAL session_replication_role = replica")
    # Rewrite the last three events and recompute each hash from the one before.
    prev_hash = events[1].hash
    for event in events[2:]:
        event.after = {"forged": True}
        event.prev_hash = prev_hash
        event.hash = event_hash(prev_hash, fields_for(event))
        _sql(
            "UPDATE audit_auditevent SET after = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [json.dumps(event.after), event.prev_hash, event.hash, event.pk],
        )
        prev_hash = event.hash
    AuditChainHead.objects.filter(stream=events[-1].stream).update(last_hash=prev_hash)
    # The chain and its head row agree with each other: only the checkpoint can tell.
    assert audit_chain_verify().intact
    _verify_fails(f"#{events[-1].pk} (luồng “{events[-1].stream}”)", "đã bị viết lại")


def test_an_edited_checkpoint_file_is_caught(checkpoint_file: Path) -> None:
    events = _events()
    call_command("audit_verify")
    document = json.loads(checkpoint_file.read_text())
    document["streams"][events[-1].stream][0] -= 2  # as if the stream had been shorter
    checkpoint_file.write_text(json.dumps(document))
    _verify_fails("tệp mốc kiểm tra", "đã bị sửa")


def test_a_checkpoint_signed_with_another_key_is_caught(checkpoint_file: Path) -> None:
    _events()
    checkpoint_file.parent.mkdir(parents=True)
    checkpoint_file.write_text(checkpoint_dump(Checkpoint("2026-01-01T00:00:00", {}), b"khac"))
    _verify_fails("không ký bằng khóa này")


def test_the_key_may_live_in_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "khoa"
    key_file.write_text(KEY + "\n")
    path = tmp_path / "moc.json"
    with override_settings(
        AUDIT_CHECKPOINT_FILE=path, AUDIT_CHECKPOINT_KEY="", AUDIT_CHECKPOINT_KEY_FILE=key_file
    ):
        assert audit_verify_with_checkpoint().written == path
    assert checkpoint_load(path.read_text(), KEY.encode()).streams


def test_a_checkpoint_that_cannot_be_written_fails_the_run(tmp_path: Path) -> None:
    (tmp_path / "khong-phai-thu-muc").write_text("")
    path = tmp_path / "khong-phai-thu-muc" / "moc.json"
    with override_settings(AUDIT_CHECKPOINT_FILE=path, AUDIT_CHECKPOINT_KEY=KEY):
        _verify_fails("không ghi được mốc kiểm tra mới")
