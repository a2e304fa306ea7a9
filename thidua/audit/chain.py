"""Pure hashing of audit events (no Django import): the same bytes on every machine.

The log is several chains, called streams, rather than one: each event links to the previous
event of its own stream, so writers on different streams never wait for each other. An event
goes to the stream its object hashes to (``stream_of``), unless its transaction has already
written to a stream; then it joins that one, so a transaction holds one stream's lock at most
and two transactions can never each wait for the other's stream.

Stream ``""`` is the single chain the log was before it had streams; its events are hashed as
they always were. A *seal* (stream ``SEAL_STREAM``) records the head of every stream at one
moment, which merges the streams into one verifiable history.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64
LEGACY_STREAM = ""
SEAL_STREAM = "seal"
DEFAULT_STREAMS = 64


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
    stream: str = LEGACY_STREAM


def stream_of(object_type: str, object_id: str, *, streams: int = DEFAULT_STREAMS) -> str:
    """The stream of an object's events: ``s00`` … by a hash of its type and key."""
    digest = hashlib.sha256(f"{object_type}:{object_id}".encode()).digest()
    return f"s{int.from_bytes(digest[:4], 'big') % streams:02d}"


def event_hash(prev_hash: str, fields: EventFields) -> str:
    parts: list[Any] = [
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
    ]
    if fields.stream != LEGACY_STREAM:  # events of the single chain keep their hashes
        parts.append(fields.stream)
    payload = json.dumps(
        parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
