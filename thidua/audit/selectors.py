"""Reading and verifying the audit log."""

from dataclasses import dataclass

from django.db.models import QuerySet

from thidua.audit.chain import GENESIS_HASH, SEAL_STREAM, event_hash
from thidua.audit.models import AuditEvent
from thidua.audit.services import fields_for


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_event_id: int | None
    reason: str
    stream: str = ""  # the broken event's stream
    streams: int = 0  # streams seen

    @property
    def intact(self) -> bool:
        return self.broken_event_id is None


def _seal_problem(event: AuditEvent, heads: dict[str, tuple[int, str]]) -> str:
    """Why a seal does not match the streams as read so far, or "".

    In id order every event of a stream that the seal covers comes before it, so the head the
    seal recorded must be the last event read of that stream."""
    recorded = (event.after or {}).get("heads", {}) if isinstance(event.after, dict) else {}
    for stream, (last_id, last_hash) in sorted(recorded.items()):
        if heads.get(stream, (0, "")) != (last_id, last_hash):
            return f"seal does not match the head of stream {stream or '(single chain)'}"
    return ""


def audit_chain_verify() -> ChainReport:
    """Walk every stream in id order and report the first event whose link does not hold."""
    heads: dict[str, tuple[int, str]] = {}
    checked = 0

    def broken(event: AuditEvent, reason: str) -> ChainReport:
        return ChainReport(checked, event.pk, reason, event.stream, len(heads))

    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        prev_hash = heads.get(event.stream, (0, GENESIS_HASH))[1]
        if event.prev_hash != prev_hash:
            return broken(event, "prev_hash does not match the previous event of its stream")
        if event_hash(prev_hash, fields_for(event)) != event.hash:
            return broken(event, "content does not match its hash")
        if event.stream == SEAL_STREAM and (problem := _seal_problem(event, heads)):
            return broken(event, problem)
        heads[event.stream] = (event.pk, event.hash)
        checked += 1
    return ChainReport(checked, None, "", "", len(heads))


def audit_events_recent() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.order_by("-id")
