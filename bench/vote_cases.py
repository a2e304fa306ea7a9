"""Ballot benchmarks (pure: no database): casting ballots and tallying them with proofs, with
the share of the time spent inside libsodium's group operations and a ratio to a floor.

- **Casting**: ``ballots`` ballots of 15 candidates, each encrypted and proven (what the voter's
  browser does, here in Python) and verified (what the server does before accepting it), for an
  election choosing at most 3 of 15 (one question of 15 options) and a deliberation (15
  questions of one option). Each ballot is one sample: median and p95 per ballot, and the total.
- **Tally**: the encrypted tally of those ballots, each of 2 trustees' partial decryption with
  its proofs, the verification of both, and the decryption of the counts.
- **Record**: ``record_verify`` on the election's whole record, what ``vote_verify --record``
  does (every proof, the tally, the decryptions, the result).

**Group operations**: while a figure is timed, the ``nacl.bindings`` functions the protocol calls
(through ``thidua.voting.protocol.group``) are wrapped here, in the bench only, with a clock
that adds up the time spent inside them and counts the calls; the notes give that share of the
total. The **floor** of a cast is the same number of each group operation (as counted for that
ballot) called alone on fixed valid inputs, timed per ballot the same way: the ratio says what
the protocol's own Python (hashing, encoding, bookkeeping) costs over the bare group work.
Randomness (``nacl.utils.random``) is not a group operation and is not counted.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from nacl import bindings

from bench.timing import Result, percentile
from thidua.voting.protocol import (
    Ballot,
    Question,
    ballot_encrypt,
    ballot_verify,
    partial_decrypt,
    partial_verify,
    public_key_combine,
    record_build,
    record_verify,
    tally_decrypt,
    tally_encrypted,
    trustee_keygen,
)
from thidua.voting.protocol import group as protocol_group

SEED = 15_015
CANDIDATES = 15
ELECTED = 3
TRUSTEES = 2
CONTEXT = "thidua:vote:bench-0000-4000-8000-000000000015"
MAX_TALLY_REPETITIONS = 3
KINDS: dict[str, list[Question]] = {
    f"election ≤{ELECTED} of {CANDIDATES}": [Question(CANDIDATES, 0, ELECTED)],
    f"deliberation {CANDIDATES}×1": [Question(1, 0, 1)] * CANDIDATES,
}


@dataclass
class OperationClock:
    """Time and calls spent inside each ``nacl.bindings`` group operation."""

    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: Counter[str] = field(default_factory=Counter)

    def total(self) -> float:
        return sum(self.seconds.values())


class _TimedBindings:
    """Stands in for ``nacl.bindings`` inside the protocol's group module while a figure is
    timed: each function it hands out adds its time and a call to the clock."""

    def __init__(self, clock: OperationClock) -> None:
        self._clock = clock

    def __getattr__(self, name: str) -> Any:
        real = getattr(bindings, name)
        if not callable(real):
            return real
        clock = self._clock

        def timed(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                return real(*args)
            finally:
                clock.seconds[name] += time.perf_counter() - started
                clock.calls[name] += 1

        return timed


@contextmanager
def clocked(clock: OperationClock) -> Iterator[OperationClock]:
    # The group module names libsodium as its global ``bindings``: swapped for the timed
    # stand-in, then put back.
    module_globals = vars(protocol_group)
    module_globals["bindings"] = _TimedBindings(clock)
    try:
        yield clock
    finally:
        module_globals["bindings"] = bindings


_SCALAR = protocol_group.random_scalar()
_OTHER = protocol_group.random_scalar()
_POINT = protocol_group.mul_base(_SCALAR)
_WIDE = bytes(range(64))
_BARE: dict[str, Callable[[], object]] = {
    "crypto_core_ed25519_add": lambda: bindings.crypto_core_ed25519_add(_POINT, _POINT),
    "crypto_core_ed25519_sub": lambda: bindings.crypto_core_ed25519_sub(_POINT, _POINT),
    "crypto_scalarmult_ed25519_noclamp": lambda: bindings.crypto_scalarmult_ed25519_noclamp(
        _SCALAR, _POINT
    ),
    "crypto_scalarmult_ed25519_base_noclamp": (
        lambda: bindings.crypto_scalarmult_ed25519_base_noclamp(_SCALAR)
    ),
    "crypto_core_ed25519_is_valid_point": (
        lambda: bindings.crypto_core_ed25519_is_valid_point(_POINT)
    ),
    "crypto_core_ed25519_scalar_add": lambda: bindings.crypto_core_ed25519_scalar_add(
        _SCALAR, _OTHER
    ),
    "crypto_core_ed25519_scalar_sub": lambda: bindings.crypto_core_ed25519_scalar_sub(
        _SCALAR, _OTHER
    ),
    "crypto_core_ed25519_scalar_mul": lambda: bindings.crypto_core_ed25519_scalar_mul(
        _SCALAR, _OTHER
    ),
    "crypto_core_ed25519_scalar_reduce": (
        lambda: bindings.crypto_core_ed25519_scalar_reduce(_WIDE)
    ),
}


def bare_operations(calls: Counter[str]) -> None:
    """The floor: the same number of each group operation, alone, on fixed valid inputs."""
    for name, count in calls.items():
        operation = _BARE[name]
        for _ in range(count):
            operation()


def random_answers(rng: random.Random, questions: list[Question]) -> list[list[int]]:
    answers = []
    for question in questions:
        chosen = set(rng.sample(range(question.options), rng.randint(question.min, question.max)))
        answers.append([int(i in chosen) for i in range(question.options)])
    return answers


def _result(name: str, samples_ms: list[float], notes: str) -> Result:
    return Result(
        name=name,
        repetitions=len(samples_ms),
        median_ms=statistics.median(samples_ms),
        p95_ms=percentile(samples_ms, 0.95),
        queries=0,
        notes=notes,
    )


def _share(clock: OperationClock, total_seconds: float) -> str:
    top = ", ".join(
        f"{name.removeprefix('crypto_').removesuffix('_noclamp')} {seconds / total_seconds:.0%}"
        for name, seconds in sorted(clock.seconds.items(), key=lambda item: -item[1])[:3]
    )
    return (
        f"{clock.total() / total_seconds:.0%} in libsodium's group operations"
        f" ({sum(clock.calls.values()):,} calls; {top})"
    )


@dataclass
class Box:
    """A vote's trustees and ballot box, kept between the casting and the tally figures."""

    questions: list[Question]
    secrets: list[bytes]
    keys: list[Any]
    ballots: list[Ballot]


