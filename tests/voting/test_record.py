"""The election record and the commands that use it, with no database: ``record_verify``
recomputes everything and names the first problem; ``vote_verify --record`` and
``vote_trustee keygen|decrypt`` work on files."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.voting.protocol_world import (
    CONTEXT,
    ELECTION,
    OTHER_CONTEXT,
    flip_hex,
    hex_paths,
    record_of,
    trustees,
)
from thidua.voting.protocol import (
    Ballot,
    PartialDecryption,
    TrusteeKey,
    ballot_encrypt,
    partial_decrypt,
    partial_verify,
    public_key_combine,
    record_verify,
    tally_encrypted,
    trustee_key_verify,
)
from thidua.voting.verify_cli import main

BOARD = trustees(2)
ANSWERS = [[[1, 1, 0, 0, 0]], [[0, 1, 0, 0, 1]], [[0, 0, 0, 0, 0]]]
RECORD = record_of(BOARD, ELECTION, ANSWERS)


def _changed(path: list[Any], at: int = 10) -> dict[str, Any]:
    record = copy.deepcopy(RECORD)
    holder = record
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = flip_hex(holder[path[-1]], at)
    return record


def test_a_whole_record_verifies_and_holds_the_result() -> None:
    assert record_verify(RECORD) == []
    assert RECORD["result"] == [[1, 2, 0, 0, 1]]
    assert json.loads(json.dumps(RECORD)) == RECORD  # plain JSON


@pytest.mark.parametrize(
    ("path", "first_problem"),
    [
        (["ballots", 1, "ballot", "answers", 0, "choice_proofs", 2, 1, "response"], "ballot 2"),
        (["ballots", 2, "ballot", "answers", 0, "overall_proof", 0, "challenge"], "ballot 3"),
        (["ballots", 0, "tracker"], "ballot 1: its tracker"),
        (["trustees", 1, "proof", "response"], "trustee 2's key proof"),
        (["partials", 0, "proofs", 0, 3, "challenge"], "trustee 1's partial decryption"),
    ],
)
def test_one_changed_byte_is_named_as_the_first_problem(
    path: list[Any], first_problem: str
) -> None:
    problems = record_verify(_changed(path))
    assert problems, path
    assert problems[0].startswith(first_problem)


def test_a_changed_ballot_ciphertext_is_named_before_the_tally_it_spoils() -> None:
    problems = record_verify(_changed(["ballots", 1, "ballot", "answers", 0, "choices", 0, "beta"]))
    assert problems[0].startswith("ballot 2")
    assert "the record's tally is not the sum of every ballot" in problems


def test_a_tally_of_a_subset_is_caught() -> None:
    """Helios issue 170: a tally leaving one ballot out, decrypted by the trustees."""
    ballots = [Ballot.from_json(entry["ballot"]) for entry in RECORD["ballots"]]
    subset = tally_encrypted(ballots[1:], ELECTION)
    partials = [
        partial_decrypt(s, k, subset, CONTEXT).to_json()
        for s, k in zip(BOARD.secrets, BOARD.keys, strict=True)
    ]
    record = {
        **RECORD,
        "tally": subset.to_json(),
        "partials": partials,
        "result": [[0, 1, 0, 0, 1]],
    }
    problems = record_verify(record)
    assert problems[0] == "the record's tally is not the sum of every ballot"
    assert any("trustee 1's partial decryption does not verify" in p for p in problems)


def test_a_dropped_ballot_is_caught() -> None:
    record = {**RECORD, "ballots": RECORD["ballots"][:2]}
    assert record_verify(record)[0] == "the record's tally is not the sum of every ballot"


def test_a_copied_ballot_is_caught() -> None:
    record = {**RECORD, "ballots": [*RECORD["ballots"], RECORD["ballots"][0]]}
    assert any("repeats a ciphertext of ballot 1" in p for p in record_verify(record))


def test_a_trustee_copying_another_s_key_part_is_caught() -> None:
    record = copy.deepcopy(RECORD)
    record["trustees"][1] = copy.deepcopy(record["trustees"][0])
    assert "two trustees have the same key part" in record_verify(record)


def test_a_wrong_result_or_missing_trustee_is_caught() -> None:
    assert record_verify({**RECORD, "result": [[1, 2, 0, 0, 0]]})[0].startswith("the result")
    missing = record_verify({**RECORD, "partials": RECORD["partials"][:1]})
    assert missing == ["1 partial decryptions for 2 trustees (all are needed)"]


def test_a_record_of_another_vote_does_not_verify() -> None:
    record = {**RECORD, "vote": {**RECORD["vote"], "context": OTHER_CONTEXT}}
    assert record_verify(record)[0] == "trustee 1's key proof does not verify"


def test_an_undecrypted_record_verifies_without_a_result() -> None:
    assert record_verify({**RECORD, "partials": [], "result": None}) == []


@pytest.mark.parametrize("record", [{}, {"format": "thidua/vote-record/v1", "vote": {}}])
def test_a_malformed_record_is_one_problem(record: dict[str, Any]) -> None:
    problems = record_verify(record)
    assert len(problems) == 1


def _run(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out)
    return code, out.getvalue()


def test_vote_verify_on_a_file_passes_then_fails_after_one_byte(tmp_path: Path) -> None:
    good = tmp_path / "record.json"
    good.write_text(json.dumps(RECORD))
    code, out = _run("verify", "--record", good)
    assert code == 0
    assert out.startswith("OK: 3 ballots, 2 trustees")
    text = good.read_text()
    alpha = RECORD["ballots"][1]["ballot"]["answers"][0]["choices"][3]["alpha"]
    bad = tmp_path / "bad.json"
    bad.write_text(text.replace(alpha, flip_hex(alpha, 40)))
    code, out = _run("verify", "--record", bad)
    assert code == 1
    assert out.startswith("ballot 2")


def test_vote_verify_refuses_a_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    path.write_text("{not json")
    code, out = _run("verify", "--record", path)
    assert code == 2
    assert "cannot read the record" in out


def test_a_trustee_works_from_files_and_decrypts_only_the_whole_box(tmp_path: Path) -> None:
    keys = []
    for n in (1, 2):
        code, out = _run("trustee", "keygen", "--context", CONTEXT, "--out", tmp_path / f"k{n}")
        assert code == 0
        keys.append(TrusteeKey.from_json(json.loads(out.splitlines()[-1])))
        assert (tmp_path / f"k{n}").stat().st_mode & 0o077 == 0  # its owner's only
    assert all(trustee_key_verify(k, CONTEXT) for k in keys)
    code, out = _run("trustee", "keygen", "--context", CONTEXT, "--out", tmp_path / "k1")
    assert code == 2  # never overwrites a key file

    public = public_key_combine(keys)
    ballots = [ballot_encrypt(public, a, ELECTION, CONTEXT) for a in ANSWERS]
    record = {
        **RECORD,
        "trustees": [k.to_json() for k in keys],
        "public_key": public.hex(),
        "ballots": [{"tracker": b.tracker(), "ballot": b.to_json()} for b in ballots],
    }
    (tmp_path / "record.json").write_text(json.dumps(record))
    code, out = _run(
        "trustee", "decrypt", "--key", tmp_path / "k1", "--record", tmp_path / "record.json",
        "--out", tmp_path / "p1",
    )  # fmt: skip
    assert code == 0, out
    partial = PartialDecryption.from_json(json.loads((tmp_path / "p1").read_text()))
    assert partial_verify(keys[0], tally_encrypted(ballots, ELECTION), partial, CONTEXT)

    (tmp_path / "tally.json").write_text(json.dumps(tally_encrypted(ballots, ELECTION).to_json()))
    code, out = _run(
        "trustee", "decrypt", "--key", tmp_path / "k2", "--tally", tmp_path / "tally.json",
        "--context", OTHER_CONTEXT, "--out", tmp_path / "p2",
    )  # fmt: skip
    assert (code, out) == (2, "this key file is for another vote\n")

    forged = copy.deepcopy(record)
    spliced = forged["ballots"][0]["ballot"]["answers"][0]["choices"]
    spliced[0] = record["ballots"][1]["ballot"]["answers"][0]["choices"][1]
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    code, out = _run(
        "trustee", "decrypt", "--key", tmp_path / "k2", "--record", tmp_path / "forged.json",
        "--out", tmp_path / "p3",
    )  # fmt: skip
    assert code == 2
    assert "ballot 1 of the record does not verify" in out


RECORD_TEXT = json.dumps(RECORD)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(RECORD_TEXT) - 1), st.sampled_from('0123456789abcdef"{}[],:x'))
def test_a_record_with_any_character_changed_never_crashes_the_check(at: int, char: str) -> None:
    """A byte changed anywhere: the check names a problem (or the change is harmless, in the
    vote's free description or a JSON separator that still parses alike), never raises."""
    text = RECORD_TEXT[:at] + char + RECORD_TEXT[at + 1 :]
    try:
        record = json.loads(text)
    except json.JSONDecodeError:
        return
    if not isinstance(record, dict):
        return
    problems = record_verify(record)
    if record != RECORD and record.get("vote") == RECORD["vote"]:
        assert problems


def test_a_ballot_with_a_key_its_tracker_would_not_cover_is_malformed() -> None:
    entry = copy.deepcopy(RECORD["ballots"][0])
    entry["ballot"]["answers"][0]["note"] = "x"
    problems = record_verify({**RECORD, "ballots": [entry, *RECORD["ballots"][1:]]})
    assert problems[0].startswith("ballot 1 is malformed: answer 0 holds")


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2), st.integers(0, 63))
def test_a_tampered_tracker_is_always_caught(ballot: int, at: int) -> None:
    problems = record_verify(_changed(["ballots", ballot, "tracker"], at))
    assert problems == [
        f"ballot {ballot + 1}: its tracker {_changed_tracker(ballot, at)} is not"
        " the hash of the ballot"
    ]


def _changed_tracker(ballot: int, at: int) -> str:
    return flip_hex(RECORD["ballots"][ballot]["tracker"], at)


BALLOT_PATHS = [
    ["ballots", n, "ballot", *path]
    for n, entry in enumerate(RECORD["ballots"])
    for path in hex_paths(entry["ballot"])
]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(BALLOT_PATHS), st.integers(0, 63))
def test_any_byte_of_any_ballot_changed_is_the_first_problem(path: list[Any], at: int) -> None:
    problems = record_verify(_changed(path, at))
    assert problems[0].startswith(f"ballot {path[1] + 1}")
