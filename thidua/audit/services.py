"""Writing to the audit log. Always called inside the transaction of the change it records."""

import datetime as dt
import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from thidua.audit.chain import (
    DEFAULT_STREAMS,
    GENESIS_HASH,
    SEAL_STREAM,
    EventFields,
    event_hash,
    stream_of,
)
from thidua.audit.models import AuditChainHead, AuditEvent

# Where a connection keeps the stream of its current transaction: (outermost atomic, stream).
_TRANSACTION_STREAM = "thidua_audit_stream"


def jsonable(value: Any) -> Any:
    """Dates, decimals and the like as the strings the hash and the JSON column will keep."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def fields_for(event: AuditEvent) -> EventFields:
    return EventFields(
        at=event.at.isoformat(),
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        before=event.before,
        after=event.after,
        stream=event.stream,
    )


def _locked_head(stream: str) -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(stream=stream).first()
    if head is None:  # the stream's first event (or the first after a test emptied the log)
        AuditChainHead.objects.bulk_create([AuditChainHead(stream=stream)], ignore_conflicts=True)
        head = AuditChainHead.objects.select_for_update().get(stream=stream)
    return head


def _transaction_stream(connection: BaseDatabaseWrapper, object_type: str, object_id: str) -> str:
    """The stream of this transaction: the one it already appends to, else its object's.

    Keyed by the outermost atomic block, and forgotten at commit. After a rollback the next
    transaction may reuse the key (a decorated function's block is one object) and so the
    stream: harmless, since the stream's head is locked again for every event."""
    outermost = connection.atomic_blocks[0] if connection.atomic_blocks else None
    kept = getattr(connection, _TRANSACTION_STREAM, None)
    if kept is not None and kept[0] is outermost:
        stream: str = kept[1]
    else:
        count = getattr(settings, "AUDIT_STREAMS", DEFAULT_STREAMS)
        stream = stream_of(object_type, object_id, streams=count)
        setattr(connection, _TRANSACTION_STREAM, (outermost, stream))
    # Registered with every event: a savepoint that rolls back drops the callbacks made in it.
    transaction.on_commit(lambda: setattr(connection, _TRANSACTION_STREAM, None))
    return stream


def _append(head: AuditChainHead, event: AuditEvent) -> AuditEvent:
    """Link ``event`` to the head of its stream (locked by the caller) and save both."""
    event.stream = head.stream
    event.prev_hash = head.last_hash or GENESIS_HASH
    event.hash = event_hash(event.prev_hash, fields_for(event))
    event.save()
    head.last_event_id = event.pk
    head.last_hash = event.hash
    head.save(update_fields=["last_event_id", "last_hash"])
    return event


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: Any = None,
    after: Any = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event to its stream; refuses to run outside a transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    real_actor = actor if isinstance(actor, AbstractBaseUser) else None
    head = _locked_head(_transaction_stream(connection, object_type, object_id))
    return _append(
        head,
        AuditEvent(
            # The database hands times back in UTC; hash them in UTC too or the chain breaks.
            at=(at or timezone.now()).astimezone(dt.UTC),
            actor_id=real_actor.pk if real_actor else None,
            actor_label=real_actor.get_username() if real_actor else "hệ thống",
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            before=jsonable(before),
            after=jsonable(after),
        ),
    )


def audit_seal() -> AuditEvent:
    """Record the head of every stream in one event of the seal stream.

    Every head is locked (in order, so seals never deadlock each other) before the seal is
    written: an event either is below its stream's recorded head, or comes after the seal.
    ``audit_chain_verify`` checks each seal against the streams, which binds them into one
    history. Run it from time to time (``manage.py audit_seal``), like the deadline job.
    """
    with transaction.atomic():
        heads = AuditChainHead.objects.select_for_update().exclude(stream=SEAL_STREAM)
        recorded = {h.stream: [h.last_event_id, h.last_hash] for h in heads.order_by("stream")}
        return _append(
            _locked_head(SEAL_STREAM),
            AuditEvent(
                at=timezone.now().astimezone(dt.UTC),
                actor_label="hệ thống",
                action="audit.seal",
                object_type="audit.auditchainhead",
                after=jsonable({"heads": recorded}),
            ),
        )
