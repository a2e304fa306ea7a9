"""The commands: ``document_build`` writes a draft without issuing it, as the named user may
read; ``tasks_work --once`` works the queue."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from tests.builders.people import persona
from tests.documents.store_world import HEAD, summary_draft
from thidua.documents.models import Document, Register, TaskStatus
from thidua.documents.tasks import task_enqueue

pytestmark = pytest.mark.django_db


def test_document_build_writes_a_draft_and_issues_nothing(tmp_path: Path) -> None:
    term_id = summary_draft().source_id
    Document.objects.all().delete()
    out = tmp_path / "bc.docx"
    call_command(
        "document_build", "summary_report", "--term", str(term_id), "--as", HEAD, "--out", str(out)
    )
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "BÁO CÁO" in text
    assert "tổng kết công tác thi đua năm 2018" in text
    assert not Document.objects.exists()
    assert not Register.objects.exists()


def test_document_build_refuses_who_may_not_read_the_source(tmp_path: Path) -> None:
    term_id = summary_draft().source_id
    persona("nguoingoai")
    with pytest.raises(CommandError):
        call_command(
            "document_build", "summary_report", "--term", str(term_id),
            "--as", "nguoingoai", "--out", str(tmp_path / "x.docx"),
        )  # fmt: skip
    assert not (tmp_path / "x.docx").exists()


def test_a_queued_draft_is_built_by_the_worker() -> None:
    term_id = summary_draft().source_id
    Document.objects.all().delete()
    task = task_enqueue(
        kind="document_draft",
        params={"kind": "summary_report", "source_id": term_id},
        actor=persona(HEAD),
    )
    assert task.status == TaskStatus.QUEUED
    call_command("tasks_work", "--once")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.progress == 100
    assert task.result is not None
    assert task.result.kind == "summary_report"
    assert bytes(task.result.pdf or b"").startswith(b"%PDF")  # printed by the worker


def test_a_task_the_user_may_not_run_fails_with_a_message() -> None:
    term_id = summary_draft().source_id
    task = task_enqueue(
        kind="document_draft",
        params={"kind": "summary_report", "source_id": term_id},
        actor=persona("nguoingoai"),
    )
    call_command("tasks_work", "--once")
    task.refresh_from_db()
    assert task.status == TaskStatus.FAILED
    assert task.message
    assert task.result is None
