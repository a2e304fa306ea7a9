"""Pure hashing of audit events (no Django import): the same bytes on every machine."""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class EventFields:
    at: str
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: Any
    after: Any


def event_hash(prev_hash: str, fields: EventFields) -> str:
    payload = json.dumps(
        [
            prev_hash,
            fields.at,
            fields.actor_id,
            fields.actor_label,
            fields.action,
            fields.object_type,
            fields.object_id,
            fields.object_repr,
            fields.before,
            fields.after,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
