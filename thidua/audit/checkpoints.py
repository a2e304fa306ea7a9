"""The checkpoint file: its key, reading it, checking the chain against it, writing the next.

The pure part (signing, comparing) is ``thidua.audit.checkpoint``; this module knows where the
file and the key live (settings ``AUDIT_CHECKPOINT_FILE``, ``AUDIT_CHECKPOINT_KEY`` or
``AUDIT_CHECKPOINT_KEY_FILE``). The key is never stored in the database: whoever can rewrite
the database cannot sign a checkpoint that agrees with the rewrite.
"""

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.audit.checkpoint import (
    Checkpoint,
    CheckpointTamperedError,
    Gap,
    StreamMark,
    checkpoint_dump,
    checkpoint_gaps,
    checkpoint_load,
)
from thidua.audit.selectors import ChainProblem, ChainReport, audit_chain_verify


@dataclass
class Verification:
    report: ChainReport
    problems: list[ChainProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    previous: Checkpoint | None = None
    written: Path | None = None

    @property
    def intact(self) -> bool:
        return not self.problems


def checkpoint_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def checkpoint_key() -> bytes | None:
    """The signing key: ``AUDIT_CHECKPOINT_KEY``, else the content of
    ``AUDIT_CHECKPOINT_KEY_FILE``, else None (no checkpoint is kept)."""
    key: str = getattr(settings, "AUDIT_CHECKPOINT_KEY", "")
    if key:
        return key.encode()
    key_file: str = getattr(settings, "AUDIT_CHECKPOINT_KEY_FILE", "")
    if key_file:
        return Path(key_file).read_bytes().strip() or None
    return None


_GAP_REASONS = {
    Gap.SHORTER: gettext_noop(
        "chuỗi ngắn hơn mốc kiểm tra: mốc đếm %(count)s sự kiện, nay còn %(now)s"
    ),
    Gap.MARK_MISSING: gettext_noop(
        "không còn sự kiện #%(id)s, sự kiện cuối của luồng tại mốc kiểm tra"
    ),
    Gap.MARK_CHANGED: gettext_noop(
        "sự kiện #%(id)s có mã băm khác mốc kiểm tra: chuỗi đã bị viết lại (dù đã tính lại mã băm)"
    ),
    Gap.COUNT_CHANGED: gettext_noop("số sự kiện đến #%(id)s khác mốc kiểm tra (%(count)s)"),
}


_TAMPERED = gettext_noop("tệp mốc kiểm tra %(path)s đã bị sửa hoặc không ký bằng khóa này")
_UNREADABLE = gettext_noop("không đọc được tệp mốc kiểm tra %(path)s: %(error)s")
_UNWRITABLE = gettext_noop("không ghi được mốc kiểm tra mới vào %(path)s: %(error)s")
_KEY_UNREADABLE = gettext_noop("không đọc được tệp khóa %(path)s: %(error)s")


def _gap_problem(stream: str, mark: StreamMark, gap: Gap, report: ChainReport) -> ChainProblem:
    now = report.marks.get(stream)
    reason = _(_GAP_REASONS[gap]) % {
        "count": mark.count,
        "now": now.count if now else 0,
        "id": mark.last_event_id,
    }
    return ChainProblem(stream, mark.last_event_id, reason)


def _write(path: Path, text: str) -> None:
    """Replace the file at once: a crash mid-write leaves the previous checkpoint whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_problem(message: str, path: Path, error: object = "") -> ChainProblem:
    return ChainProblem(None, None, _(message) % {"path": path, "error": error})


def audit_verify_with_checkpoint(*, write: bool = True) -> Verification:
    """Verify the chain, its head rows and the last checkpoint; when all hold (and a key is
    configured) write a new checkpoint of the chain as it is now.

    A checkpoint or key that cannot be read, or written, is a problem like a broken link: the
    run that should have kept the chain's history did not."""
    path = checkpoint_path()
    previous: Checkpoint | None = None
    problems: list[ChainProblem] = []
    notes: list[str] = []
    try:
        key = checkpoint_key()
    except OSError as error:
        key = None
        problems.append(
            _file_problem(_KEY_UNREADABLE, Path(settings.AUDIT_CHECKPOINT_KEY_FILE), error)
        )
    if key is None and not problems:
        notes.append(
            _("Chưa cấu hình khóa AUDIT_CHECKPOINT_KEY: không đối chiếu, không ghi mốc kiểm tra.")
        )
    elif key is not None and path.exists():
        try:
            previous = checkpoint_load(path.read_text(encoding="utf-8"), key)
        except (CheckpointTamperedError, UnicodeDecodeError):
            problems.append(_file_problem(_TAMPERED, path))
        except OSError as error:
            problems.append(_file_problem(_UNREADABLE, path, error))
    elif key is not None:
        notes.append(_("Chưa có mốc kiểm tra trước tại %(path)s.") % {"path": path})
    marks_at = frozenset(m.last_event_id for m in previous.streams.values()) if previous else None
    report = audit_chain_verify(marks_at=marks_at or frozenset())
    problems[:0] = report.problems
    if previous is not None:
        for stream, mark, gap in checkpoint_gaps(
            previous, {s: m.count for s, m in report.marks.items()}, report.seen
        ):
            problems.append(_gap_problem(stream, mark, gap, report))
    verification = Verification(report, problems, notes, previous)
    if key is not None and write and not problems:
        now = timezone.now().astimezone(dt.UTC).isoformat()
        try:
            _write(path, checkpoint_dump(Checkpoint(now, dict(report.marks)), key))
            verification.written = path
        except OSError as error:
            problems.append(_file_problem(_UNWRITABLE, path, error))
    return verification
