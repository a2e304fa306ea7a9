"""Exponential ElGamal on ed25519: a number ``m`` (a choice 0 or 1, or a count) encrypted
under the vote's public key ``Y`` with a random scalar ``r`` is ``(alpha, beta) = (r·G,
m·G + r·Y)``. Adding ciphertexts point by point gives an encryption of the sum, so the ballot
box is added up without opening any ballot, and only the sum is ever decrypted: ``beta`` minus
every trustee's factor ``x_i·alpha`` is ``m·G``, and ``m`` (at most the number of ballots) is
found by counting up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from thidua.voting.protocol.encoding import bytes_from_hex, exact_keys, field, to_hex
from thidua.voting.protocol.errors import ProtocolError
from thidua.voting.protocol.group import (
    IDENTITY,
    add,
    is_element,
    is_valid_point,
    mul,
    mul_base,
    small_multiple,
)


@dataclass(frozen=True, slots=True)
class Ciphertext:
    alpha: bytes
    beta: bytes

    def plus(self, other: Ciphertext) -> Ciphertext:
        """The encryption of the sum of both plaintexts."""
        return Ciphertext(add(self.alpha, other.alpha), add(self.beta, other.beta))

    def is_fresh(self) -> bool:
        """Both parts are group elements other than the identity, as a voter's encryption is
        (an identity ``alpha`` would mean no randomness: the choice in clear)."""
        return is_valid_point(self.alpha) and is_valid_point(self.beta)

    def to_json(self) -> dict[str, str]:
        return {"alpha": to_hex(self.alpha), "beta": to_hex(self.beta)}

    @classmethod
    def from_json(cls, obj: object, what: str, *, sums: bool = False) -> Ciphertext:
        """Read a ciphertext; a voter's must be fresh, a sum (``sums``) may hold the identity."""
        exact_keys(obj, ("alpha", "beta"), what)
        alpha = bytes_from_hex(field(obj, "alpha", what), f"{what}: alpha")
        beta = bytes_from_hex(field(obj, "beta", what), f"{what}: beta")
        accept = is_element if sums else is_valid_point
        if not (accept(alpha) and accept(beta)):
            raise ProtocolError(f"{what} is not a pair of group elements")
        return cls(alpha, beta)


EMPTY = Ciphertext(IDENTITY, IDENTITY)


def encrypt(public_key: bytes, m: int, r: bytes) -> Ciphertext:
    return Ciphertext(mul_base(r), add(small_multiple(m), mul(r, public_key)))


def ciphertext_sum(ciphertexts: Iterable[Ciphertext]) -> Ciphertext:
    total = EMPTY
    for ciphertext in ciphertexts:
        total = total.plus(ciphertext)
    return total
