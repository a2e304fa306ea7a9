"""``manage.py vote_verify --record`` and ``manage.py vote_trustee``, called as command objects
(the voting app's settings entry is the lead's; these need no database)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.voting.protocol_world import CONTEXT, ELECTION, flip_hex, record_of, trustees
from thidua.voting.management.commands import vote_trustee, vote_verify
from thidua.voting.protocol import TrusteeKey, trustee_key_verify

RECORD = record_of(trustees(2), ELECTION, [[[1, 0, 0, 1, 0]], [[0, 0, 0, 0, 1]]])


def test_vote_verify_says_ok_then_names_the_changed_ballot(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(RECORD))
    out = io.StringIO()
    call_command(vote_verify.Command(), "--record", str(path), stdout=out)
    assert out.getvalue().startswith("OK: 2 ballots, 2 trustees")
    beta = RECORD["ballots"][1]["ballot"]["answers"][0]["choices"][2]["beta"]
    path.write_text(json.dumps(RECORD).replace(beta, flip_hex(beta, 3)))
    with pytest.raises(CommandError, match=r"^ballot 2") as refused:
        call_command(vote_verify.Command(), "--record", str(path))
    assert refused.value.returncode == 1


def test_vote_trustee_keygen_writes_a_key_whose_share_verifies(tmp_path: Path) -> None:
    out = io.StringIO()
    key_file = tmp_path / "key.json"
    call_command(
        vote_trustee.Command(), "keygen", "--context", CONTEXT, "--out", str(key_file), stdout=out
    )
    content = json.loads(key_file.read_text())
    assert set(content) == {"format", "context", "secret", "key"}
    public = TrusteeKey.from_json(json.loads(out.getvalue().splitlines()[-1]))
    assert public == TrusteeKey.from_json(content["key"])
    assert trustee_key_verify(public, CONTEXT)
    with pytest.raises(CommandError, match="cannot create"):
        call_command(vote_trustee.Command(), "keygen", "--context", CONTEXT, "--out", str(key_file))
