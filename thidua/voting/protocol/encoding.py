"""How the protocol writes bytes: the Fiat–Shamir hash and the JSON of keys, ballots, tallies
and proofs. The browser (``thidua/web/static/web/js/vote-protocol.js``) does the same, byte for
byte, so a ballot made there verifies here and has the same tracker.

- **Hash to a challenge**: SHA-512 of a list of parts, reduced modulo ``L`` by libsodium. Each
  part is preceded by its length on 8 bytes (big-endian), so no two different lists hash alike
  (without it, ``("ab", "c")`` and ``("a", "bc")`` would). The first part names the statement
  (``thidua/vote/v1/<domain>``: a key, a choice, an answer, a decryption), so a proof of one
  kind is never read as another; the second is the vote's context (its identifier), so a proof
  made for one vote does not verify in another. Points and scalars are their 32 bytes; small
  numbers (the range a proof covers) are 8 bytes big-endian; text is UTF-8.
- **JSON**: points and scalars in lowercase hexadecimal, 64 characters; canonical JSON (keys
  sorted, no spaces, ASCII) for the tracker.
"""

from __future__ import annotations

import hashlib
import json
import re

from thidua.voting.protocol.errors import ProtocolError
from thidua.voting.protocol.group import is_scalar, scalar_reduce

DOMAIN_PREFIX = "thidua/vote/v1/"
_HEX32 = re.compile(r"[0-9a-f]{64}")

Part = bytes | int | str


def _part_bytes(part: Part) -> bytes:
    if isinstance(part, bytes):
        return part
    if isinstance(part, str):
        return part.encode()
    return part.to_bytes(8, "big")


def hash_to_scalar(domain: str, context: str, *parts: Part) -> bytes:
    """The challenge of a proof: SHA-512 of the length-prefixed parts, modulo ``L``."""
    digest = hashlib.sha512()
    for part in (DOMAIN_PREFIX + domain, context, *parts):
        data = _part_bytes(part)
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return scalar_reduce(digest.digest())


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def sha256_hex(value: object) -> str:
    return hashlib.sha256(canonical_json(value).encode()).hexdigest()


def to_hex(value: bytes) -> str:
    return value.hex()


def bytes_from_hex(value: object, what: str) -> bytes:
    """32 bytes from 64 lowercase hexadecimal characters (one spelling per value)."""
    if not isinstance(value, str) or not _HEX32.fullmatch(value):
        raise ProtocolError(f"{what} is not 64 lowercase hexadecimal characters")
    return bytes.fromhex(value)


def scalar_from_hex(value: object, what: str) -> bytes:
    scalar = bytes_from_hex(value, what)
    if not is_scalar(scalar):
        raise ProtocolError(f"{what} is not a scalar below the group order")
    return scalar


def field(obj: object, name: str, what: str) -> object:
    if not isinstance(obj, dict):
        raise ProtocolError(f"{what} is not an object")
    if name not in obj:
        raise ProtocolError(f"{what} has no {name!r}")
    return obj[name]


def exact_keys(obj: object, names: tuple[str, ...], what: str) -> None:
    """A ballot's parts hold exactly their keys: nothing the tracker would not cover."""
    if not isinstance(obj, dict):
        raise ProtocolError(f"{what} is not an object")
    if set(obj) != set(names):
        raise ProtocolError(f"{what} holds {sorted(obj)}, not {sorted(names)}")


def list_of(value: object, what: str, length: int | None = None) -> list[object]:
    if not isinstance(value, list):
        raise ProtocolError(f"{what} is not a list")
    if length is not None and len(value) != length:
        raise ProtocolError(f"{what} has {len(value)} items, not {length}")
    return value


def integer(value: object, what: str) -> int:
    if type(value) is not int:
        raise ProtocolError(f"{what} is not an integer")
    return value
