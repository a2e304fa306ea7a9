"""The election record: everything anyone needs to recompute and check a vote's result
without the server — the questions, the trustees' keys and proofs, the public key, every
ballot with its tracker, the encrypted tally, the trustees' partial decryptions and the result.

:func:`record_verify` trusts none of the record's derived figures: it checks each key proof,
adds the shares up into the public key, checks each ballot's proofs and tracker, refuses two
ballots sharing a ciphertext (a copied ballot), adds up the tally itself from every ballot,
checks each partial decryption against that recomputed tally, and decrypts the result again.
A record whose tally leaves out a ballot, or was decrypted over a subset, does not verify.
"""

from __future__ import annotations

from typing import Any

from thidua.voting.protocol.ballot import Ballot, Question, ballot_verify, tracker_of
from thidua.voting.protocol.encoding import bytes_from_hex, field, integer, list_of, to_hex
from thidua.voting.protocol.errors import ProtocolError
from thidua.voting.protocol.keys import TrusteeKey, public_key_combine, trustee_key_verify
from thidua.voting.protocol.tally import (
    EncryptedTally,
    PartialDecryption,
    partial_verify,
    tally_decrypt,
    tally_encrypted,
)

FORMAT = "thidua/vote-record/v1"


def _context(vote: object) -> str:
    context = field(vote, "context", "the vote")
    if not isinstance(context, str) or not context:
        raise ProtocolError("the vote's context is not a text")
    return context


def _entry(content: dict[str, object]) -> dict[str, object]:
    """A ballot as the record lists it, serialised once for both its tracker and itself."""
    return {"tracker": tracker_of(content), "ballot": content}


def record_build(
    *,
    vote: dict[str, Any],
    questions: list[Question],
    keys: list[TrusteeKey],
    ballots: list[Ballot],
    partials: list[PartialDecryption],
    result: list[list[int]] | None,
) -> dict[str, Any]:
    """The record as published (plain JSON). ``vote`` carries at least ``context`` (the text
    every proof is bound to); the rest of it (identifier, title, kind, times as ISO text…) is
    copied as it is and must be JSON values. ``partials`` follow the order of ``keys``."""
    _context(vote)
    return {
        "format": FORMAT,
        "vote": vote,
        "questions": [question.to_json() for question in questions],
        "trustees": [key.to_json() for key in keys],
        "public_key": to_hex(public_key_combine(keys)),
        "ballots": [_entry(ballot.to_json()) for ballot in ballots],
        "tally": tally_encrypted(ballots, questions).to_json(),
        "partials": [partial.to_json() for partial in partials],
        "result": result,
    }


def _result(value: object) -> list[list[int]] | None:
    if value is None:
        return None
    return [
        [integer(count, "a count of the result") for count in list_of(row, "the result")]
        for row in list_of(value, "the result")
    ]


def _read_ballots(
    entries: list[object], public_key: bytes, questions: list[Question], context: str
) -> tuple[list[Ballot], list[str]]:
    """Every ballot that can be read, and what is wrong with any of them."""
    ballots: list[Ballot] = []
    problems: list[str] = []
    seen_alphas: dict[bytes, int] = {}
    for n, entry in enumerate(entries, start=1):
        try:
            ballot = Ballot.from_json(field(entry, "ballot", f"ballot {n}"))
            tracker = field(entry, "tracker", f"ballot {n}")
        except ProtocolError as exc:
            problems.append(f"ballot {n} is malformed: {exc}")
            continue
        ballots.append(ballot)
        if tracker != ballot.tracker():
            problems.append(f"ballot {n}: its tracker {tracker} is not the hash of the ballot")
        try:
            verified = ballot_verify(public_key, ballot, questions, context)
        except ProtocolError:
            verified = False
        if not verified:
            problems.append(f"ballot {n} (tracker {ballot.tracker()}): its proofs do not verify")
        for alpha in ballot.alphas():
            if alpha in seen_alphas:
                problems.append(f"ballot {n} repeats a ciphertext of ballot {seen_alphas[alpha]}")
                break
            seen_alphas[alpha] = n
    return ballots, problems


def _verify_decryption(
    record: dict[str, Any],
    keys: list[TrusteeKey],
    tally: EncryptedTally,
    ballot_count: int,
    context: str,
) -> list[str]:
    problems: list[str] = []
    entries = list_of(record.get("partials", []), "the partial decryptions")
    claimed = _result(record.get("result"))
    if not entries:
        return ["a result is given without the trustees' decryptions"] if claimed else []
    if len(entries) != len(keys):
        return [f"{len(entries)} partial decryptions for {len(keys)} trustees (all are needed)"]
    partials = []
    for n, (entry, key) in enumerate(zip(entries, keys, strict=True), start=1):
        try:
            partial = PartialDecryption.from_json(entry)
        except ProtocolError as exc:
            problems.append(f"trustee {n}'s partial decryption is malformed: {exc}")
            continue
        if not partial_verify(key, tally, partial, context):
            problems.append(
                f"trustee {n}'s partial decryption does not verify against the tally of every"
                " ballot"
            )
        partials.append(partial)
    if problems:
        return problems
    try:
        result = tally_decrypt(tally, partials, ballot_count)
    except ProtocolError as exc:
        return [f"the tally does not decrypt: {exc}"]
    if claimed != result:
        return [f"the result {claimed} is not the decrypted tally {result}"]
    return []


def record_verify(record: dict[str, Any]) -> list[str]:
    """Every problem of the record, in order; an empty list when it verifies."""
    try:
        if record.get("format") != FORMAT:
            return [f"the record is not a {FORMAT} record"]
        context = _context(record.get("vote"))
        questions = [
            Question.from_json(q) for q in list_of(record.get("questions"), "the questions")
        ]
        keys = [TrusteeKey.from_json(k) for k in list_of(record.get("trustees"), "the trustees")]
        public_key = bytes_from_hex(record.get("public_key"), "the public key")
        entries = list_of(record.get("ballots"), "the ballots")
        claimed_tally = EncryptedTally.from_json(record.get("tally"))
    except ProtocolError as exc:
        return [f"the record is malformed: {exc}"]
    problems = [
        f"trustee {n}'s key proof does not verify"
        for n, key in enumerate(keys, start=1)
        if not trustee_key_verify(key, context)
    ]
    if len({key.public for key in keys}) != len(keys):
        # A trustee who sends another's key part makes the vote's key a multiple of that
        # trustee's secret: that one trustee alone could then decrypt any ballot.
        problems.append("two trustees have the same key part")
    try:
        combined = public_key_combine(keys)
    except ProtocolError as exc:
        return [*problems, f"the trustees' keys: {exc}"]
    if combined != public_key:
        problems.append("the public key is not the sum of the trustees' keys")
    ballots, ballot_problems = _read_ballots(entries, combined, questions, context)
    problems += ballot_problems
    try:
        tally = tally_encrypted(ballots, questions)
    except ProtocolError as exc:
        return [*problems, f"the tally cannot be added up: {exc}"]
    if claimed_tally != tally:
        problems.append("the record's tally is not the sum of every ballot")
    try:
        problems += _verify_decryption(record, keys, tally, len(entries), context)
    except ProtocolError as exc:
        problems.append(f"the record is malformed: {exc}")
    return problems


def record_summary(record: dict[str, Any]) -> str:
    """One line for a record that verifies: its ballots, trustees and result."""
    result = record.get("result")
    counts = "not yet decrypted" if result is None else f"result {result}"
    return (
        f"{len(record['ballots'])} ballots, {len(record['trustees'])} trustees, tally of every"
        f" ballot, {counts}"
    )
