"""Zero-knowledge proofs, made non-interactive by Fiat–Shamir over everything they commit to
and the vote's context (so a proof from one vote does not pass in another):

- ``KeyProof``: a trustee knows the secret behind its public share (Schnorr).
- ``RangeProof``: a ciphertext encrypts one of ``low..high`` without telling which
  (disjunctive Chaum–Pedersen, as Helios proves each choice is 0 or 1 and the number of
  choices is within the allowed range).
- ``DecryptionProof``: a trustee's factor ``alpha^x`` uses the same ``x`` as its public share
  (Chaum–Pedersen equality of discrete logarithms).
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.voting.protocol.elgamal import Ciphertext
from thidua.voting.protocol.group import Group


@dataclass(frozen=True, slots=True)
class KeyProof:
    commitment: int
    challenge: int
    response: int


def key_prove(group: Group, secret: int, context: str) -> KeyProof:
    public = pow(group.g, secret, group.p)
    w = group.random_exponent()
    commitment = pow(group.g, w, group.p)
    challenge = group.challenge("key", context, public, commitment)
    return KeyProof(commitment, challenge, (w + challenge * secret) % group.q)


def key_verify(group: Group, public: int, proof: KeyProof, context: str) -> bool:
    if not group.is_element(public) or not group.is_element(proof.commitment):
        return False
    if proof.challenge != group.challenge("key", context, public, proof.commitment):
        return False
    left = pow(group.g, proof.response, group.p)
    right = proof.commitment * pow(public, proof.challenge, group.p) % group.p
    return left == right


@dataclass(frozen=True, slots=True)
class RangeBranch:
    a: int  # commitment g^w
    b: int  # commitment y^w
    challenge: int
    response: int


@dataclass(frozen=True, slots=True)
class RangeProof:
    low: int
    branches: tuple[RangeBranch, ...]  # one per value low..high


def _range_hash(
    group: Group, context: str, public_key: int, ct: Ciphertext, commitments: list[int]
) -> int:
    return group.challenge("range", context, public_key, ct.alpha, ct.beta, *commitments)


def range_prove(
    group: Group,
    public_key: int,
    ct: Ciphertext,
    m: int,
    r: int,
    low: int,
    high: int,
    context: str,
) -> RangeProof:
    """Prove ``ct = (g^r, g^m y^r)`` with ``low ≤ m ≤ high``: the branch of ``m`` is real, the
    others simulated; their challenges add up to the hash."""
    if not low <= m <= high:
        raise ValueError("the value is outside the range it is proven in")
    p, q, g = group.p, group.q, group.g
    branches: list[RangeBranch | None] = []
    commitments: list[int] = []
    w = group.random_exponent()
    for j in range(low, high + 1):
        if j == m:
            branches.append(None)
            commitments += [pow(g, w, p), pow(public_key, w, p)]
            continue
        c, s = group.random_exponent(), group.random_exponent()
        # Simulated: a = g^s / alpha^c, b = y^s / (beta / g^j)^c.
        beta_j = ct.beta * pow(pow(g, j, p), -1, p) % p
        a = pow(g, s, p) * pow(pow(ct.alpha, c, p), -1, p) % p
        b = pow(public_key, s, p) * pow(pow(beta_j, c, p), -1, p) % p
        branches.append(RangeBranch(a, b, c, s))
        commitments += [a, b]
    total = _range_hash(group, context, public_key, ct, commitments)
    simulated = sum(branch.challenge for branch in branches if branch is not None)
    real_challenge = (total - simulated) % q
    real = RangeBranch(
        pow(g, w, p), pow(public_key, w, p), real_challenge, (w + real_challenge * r) % q
    )
    return RangeProof(low, tuple(real if branch is None else branch for branch in branches))


def range_verify(
    group: Group,
    public_key: int,
    ct: Ciphertext,
    proof: RangeProof,
    low: int,
    high: int,
    context: str,
) -> bool:
    p, q, g = group.p, group.q, group.g
    if proof.low != low or len(proof.branches) != high - low + 1 or not ct.well_formed(group):
        return False
    commitments: list[int] = []
    for j, branch in zip(range(low, high + 1), proof.branches, strict=True):
        if not (group.is_element(branch.a) and group.is_element(branch.b)):
            return False
        beta_j = ct.beta * pow(pow(g, j, p), -1, p) % p
        if pow(g, branch.response, p) != branch.a * pow(ct.alpha, branch.challenge, p) % p:
            return False
        if pow(public_key, branch.response, p) != branch.b * pow(beta_j, branch.challenge, p) % p:
            return False
        commitments += [branch.a, branch.b]
    total = sum(branch.challenge for branch in proof.branches) % q
    return total == _range_hash(group, context, public_key, ct, commitments)


@dataclass(frozen=True, slots=True)
class DecryptionProof:
    a: int  # g^w
    b: int  # alpha^w
    challenge: int
    response: int


def decryption_factor(
    group: Group, secret: int, ct: Ciphertext, context: str
) -> tuple[int, DecryptionProof]:
    """The trustee's factor ``alpha^x`` with its proof."""
    p = group.p
    factor = pow(ct.alpha, secret, p)
    w = group.random_exponent()
    a, b = pow(group.g, w, p), pow(ct.alpha, w, p)
    public = pow(group.g, secret, p)
    challenge = group.challenge("decrypt", context, public, ct.alpha, ct.beta, factor, a, b)
    return factor, DecryptionProof(a, b, challenge, (w + challenge * secret) % group.q)


def decryption_verify(
    group: Group, public: int, ct: Ciphertext, factor: int, proof: DecryptionProof, context: str
) -> bool:
    p = group.p
    if not all(group.is_element(x) for x in (public, factor, proof.a, proof.b)):
        return False
    expected = group.challenge(
        "decrypt", context, public, ct.alpha, ct.beta, factor, proof.a, proof.b
    )
    if proof.challenge != expected:
        return False
    return pow(group.g, proof.response, p) == proof.a * pow(public, proof.challenge, p) % p and (
        pow(ct.alpha, proof.response, p) == proof.b * pow(factor, proof.challenge, p) % p
    )
