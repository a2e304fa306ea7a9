"""Reading and verifying the audit log."""

from dataclasses import dataclass

from django.db.models import QuerySet

from thidua.audit.chain import GENESIS_HASH, event_hash
from thidua.audit.models import AuditEvent
from thidua.audit.services import fields_for


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_event_id: int | None
    reason: str

    @property
    def intact(self) -> bool:
        return self.broken_event_id is None


def audit_chain_verify() -> ChainReport:
    """Walk the chain in order and report the first event whose link does not hold."""
    prev_hash = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev_hash:
            return ChainReport(checked, event.pk, "prev_hash does not match the previous event")
        if event_hash(prev_hash, fields_for(event)) != event.hash:
            return ChainReport(checked, event.pk, "content does not match its hash")
        prev_hash = event.hash
        checked += 1
    return ChainReport(checked, None, "")


def audit_events_recent() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.order_by("-id")
