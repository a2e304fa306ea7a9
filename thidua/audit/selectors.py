"""Reading and verifying the audit log."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.audit.chain import GENESIS_HASH, SEAL_STREAM, event_hash
from thidua.audit.checkpoint import SeenAtMark, StreamMark
from thidua.audit.models import AuditChainHead, AuditEvent
from thidua.audit.services import fields_for


@dataclass(frozen=True)
class ChainProblem:
    stream: str | None  # None: a problem of no one stream (the checkpoint file)
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        if self.stream is None:
            return self.reason
        where = f"#{self.event_id} " if self.event_id else ""
        return _("%(where)s(luồng “%(stream)s”): %(reason)s") % {
            "where": where,
            "stream": self.stream,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ChainReport:
    checked: int  # events whose link holds
    problems: tuple[ChainProblem, ...] = ()
    # Each stream as read: its number of events, last id and hash (what a checkpoint records).
    marks: Mapping[str, StreamMark] = field(default_factory=dict)
    # What the chain holds at the event ids asked for (a checkpoint's last events).
    seen: Mapping[int, SeenAtMark] = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def streams(self) -> int:
        return len(self.marks)

    @property
    def broken_event_id(self) -> int | None:
        return self.problems[0].event_id if self.problems else None

    @property
    def stream(self) -> str:
        return (self.problems[0].stream or "") if self.problems else ""

    @property
    def reason(self) -> str:
        return self.problems[0].reason if self.problems else ""


def _seal_problem(event: AuditEvent, heads: dict[str, tuple[int, str]]) -> str:
    """Why a seal does not match the streams as read so far, or "".

    In id order every event of a stream that the seal covers comes before it, so the head the
    seal recorded must be the last event read of that stream."""
    recorded = (event.after or {}).get("heads", {}) if isinstance(event.after, dict) else {}
    for stream, (last_id, last_hash) in sorted(recorded.items()):
        if heads.get(stream, (0, "")) != (last_id, last_hash):
            return _("niêm phong không khớp đầu luồng %(stream)s") % {
                "stream": stream or _("(chuỗi đơn)")
            }
    return ""


def _head_problems(heads: dict[str, tuple[int, str]], counts: dict[str, int]) -> list[ChainProblem]:
    """The chain read against the head rows: a stream whose head names a later or another
    last event lost its tail (or had it rewritten without the head)."""
    problems = []
    rows = {h.stream: h for h in AuditChainHead.objects.all()}
    for stream in sorted(set(rows) | set(heads)):
        row = rows.get(stream)
        last_id, last_hash = heads.get(stream, (0, ""))
        if row is None:
            problems.append(ChainProblem(stream, last_id, _("luồng không có dòng đầu chuỗi")))
        elif row.last_event_id != last_id and last_id == 0:
            problems.append(
                ChainProblem(
                    stream,
                    row.last_event_id,
                    _("đầu chuỗi ghi sự kiện cuối #%(id)s nhưng luồng không còn sự kiện nào")
                    % {"id": row.last_event_id},
                )
            )
        elif row.last_event_id > last_id:
            problems.append(
                ChainProblem(
                    stream,
                    row.last_event_id,
                    _(
                        "mất phần cuối chuỗi: đầu chuỗi ghi sự kiện cuối #%(head)s, "
                        "chuỗi chỉ còn đến #%(last)s (%(count)s sự kiện)"
                    )
                    % {"head": row.last_event_id, "last": last_id, "count": counts[stream]},
                )
            )
        elif (row.last_event_id, row.last_hash) != (last_id, last_hash):
            problems.append(
                ChainProblem(
                    stream,
                    last_id,
                    _("sự kiện cuối #%(last)s không khớp đầu chuỗi (#%(head)s)")
                    % {"last": last_id, "head": row.last_event_id},
                )
            )
    return problems


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """Read the events and the head rows as of one moment, so appends made meanwhile by other
    connections are neither half seen nor taken for a cut tail."""
    if connection.in_atomic_block:  # already inside a transaction (a test, a caller's)
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def audit_chain_verify(*, marks_at: frozenset[int] = frozenset()) -> ChainReport:
    """Walk every stream in id order and report each event whose link does not hold, then
    compare each stream's last event with its head row.

    ``marks_at``: event ids (a checkpoint's last events) whose stream, hash and count up to
    them are reported in ``seen``."""
    heads: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    seen: dict[int, SeenAtMark] = {}
    problems: list[ChainProblem] = []
    checked = 0
    with _one_snapshot():
        for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
            prev_hash = heads.get(event.stream, (0, GENESIS_HASH))[1]
            # After a broken link the walk goes on from the event as stored, so each change
            # is reported once, where it is.
            if event.prev_hash != prev_hash:
                problems.append(
                    ChainProblem(
                        event.stream,
                        event.pk,
                        _("mã băm trước không khớp sự kiện trước của luồng (thiếu sự kiện?)"),
                    )
                )
            elif event_hash(prev_hash, fields_for(event)) != event.hash:
                problems.append(
                    ChainProblem(event.stream, event.pk, _("nội dung không khớp mã băm"))
                )
            elif event.stream == SEAL_STREAM and (problem := _seal_problem(event, heads)):
                problems.append(ChainProblem(event.stream, event.pk, problem))
            else:
                checked += 1
            heads[event.stream] = (event.pk, event.hash)
            counts[event.stream] = counts.get(event.stream, 0) + 1
            if event.pk in marks_at:
                seen[event.pk] = SeenAtMark(event.stream, counts[event.stream], event.hash)
        problems.extend(_head_problems(heads, counts))
    marks = {s: StreamMark(counts[s], last_id, h) for s, (last_id, h) in heads.items()}
    return ChainReport(checked, tuple(problems), marks, seen)


def audit_events_recent() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.order_by("-id")
