"""Shared makings of the protocol tests: trustees, questions and ballots, and a byte flipper."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from thidua.voting.protocol import (
    Ballot,
    PartialDecryption,
    Question,
    TrusteeKey,
    ballot_encrypt,
    partial_decrypt,
    public_key_combine,
    record_build,
    tally_decrypt,
    tally_encrypted,
    trustee_keygen,
)

CONTEXT = "thidua:vote:3f1c2a9e-5b7d-4c1e-9a0b-2d6e8f4a1c37"
OTHER_CONTEXT = "thidua:vote:8a2b4c6d-0e1f-4a3b-8c5d-7e9f1a2b3c4d"

# The four vote kinds as questions (ballot.py's docstring).
DELIBERATION = [Question(1, 0, 1)] * 4
ELECTION = [Question(5, 0, 2)]
CONFIDENCE = [Question(3, 1, 1)] * 2
MOTION = [Question(2, 1, 1)]


@dataclass
class Trustees:
    secrets: list[bytes]
    keys: list[TrusteeKey]

    @property
    def public_key(self) -> bytes:
        return public_key_combine(self.keys)

    def decrypt(self, ballots: list[Ballot], questions: list[Question]) -> list[PartialDecryption]:
        tally = tally_encrypted(ballots, questions)
        return [
            partial_decrypt(secret, key, tally, CONTEXT)
            for secret, key in zip(self.secrets, self.keys, strict=True)
        ]


def trustees(n: int = 2, context: str = CONTEXT) -> Trustees:
    pairs = [trustee_keygen(context) for _ in range(n)]
    return Trustees([s for s, _ in pairs], [k for _, k in pairs])


def first_valid_answers(questions: list[Question]) -> list[list[int]]:
    """Each question answered with its ``min`` first options chosen (at least one if it may)."""
    answers = []
    for q in questions:
        chosen = max(q.min, min(1, q.max))
        answers.append([1] * chosen + [0] * (q.options - chosen))
    return answers


def record_of(
    board: Trustees, questions: list[Question], answers: list[list[list[int]]]
) -> dict[str, Any]:
    ballots = [ballot_encrypt(board.public_key, a, questions, CONTEXT) for a in answers]
    partials = board.decrypt(ballots, questions)
    result = tally_decrypt(tally_encrypted(ballots, questions), partials, len(ballots))
    return record_build(
        vote={"context": CONTEXT, "title": "Bầu cụm trưởng"},
        questions=questions,
        keys=board.keys,
        ballots=ballots,
        partials=partials,
        result=result,
    )


def flip_hex(value: str, position: int) -> str:
    """The hexadecimal string with one character changed (so one byte of it differs)."""
    index = position % len(value)
    replacement = "0" if value[index] != "0" else "1"
    return value[:index] + replacement + value[index + 1 :]


def with_changed(obj: Any, path: list[Any], position: int) -> Any:
    """A deep copy of ``obj`` with the hex string at ``path`` changed at ``position``."""
    changed = copy.deepcopy(obj)
    holder = changed
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = flip_hex(holder[path[-1]], position)
    return changed


def hex_paths(obj: Any, prefix: list[Any] | None = None) -> list[list[Any]]:
    """Every path to a 64-character hexadecimal string inside a JSON value."""
    prefix = prefix or []
    if isinstance(obj, dict):
        return [p for key, value in obj.items() for p in hex_paths(value, [*prefix, key])]
    if isinstance(obj, list):
        return [p for i, value in enumerate(obj) for p in hex_paths(value, [*prefix, i])]
    if isinstance(obj, str) and len(obj) == 64:
        return [prefix]
    return []
