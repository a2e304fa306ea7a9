"""The background queue: long builds (a whole sector's roll-up) run outside the request, and the
page polls the task's progress instead of hanging.

A task is a row (``Task``) and a plain function registered by name with ``task``; the
function receives the task and a ``progress(percent, message)`` callback. ``run_task(task_id)``
runs one task to its end, recording success or failure. Two ways to drive it:

- here (nothing to install, ``make demo``): ``manage.py tasks_work`` claims queued rows with
  ``SELECT … FOR UPDATE SKIP LOCKED`` (several workers never take the same task) and calls
  ``run_task``;
- in a scale-out profile, Celery takes over with one wrapper and no change to the functions::

      @shared_task
      def documents_run_task(task_id: int) -> None:
          run_task(task_id)

  and ``task_enqueue`` sends ``documents_run_task.delay(task.pk)`` from
  ``transaction.on_commit`` instead of leaving the row for the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError
from thidua.documents.models import Document, Task, TaskStatus

Progress = Callable[[int, str], None]
TaskFunction = Callable[[Task, Progress], Document | None]

TASKS: dict[str, TaskFunction] = {}


def task(name: str) -> Callable[[TaskFunction], TaskFunction]:
    def register(function: TaskFunction) -> TaskFunction:
        TASKS[name] = function
        return function

    return register


def task_enqueue(*, kind: str, params: dict[str, Any], actor: User) -> Task:
    if kind not in TASKS:
        raise DomainError(_("Không có loại việc này."))
    with transaction.atomic():
        queued = Task.objects.create(kind=kind, params=params, created_by=actor)
        audit_record(actor=actor, action="task.enqueue", obj=queued, after={"params": params})
    return queued


def task_claim() -> Task | None:
    """The oldest queued task, marked running; None when the queue is empty. A task another
    worker holds locked is skipped, not waited for."""
    with transaction.atomic():
        found = (
            Task.objects.select_for_update(skip_locked=True)
            .filter(status=TaskStatus.QUEUED)
            .order_by("created_at", "pk")
            .first()
        )
        if found is None:
            return None
        found.status = TaskStatus.RUNNING
        found.save(update_fields=["status", "updated_at"])
        return found


def run_task(task_id: int) -> None:
    """Run one task to its end: done with its result, or failed with a message for the user."""
    current = Task.objects.select_related("created_by").get(pk=task_id)
    function = TASKS.get(current.kind)

    def progress(percent: int, message: str) -> None:
        Task.objects.filter(pk=task_id).update(
            progress=max(0, min(100, percent)), message=message[:500]
        )

    if function is None:
        Task.objects.filter(pk=task_id).update(
            status=TaskStatus.FAILED, message=_("Không có loại việc này.")
        )
        return
    Task.objects.filter(pk=task_id).update(status=TaskStatus.RUNNING)
    try:
        result = function(current, progress)
    except DomainError as error:
        Task.objects.filter(pk=task_id).update(status=TaskStatus.FAILED, message=error.message)
        return
    except Exception:
        Task.objects.filter(pk=task_id).update(
            status=TaskStatus.FAILED, message=_("Có lỗi khi chạy việc này; hãy thử lại sau.")
        )
        raise
    Task.objects.filter(pk=task_id).update(
        status=TaskStatus.DONE, progress=100, message=_("Đã xong."), result=result
    )


@task("document_draft")
def draft_in_background(current: Task, progress: Progress) -> Document:
    """Draft a document (``params``: kind, source_id) as the user who asked for it, and print
    its PDF here too, so that opening the preview of a long document does not wait on it."""
    from thidua.documents.services import document_draft, document_pdf

    progress(10, _("Đang tổng hợp số liệu…"))
    document = document_draft(
        actor=current.created_by,
        kind=str(current.params.get("kind", "")),
        source_id=int(current.params.get("source_id", 0)),
    )
    progress(60, _("Đang in bản PDF…"))
    document_pdf(actor=current.created_by, document=document)
    return document
