"""Writing to the audit log. Always called inside the transaction of the change it records."""

import datetime as dt
import json
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils import timezone

from thidua.audit.chain import GENESIS_HASH, EventFields, event_hash
from thidua.audit.models import AuditChainHead, AuditEvent

_HEAD_ID = 1


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
    )


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=_HEAD_ID).first()
    if head is None:  # the first event ever (or after a test database was emptied)
        AuditChainHead.objects.bulk_create([AuditChainHead(pk=_HEAD_ID)], ignore_conflicts=True)
        head = AuditChainHead.objects.select_for_update().get(pk=_HEAD_ID)
    return head


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
    """Append one event to the chain; refuses to run outside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    real_actor = actor if isinstance(actor, AbstractBaseUser) else None
    head = _locked_head()
    prev_hash = head.last_hash or GENESIS_HASH
    event = AuditEvent(
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
        prev_hash=prev_hash,
    )
    event.hash = event_hash(prev_hash, fields_for(event))
    event.save()
    head.last_event_id = event.pk
    head.last_hash = event.hash
    head.save(update_fields=["last_event_id", "last_hash"])
    return event
