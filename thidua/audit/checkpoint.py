"""A signed checkpoint of the audit log, kept outside the database (no Django import).

The hash chain proves that no event was changed *relative to the events after it*; someone who
can write the database can still cut the tail, or rewrite it and recompute every hash and the
head row. A checkpoint records, per stream, how many events there were and the last one's id
and hash, signed with HMAC-SHA256 under a key the database does not hold, in a file the
operator keeps on another disk or machine. A later chain must extend it: at least as many
events, and the same event, with the same hash and the same count before it, at the
checkpoint's last id. Only someone holding the key can write a checkpoint that agrees with a
rewritten chain.
"""

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FORMAT = "thidua-audit-checkpoint/1"


class CheckpointTamperedError(ValueError):
    """The file is not a checkpoint signed with this key."""


@dataclass(frozen=True)
class StreamMark:
    """A stream at one moment: its number of events, its last event's id and hash."""

    count: int
    last_event_id: int
    last_hash: str


@dataclass(frozen=True)
class Checkpoint:
    created_at: str  # ISO 8601, UTC
    streams: Mapping[str, StreamMark]


@dataclass(frozen=True)
class SeenAtMark:
    """What the chain holds at a checkpoint's last event of a stream: the event's stream and
    hash, and how many events of that stream come up to it."""

    stream: str
    count_to_here: int
    hash: str


class Gap(StrEnum):
    SHORTER = "shorter"  # fewer events than the checkpoint counted
    MARK_MISSING = "mark_missing"  # the checkpoint's last event is gone (or moved stream)
    MARK_CHANGED = "mark_changed"  # it is there with another hash: the chain was rewritten
    COUNT_CHANGED = "count_changed"  # events before it were removed or added


def _payload(checkpoint: Checkpoint) -> bytes:
    document = {
        "format": FORMAT,
        "created_at": checkpoint.created_at,
        "streams": {
            name: [mark.count, mark.last_event_id, mark.last_hash]
            for name, mark in sorted(checkpoint.streams.items())
        },
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def _signature(payload: bytes, key: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def checkpoint_dump(checkpoint: Checkpoint, key: bytes) -> str:
    """The checkpoint as the JSON text of its file, signed."""
    document = json.loads(_payload(checkpoint))
    document["signature"] = _signature(_payload(checkpoint), key)
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def checkpoint_load(text: str, key: bytes) -> Checkpoint:
    """Read a checkpoint file; ``CheckpointTamperedError`` unless it is well formed and its
    signature is the key's."""
    try:
        document: Any = json.loads(text)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise CheckpointTamperedError("not a checkpoint")
        streams = {
            str(name): StreamMark(int(count), int(last_id), str(last_hash))
            for name, (count, last_id, last_hash) in dict(document["streams"]).items()
        }
        checkpoint = Checkpoint(created_at=str(document["created_at"]), streams=streams)
        signature = str(document["signature"])
    except (ValueError, KeyError, TypeError) as error:
        raise CheckpointTamperedError(str(error)) from error
    if not hmac.compare_digest(signature, _signature(_payload(checkpoint), key)):
        raise CheckpointTamperedError("signature does not match")
    return checkpoint


def checkpoint_gaps(
    checkpoint: Checkpoint, counts: Mapping[str, int], seen: Mapping[int, SeenAtMark]
) -> list[tuple[str, StreamMark, Gap]]:
    """How today's chain fails to extend the checkpoint, stream by stream.

    ``counts`` is the number of events per stream now; ``seen`` what the chain holds at each
    of the checkpoint's last event ids (absent when no event has that id)."""
    gaps: list[tuple[str, StreamMark, Gap]] = []
    for name, mark in sorted(checkpoint.streams.items()):
        if mark.count == 0:
            continue
        found = seen.get(mark.last_event_id)
        if counts.get(name, 0) < mark.count:
            gaps.append((name, mark, Gap.SHORTER))
        elif found is None or found.stream != name:
            gaps.append((name, mark, Gap.MARK_MISSING))
        elif found.hash != mark.last_hash:
            gaps.append((name, mark, Gap.MARK_CHANGED))
        elif found.count_to_here != mark.count:
            gaps.append((name, mark, Gap.COUNT_CHANGED))
    return gaps
