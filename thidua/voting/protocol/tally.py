"""The homomorphic tally and its decryption by the trustees.

The encrypted tally is, per option, the sum of that option's ciphertext over every ballot. Each
trustee computes a factor ``x_i·alpha`` per option with a proof that it used its share's
``x_i``; with every trustee's factor (n of n), ``beta − Σ factors`` is ``count·G`` and the count
is found by counting up to the number of ballots.

Only the sum of the whole closed ballot box may be decrypted, never a subset (Helios issue 170:
decrypting the sum of all ballots but one reveals that one). :func:`partial_decrypt` decrypts
what it is given, so whoever runs it (the trustee's command, the trustee's page) computes the
tally itself from every published ballot with :func:`tally_encrypted` rather than trusting a
tally handed over; :func:`~thidua.voting.protocol.record.record_verify` checks the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.voting.protocol.ballot import Ballot, Question
from thidua.voting.protocol.elgamal import EMPTY, Ciphertext
from thidua.voting.protocol.encoding import bytes_from_hex, field, list_of, to_hex
from thidua.voting.protocol.errors import ProtocolError
from thidua.voting.protocol.group import (
    IDENTITY,
    add,
    is_valid_point,
    mul,
    mul_base,
    scalar_of,
    sub,
)
from thidua.voting.protocol.keys import TrusteeKey
from thidua.voting.protocol.proofs import Proof, decryption_check, decryption_prove


@dataclass(frozen=True)
class EncryptedTally:
    answers: list[list[Ciphertext]]

    def to_json(self) -> dict[str, object]:
        return {"answers": [[ct.to_json() for ct in answer] for answer in self.answers]}

    @classmethod
    def from_json(cls, obj: object) -> EncryptedTally:
        answers = list_of(field(obj, "answers", "the tally"), "the tally's answers")
        return cls(
            [
                [
                    Ciphertext.from_json(ct, f"the tally of answer {i} option {j}", sums=True)
                    for j, ct in enumerate(list_of(answer, f"the tally of answer {i}"))
                ]
                for i, answer in enumerate(answers)
            ]
        )

    def shape(self) -> list[int]:
        return [len(answer) for answer in self.answers]


def tally_encrypted(ballots: list[Ballot], questions: list[Question]) -> EncryptedTally:
    """Per option, the sum of every ballot's ciphertext (identity ciphertexts for an empty
    box). The ballots are those already verified when cast."""
    totals = [[EMPTY] * question.options for question in questions]
    for n, ballot in enumerate(ballots):
        if [len(a.choices) for a in ballot.answers] != [q.options for q in questions]:
            raise ProtocolError(f"ballot {n} does not answer the vote's questions")
        for i, answer in enumerate(ballot.answers):
            for j, ct in enumerate(answer.choices):
                totals[i][j] = totals[i][j].plus(ct)
    return EncryptedTally(totals)


@dataclass(frozen=True)
class PartialDecryption:
    """One trustee's factor per option of the tally, each with its proof."""

    trustee: bytes
    factors: list[list[bytes]]
    proofs: list[list[Proof]]

    def to_json(self) -> dict[str, object]:
        return {
            "trustee": to_hex(self.trustee),
            "factors": [[to_hex(f) for f in answer] for answer in self.factors],
            "proofs": [[p.to_json() for p in answer] for answer in self.proofs],
        }

    @classmethod
    def from_json(cls, obj: object) -> PartialDecryption:
        what = "the partial decryption"
        trustee = bytes_from_hex(field(obj, "trustee", what), f"{what}'s trustee")
        factors = list_of(field(obj, "factors", what), f"{what}'s factors")
        proofs = list_of(field(obj, "proofs", what), f"{what}'s proofs", len(factors))
        return cls(
            trustee,
            [
                [
                    bytes_from_hex(f, f"{what}: factor {i}.{j}")
                    for j, f in enumerate(list_of(a, what))
                ]
                for i, a in enumerate(factors)
            ],
            [
                [
                    Proof.from_json(p, f"{what}: proof {i}.{j}")
                    for j, p in enumerate(list_of(a, what))
                ]
                for i, a in enumerate(proofs)
            ],
        )


def partial_decrypt(
    secret: bytes, key: TrusteeKey, tally: EncryptedTally, context: str
) -> PartialDecryption:
    """A trustee's factors ``x·alpha`` and their proofs, for the tally it computed itself."""
    if mul_base(secret) != key.public:
        raise ProtocolError("this secret is not the one of this trustee key")
    factors: list[list[bytes]] = []
    proofs: list[list[Proof]] = []
    for answer in tally.answers:
        answer_factors = [mul(secret, ct.alpha) for ct in answer]
        factors.append(answer_factors)
        proofs.append(
            [
                decryption_prove(secret, key.public, ct, factor, context)
                for ct, factor in zip(answer, answer_factors, strict=True)
            ]
        )
    return PartialDecryption(key.public, factors, proofs)


def _factor_is_element(alpha: bytes, factor: bytes) -> bool:
    """``x·alpha`` is the identity exactly when ``alpha`` is (an option nobody could choose,
    an empty box); otherwise it must be a group element."""
    return factor == IDENTITY if alpha == IDENTITY else is_valid_point(factor)


def partial_verify(
    key: TrusteeKey, tally: EncryptedTally, partial: PartialDecryption, context: str
) -> bool:
    """The partial decryption is the trustee's, has one factor per option of this tally, and
    each factor is proven to use the trustee's secret."""
    if partial.trustee != key.public or not is_valid_point(key.public):
        return False
    shape = tally.shape()
    if [len(a) for a in partial.factors] != shape or [len(a) for a in partial.proofs] != shape:
        return False
    for answer, factors, proofs in zip(tally.answers, partial.factors, partial.proofs, strict=True):
        for ct, factor, proof in zip(answer, factors, proofs, strict=True):
            if not _factor_is_element(ct.alpha, factor):
                return False
            if not decryption_check(key.public, ct, factor, proof, context):
                return False
    return True


def tally_decrypt(
    tally: EncryptedTally, partials: list[PartialDecryption], max_count: int
) -> list[list[int]]:
    """The count per option from every trustee's (verified) factors; ProtocolError when a
    count is not within 0..``max_count`` (a factor is missing or wrong)."""
    if not partials:
        raise ProtocolError("no partial decryption")
    shape = tally.shape()
    if any([len(a) for a in p.factors] != shape for p in partials):
        raise ProtocolError("a partial decryption does not fit the tally")
    counts = {mul_base(scalar_of(m)): m for m in range(max_count + 1)}
    result: list[list[int]] = []
    for i, answer in enumerate(tally.answers):
        row = []
        for j, ct in enumerate(answer):
            combined = IDENTITY
            for partial in partials:
                combined = add(combined, partial.factors[i][j])
            count = counts.get(sub(ct.beta, combined))
            if count is None:
                raise ProtocolError(f"answer {i} option {j} does not decrypt to 0..{max_count}")
            row.append(count)
        result.append(row)
    return result
