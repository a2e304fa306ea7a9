"""What ``manage.py vote_verify --record`` and ``manage.py vote_trustee`` do, with no database:
plain functions on files, so a trustee or an observer can also run them on their own machine
as ``python -m thidua.voting.verify_cli …`` (the management commands are thin wrappers).

A trustee's key file holds their secret share: it is written once (never over an existing
file), readable by its owner only, and never sent to the server, which receives only the
public share (printed, and inside the file under ``key``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from thidua.voting.protocol import (
    Ballot,
    EncryptedTally,
    ProtocolError,
    Question,
    TrusteeKey,
    ballot_verify,
    partial_decrypt,
    public_key_combine,
    record_summary,
    record_verify,
    tally_encrypted,
    trustee_keygen,
)
from thidua.voting.protocol.encoding import scalar_from_hex

KEY_FORMAT = "thidua/trustee-key/v1"


class Writer(Protocol):
    """Where messages go: a text stream, or a management command's ``self.stdout``."""

    def write(self, text: str, /) -> object: ...


class CliError(Exception):
    """A file that cannot be read or written, or input the protocol refuses."""


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CliError(f"cannot read {what} {path}: {exc}") from exc


def _write_new(path: Path, value: object, *, private: bool = False) -> None:
    """Write JSON to a file that must not exist yet (a key file is never overwritten)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(path, flags, 0o600 if private else 0o644)
    except OSError as exc:
        raise CliError(f"cannot create {path}: {exc}") from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(value, handle, indent=1)
        handle.write("\n")


def verify_record_file(path: Path) -> tuple[bool, str]:
    """``(True, "OK: …")`` when the record verifies, else ``(False, its first problem)``."""
    record = _read_json(path, "the record")
    if not isinstance(record, dict):
        return False, "the record is not a JSON object"
    problems = record_verify(record)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        return False, problems[0] + more
    return True, "OK: " + record_summary(record)


def keygen_file(context: str, out: Path) -> dict[str, object]:
    """Draw a trustee's share for the vote ``context``, write it to ``out``, return the public
    share (what the trustee hands to the vote's organiser)."""
    secret, key = trustee_keygen(context)
    _write_new(
        out,
        {"format": KEY_FORMAT, "context": context, "secret": secret.hex(), "key": key.to_json()},
        private=True,
    )
    return key.to_json()


def _read_key_file(path: Path) -> tuple[bytes, TrusteeKey, str | None]:
    """A key file from the command or from the trustee's browser page ({secret, key[, context]})."""
    content = _read_json(path, "the key file")
    if not isinstance(content, dict):
        raise CliError("the key file is not a JSON object")
    try:
        secret = scalar_from_hex(content.get("secret"), "the key file's secret")
        key = TrusteeKey.from_json(content.get("key"))
    except ProtocolError as exc:
        raise CliError(f"the key file: {exc}") from exc
    context = content.get("context")
    return secret, key, context if isinstance(context, str) else None


def tally_from_record(record: object) -> tuple[EncryptedTally, str]:
    """The tally of every ballot of a record, added up here after checking each ballot (so a
    trustee never decrypts a tally handed over, nor a subset of the box), and its context."""
    if not isinstance(record, dict) or not isinstance(record.get("vote"), dict):
        raise CliError("the record is not a vote record")
    context = record["vote"].get("context")
    if not isinstance(context, str):
        raise CliError("the record has no vote context")
    try:
        questions = [Question.from_json(q) for q in record.get("questions") or []]
        keys = [TrusteeKey.from_json(k) for k in record.get("trustees") or []]
        public_key = public_key_combine(keys)
        ballots = [Ballot.from_json(entry.get("ballot")) for entry in record.get("ballots") or []]
    except (ProtocolError, AttributeError) as exc:
        raise CliError(f"the record is malformed: {exc}") from exc
    for n, ballot in enumerate(ballots, start=1):
        if not ballot_verify(public_key, ballot, questions, context):
            raise CliError(f"ballot {n} of the record does not verify: not decrypting")
    return tally_encrypted(ballots, questions), context


def decrypt_file(
    key_path: Path,
    out: Path,
    *,
    context: str | None,
    tally_path: Path | None = None,
    record_path: Path | None = None,
) -> None:
    """A trustee's partial decryption, written to ``out``: of the tally added up from a record's
    ballots (``record_path``, the safe way), or of a tally file as given (``tally_path``)."""
    secret, key, key_context = _read_key_file(key_path)
    if record_path is not None:
        tally, record_context = tally_from_record(_read_json(record_path, "the record"))
        if context is not None and context != record_context:
            raise CliError("the record is of another vote than --context")
        context = record_context
    elif tally_path is not None:
        try:
            tally = EncryptedTally.from_json(_read_json(tally_path, "the tally"))
        except ProtocolError as exc:
            raise CliError(f"the tally: {exc}") from exc
    else:
        raise CliError("give the tally (--tally) or the vote's record (--record)")
    context = context or key_context
    if context is None:
        raise CliError("give the vote's context (--context)")
    if key_context is not None and key_context != context:
        raise CliError("this key file is for another vote")
    try:
        partial = partial_decrypt(secret, key, tally, context)
    except ProtocolError as exc:
        raise CliError(str(exc)) from exc
    _write_new(out, partial.to_json())


def add_verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--record", type=Path, required=True, help="the vote's record (JSON)")


def add_trustee_arguments(parser: argparse.ArgumentParser) -> None:
    steps = parser.add_subparsers(dest="step", required=True)
    keygen = steps.add_parser("keygen", help="draw a key share; prints its public part")
    keygen.add_argument("--context", required=True, help="the vote's context")
    keygen.add_argument("--out", type=Path, required=True, help="the new key file (secret)")
    decrypt = steps.add_parser("decrypt", help="decrypt the tally with a key share")
    decrypt.add_argument("--key", type=Path, required=True, help="the trustee's key file")
    source = decrypt.add_mutually_exclusive_group(required=True)
    source.add_argument("--record", type=Path, help="the vote's record: the tally is recomputed")
    source.add_argument("--tally", type=Path, help="the encrypted tally (JSON)")
    decrypt.add_argument("--context", help="the vote's context (else the key file's)")
    decrypt.add_argument("--out", type=Path, required=True, help="the partial decryption file")


def run_trustee(options: argparse.Namespace, out: Writer) -> None:
    if options.step == "keygen":
        public = keygen_file(options.context, options.out)
        out.write(f"Key file written to {options.out}; keep it. Public share:\n")
        out.write(json.dumps(public) + "\n")
        return
    decrypt_file(
        options.key,
        options.out,
        context=options.context,
        tally_path=options.tally,
        record_path=options.record,
    )
    out.write(f"Partial decryption written to {options.out}\n")


def main(argv: Sequence[str] | None = None, out: Writer = sys.stdout) -> int:
    """``python -m thidua.voting.verify_cli verify --record F`` or ``… trustee keygen|decrypt``."""
    parser = argparse.ArgumentParser(prog="python -m thidua.voting.verify_cli")
    commands = parser.add_subparsers(dest="command", required=True)
    add_verify_arguments(commands.add_parser("verify", help="verify a vote's record"))
    add_trustee_arguments(commands.add_parser("trustee", help="a trustee's steps"))
    options = parser.parse_args(argv)
    try:
        if options.command == "verify":
            ok, message = verify_record_file(options.record)
            out.write(message + "\n")
            return 0 if ok else 1
        run_trustee(options, out)
    except CliError as exc:
        out.write(f"{exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
