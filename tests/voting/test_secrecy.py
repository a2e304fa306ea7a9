"""An administrator who reads the whole database learns no voter's choice.

After an electronic vote where each voter chose a distinctive pattern, every column of every
row of every table of the voting app, the audit log and the workflow's history rows are read
with plain SQL, as someone with the database would, and searched for the choices: no list of
0/1 equal to a voter's answers, no plain number under a key that names a choice, no answers
written out in text, and no part of the trustees' secret (without which the ciphertexts say
nothing). The detector is first shown to catch a planted leak, so that it can fail.
"""

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from tests.builders.people import persona
from tests.voting.electronic import HEAD, TRUSTEES, electronic_vote, voters
from thidua.audit.models import AuditEvent
from thidua.core.models import Transition
from thidua.voting import services
from thidua.voting.models import Ballot, OneTimeCode, VoteStatus
from thidua.voting.protocol.group import scalar_add

pytestmark = pytest.mark.django_db

# Six voters and a delegate with a code, each with another choice of two among four.
PATTERNS = [
    [1, 0, 0, 1],
    [0, 1, 1, 0],
    [1, 1, 0, 0],
    [0, 0, 1, 1],
    [1, 0, 1, 0],
    [0, 1, 0, 1],
    [0, 0, 0, 1],
]
CHOICE_WORDS = {"answer", "answers", "choice", "choices", "chosen", "plain", "plaintext"}
HEXISH = re.compile(r"[0-9a-fA-F-]+")


def _leaves(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar of a JSON value with the nearest dict key above it; lists too, whole."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, str(k))
    elif isinstance(value, list | tuple):
        yield key, list(value)
        for item in value:
            yield from _leaves(item, key)
    else:
        yield key, value


def _as_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return value


def leaks(value: Any, patterns: list[list[int]], secrets: list[str], column: str = "") -> list[str]:
    """What in one stored value gives a choice (or a key to one) away."""
    found = []
    texts = [
        form
        for p in patterns
        for form in (json.dumps(p), ",".join(map(str, p)), "".join(map(str, p)))
    ]
    for key, leaf in _leaves(_as_json(value), column):
        if isinstance(leaf, list):
            if any(leaf == p for p in patterns):
                found.append(f"a voter's answers {leaf} under {key!r}")
            continue
        words = {w for w in re.split(r"[^a-z]+", key.lower()) if w}
        if words & CHOICE_WORDS and isinstance(leaf, int | bool):
            found.append(f"a plain number {leaf!r} under {key!r}")
        if isinstance(leaf, str):
            low = leaf.lower()
            if any(secret in low for secret in secrets):
                found.append(f"a trustee's secret in {key!r}")
            if not HEXISH.fullmatch(leaf) and any(t in leaf for t in texts):
                found.append(f"answers written out in {leaf!r}")
    return found


def _tables() -> list[str]:
    tables = [m._meta.db_table for m in apps.get_app_config("voting").get_models()]
    return [*tables, AuditEvent._meta.db_table, Transition._meta.db_table]


def _every_value() -> Iterator[tuple[str, str, Any]]:
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (the app's own table names)
            columns = [c.name for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    yield table, column, value


def test_the_detector_catches_a_planted_choice() -> None:
    secret = "ab" * 32
    assert leaks({"answers": [[1, 0, 0, 1]]}, PATTERNS, [secret])
    assert leaks('{"ballot": {"choice": 1}}', PATTERNS, [secret])
    assert leaks("Cử tri chọn 1,0,0,1", PATTERNS, [secret])
    assert leaks({"key": secret.upper()}, PATTERNS, [secret])
    assert not leaks({"answers": [{"choices": [{"alpha": "1001" * 16}]}]}, PATTERNS, [secret])


def test_no_stored_value_holds_a_choice_after_an_electronic_vote() -> None:
    roll = voters(len(PATTERNS) - 1)
    ceremony = electronic_vote(roll, code_holders=("Đại biểu khách mời",))
    vote = ceremony.vote
    for user, pattern in zip(roll, PATTERNS, strict=False):
        services.ballot_cast(actor=user, vote=vote, ballot=ceremony.ballot([pattern]))
    (issued,) = services.codes_issue(actor=persona(HEAD), vote=vote)
    services.ballot_cast(
        actor=None, vote=vote, ballot=ceremony.ballot([PATTERNS[-1]]), code=issued[1]
    )
    vote = services.vote_close(actor=persona(HEAD), vote=vote)
    for name in TRUSTEES:
        trustee = persona(name)
        vote = services.partial_submit(actor=trustee, vote=vote, partial=ceremony.partial(trustee))
    assert vote.status == VoteStatus.FINAL
    # The tally is right: the box held these choices, and only their sum came out.
    totals = [sum(p[i] for p in PATTERNS) for i in range(4)]
    assert vote.result is not None
    assert [row["votes"] for row in vote.result["rows"]] == totals
    assert Ballot.objects.filter(vote=vote).count() == len(PATTERNS)
    assert OneTimeCode.objects.filter(voter__vote=vote, used_at__isnull=False).count() == 1

    shares = list(ceremony.secrets.values())
    whole = scalar_add(shares[0], shares[1])
    secrets = [s.hex() for s in [*shares, whole]]
    read = 0
    found = []
    for table, column, value in _every_value():
        read += 1
        found += [f"{table}.{column}: {leak}" for leak in leaks(value, PATTERNS, secrets, column)]
    assert not found, found
    # Every table was read, the ballots and the audit rows among them.
    assert read > 100
    assert AuditEvent.objects.filter(action="vote.cast").count() == len(PATTERNS)