def cast_cases(label: str, questions: list[Question], ballots: int) -> tuple[list[Result], Box]:
    rng = random.Random(f"{SEED}-{label}")
    shares = [trustee_keygen(CONTEXT) for _ in range(TRUSTEES)]
    keys = [key for _, key in shares]
    public = public_key_combine(keys)
    cast_ms: list[float] = []
    encrypt_ms: list[float] = []
    floor_ms: list[float] = []
    box: list[Ballot] = []
    clock = OperationClock()
    with clocked(clock):
        for _ in range(ballots):
            answers = random_answers(rng, questions)
            before = clock.calls.copy()
            started = time.perf_counter()
            ballot = ballot_encrypt(public, answers, questions, CONTEXT)
            encrypted = time.perf_counter()
            if not ballot_verify(public, ballot, questions, CONTEXT):
                raise AssertionError("a bench ballot does not verify")
            done = time.perf_counter()
            cast_ms.append((done - started) * 1000)
            encrypt_ms.append((encrypted - started) * 1000)
            box.append(ballot)
            calls = clock.calls - before
            floor_started = time.perf_counter()
            bare_operations(calls)
            floor_ms.append((time.perf_counter() - floor_started) * 1000)
    total = sum(cast_ms) / 1000
    floor = _result(
        f"cast floor: the same group operations alone, {label}",
        floor_ms,
        f"{sum(floor_ms) / 1000:.1f} s for {ballots} ballots",
    )
    ratio = (
        f"×{statistics.median(cast_ms) / floor.median_ms:.2f} of the floor (median),"
        f" ×{percentile(cast_ms, 0.95) / floor.p95_ms:.2f} (p95)"
    )
    notes = (
        f"{total:.1f} s for {ballots} ballots; encrypt {statistics.median(encrypt_ms):.1f} ms"
        f" + verify {statistics.median(cast_ms) - statistics.median(encrypt_ms):.1f} ms a ballot"
        f" (median); {_share(clock, total)}; {ratio}"
    )
    cast = _result(f"cast (encrypt + verify), {label}", cast_ms, notes)
    return [cast, floor], Box(questions, [s for s, _ in shares], keys, box)


def tally_cases(label: str, box: Box, repetitions: int) -> list[Result]:
    """The tally with every trustee's decryption and proofs, then the whole record verified."""
    samples: list[float] = []
    clock = OperationClock()
    counts: list[list[int]] = []
    partials = []
    with clocked(clock):
        for _ in range(max(1, min(repetitions, MAX_TALLY_REPETITIONS))):
            started = time.perf_counter()
            tally = tally_encrypted(box.ballots, box.questions)
            partials = [
                partial_decrypt(secret, key, tally, CONTEXT)
                for secret, key in zip(box.secrets, box.keys, strict=True)
            ]
            if not all(
                partial_verify(key, tally, partial, CONTEXT)
                for key, partial in zip(box.keys, partials, strict=True)
            ):
                raise AssertionError("a bench partial decryption does not verify")
            counts = tally_decrypt(tally, partials, len(box.ballots))
            samples.append((time.perf_counter() - started) * 1000)
    chosen = sum(sum(row) for row in counts)
    share = _share(clock, sum(samples) / 1000)
    decrypted = _result(
        f"tally with {TRUSTEES} trustees' decryptions and proofs, {label}",
        samples,
        f"{len(box.ballots)} ballots, {chosen:,} choices counted; {share}",
    )
    record = record_build(
        vote={"context": CONTEXT},
        questions=box.questions,
        keys=box.keys,
        ballots=box.ballots,
        partials=partials,
        result=counts,
    )
    clock = OperationClock()
    with clocked(clock):
        started = time.perf_counter()
        problems = record_verify(record)
        elapsed = time.perf_counter() - started
    if problems:
        raise AssertionError(f"the bench record does not verify: {problems[0]}")
    verify = _result(
        f"record_verify (vote_verify --record), {label}",
        [elapsed * 1000],
        f"{len(box.ballots)} ballots, keys, tally, decryptions, result; {_share(clock, elapsed)}",
    )
    return [decrypted, verify]


def vote_cases(repetitions: int, *, ballots: int = 500) -> list[Result]:
    results: list[Result] = []
    for label, questions in KINDS.items():
        cast, box = cast_cases(label, questions, ballots)
        results += cast
        results += tally_cases(label, box, repetitions)
    return results
