"""A ballot: one ciphertext per candidate or option, each proven to hold 0 or 1, and the
product of them all proven to hold between the least and the most choices allowed (choose at
most N; approve or not each candidate: 0..all). Its tracker is the hash the voter keeps and
finds again on the vote's public ballot list.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from thidua.voting.protocol.elgamal import Ciphertext, encrypt, product
from thidua.voting.protocol.group import Group
from thidua.voting.protocol.proofs import RangeProof, range_prove, range_verify


@dataclass(frozen=True, slots=True)
class Ballot:
    choices: tuple[Ciphertext, ...]
    choice_proofs: tuple[RangeProof, ...]
    overall_proof: RangeProof

    def tracker(self) -> str:
        """The ballot's fingerprint: SHA-256 of its canonical JSON, in hexadecimal."""
        canonical = json.dumps(ballot_json(self), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def ballot_encrypt(
    group: Group,
    public_key: int,
    choices: list[int],
    *,
    min_choices: int,
    max_choices: int,
    context: str,
) -> Ballot:
    """What the voter's browser (or a test) does: encrypt each 0/1 and prove it."""
    if any(c not in (0, 1) for c in choices):
        raise ValueError("each choice is 0 or 1")
    randomness = [group.random_exponent() for _ in choices]
    cts = [encrypt(group, public_key, m, r) for m, r in zip(choices, randomness, strict=True)]
    proofs = [
        range_prove(group, public_key, ct, m, r, 0, 1, context)
        for ct, m, r in zip(cts, choices, randomness, strict=True)
    ]
    overall = range_prove(
        group,
        public_key,
        product(group, cts),
        sum(choices),
        sum(randomness) % group.q,
        min_choices,
        max_choices,
        context,
    )
    return Ballot(tuple(cts), tuple(proofs), overall)


def ballot_verify(
    group: Group,
    public_key: int,
    ballot: Ballot,
    *,
    candidates: int,
    min_choices: int,
    max_choices: int,
    context: str,
) -> bool:
    """Every proof holds: each choice is 0 or 1, and the number chosen is within range."""
    if len(ballot.choices) != candidates or len(ballot.choice_proofs) != candidates:
        return False
    for ct, proof in zip(ballot.choices, ballot.choice_proofs, strict=True):
        if not range_verify(group, public_key, ct, proof, 0, 1, context):
            return False
    return range_verify(
        group,
        public_key,
        product(group, list(ballot.choices)),
        ballot.overall_proof,
        min_choices,
        max_choices,
        context,
    )


def _proof_json(proof: RangeProof) -> dict[str, object]:
    return {
        "low": proof.low,
        "branches": [
            {"a": hex(b.a), "b": hex(b.b), "c": hex(b.challenge), "s": hex(b.response)}
            for b in proof.branches
        ],
    }


def ballot_json(ballot: Ballot) -> dict[str, object]:
    """The ballot as the record publishes it (numbers in hexadecimal)."""
    return {
        "choices": [{"alpha": hex(c.alpha), "beta": hex(c.beta)} for c in ballot.choices],
        "choice_proofs": [_proof_json(p) for p in ballot.choice_proofs],
        "overall_proof": _proof_json(ballot.overall_proof),
    }


def tally_ciphertexts(group: Group, ballots: list[Ballot], candidates: int) -> list[Ciphertext]:
    """Per candidate, the product of every ballot's ciphertext: the encrypted count. The
    trustees decrypt only this, computed by themselves from the whole published ballot box."""
    return [product(group, [b.choices[i] for b in ballots]) for i in range(candidates)]
