"""The ballot benchmarks on a small scale (no database): every figure is there, reports the
share of its time inside libsodium's group operations, and casting is compared to its floor."""

from collections import Counter

from nacl import bindings

from bench.vote_cases import (
    KINDS,
    OperationClock,
    bare_operations,
    clocked,
    vote_cases,
)
from thidua.voting.protocol import Question, ballot_encrypt, trustee_keygen
from thidua.voting.protocol import group as protocol_group


def test_each_kind_has_a_cast_its_floor_a_tally_and_a_record_check() -> None:
    results = vote_cases(1, ballots=3)
    assert len(results) == 4 * len(KINDS)
    cast, floor, tally, record = results[:4]
    assert cast.name.startswith("cast (encrypt + verify)")
    assert cast.repetitions == floor.repetitions == 3
    assert "of the floor (median)" in cast.notes
    assert "in libsodium's group operations" in cast.notes
    assert "3 ballots" in tally.notes
    assert record.name.startswith("record_verify")
    assert all(r.queries == 0 for r in results)


def test_the_clock_counts_the_protocols_group_operations_and_lets_go_after() -> None:
    _secret, key = trustee_keygen("bench")
    clock = OperationClock()
    with clocked(clock):
        ballot_encrypt(key.public, [[1, 0]], [Question(2, 1, 1)], "bench")
    assert clock.calls["crypto_scalarmult_ed25519_noclamp"] > 0
    assert clock.total() > 0
    assert vars(protocol_group)["bindings"] is bindings  # restored
    bare_operations(Counter(clock.calls))  # every operation the protocol calls has a floor
