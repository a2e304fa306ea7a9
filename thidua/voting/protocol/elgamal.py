"""Exponential ElGamal: a choice ``m`` (0 or 1, or a small count) encrypted as
``(g^r, g^m · y^r)`` under the vote's public key ``y``. Ciphertexts multiply into the
encryption of the sum, so the ballot box is added up without opening any ballot, and only the
sum is ever decrypted (a small number, found by counting up).

Each trustee holds a share ``x_i`` of the secret key; the public key is the product of the
``g^x_i``. Decrypting needs every trustee's factor ``alpha^x_i``: no one, the server included,
ever holds the whole key.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.voting.protocol.group import Group


@dataclass(frozen=True, slots=True)
class Ciphertext:
    alpha: int
    beta: int

    def times(self, other: Ciphertext, group: Group) -> Ciphertext:
        """The encryption of the sum of both plaintexts."""
        return Ciphertext(self.alpha * other.alpha % group.p, self.beta * other.beta % group.p)

    def well_formed(self, group: Group) -> bool:
        return group.is_element(self.alpha) and group.is_element(self.beta)


def encrypt(group: Group, public_key: int, m: int, r: int) -> Ciphertext:
    return Ciphertext(
        pow(group.g, r, group.p), pow(group.g, m, group.p) * pow(public_key, r, group.p) % group.p
    )


def product(group: Group, ciphertexts: list[Ciphertext]) -> Ciphertext:
    total = Ciphertext(1, 1)
    for ciphertext in ciphertexts:
        total = total.times(ciphertext, group)
    return total


def joint_public_key(group: Group, shares: list[int]) -> int:
    key = 1
    for share in shares:
        key = key * share % group.p
    return key


class TallyTooLarge(ValueError):  # noqa: N818
    """The decrypted sum is larger than the number of ballots: a factor is wrong."""


def discrete_log(group: Group, value: int, bound: int) -> int:
    """The ``m`` ≤ ``bound`` with ``g^m = value``: a tally is at most the number of ballots."""
    current = 1
    for m in range(bound + 1):
        if current == value:
            return m
        current = current * group.g % group.p
    raise TallyTooLarge(f"no count up to {bound} decrypts to this value")


def decrypt_with_factors(
    group: Group, ciphertext: Ciphertext, factors: list[int], bound: int
) -> int:
    """The plaintext from every trustee's factor ``alpha^x_i``."""
    combined = 1
    for factor in factors:
        combined = combined * factor % group.p
    g_m = ciphertext.beta * pow(combined, -1, group.p) % group.p
    return discrete_log(group, g_m, bound)
