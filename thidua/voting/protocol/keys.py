"""The trustees' keys: each trustee draws a secret share ``x_i`` on their own machine (in their
browser, or with ``manage.py vote_trustee keygen``) and publishes only ``X_i = x_i·G`` with a
Schnorr proof that they know ``x_i``. The vote's public key is the sum of the shares, so its
secret is the sum of the ``x_i``: no one, the server included, ever holds it, and decrypting
needs every trustee's factor (n of n).

Why the proof: without it, the last trustee to publish could choose ``X_n = Z − (X_1 + … +
X_{n-1})`` for a ``Z`` whose secret they know, and decrypt every ballot alone. Binding the proof
to the vote's context keeps a share of one vote from being replayed in another.

Why n of n and not k of n: a threshold needs a distributed key generation (Pedersen's, as
Belenios runs it) with private channels between trustees and complaints; every trustee
present is simpler to run and to check, at the price that a lost key file blocks the tally.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.voting.protocol.encoding import bytes_from_hex, field, to_hex
from thidua.voting.protocol.errors import ProtocolError
from thidua.voting.protocol.group import IDENTITY, add, is_valid_point, mul_base, random_scalar
from thidua.voting.protocol.proofs import KeyProof, Proof, key_check, key_prove


@dataclass(frozen=True, slots=True)
class TrusteeKey:
    """A trustee's public share and the proof that they know its secret."""

    public: bytes
    proof: KeyProof

    def to_json(self) -> dict[str, object]:
        return {"public": to_hex(self.public), "proof": self.proof.to_json()}

    @classmethod
    def from_json(cls, obj: object) -> TrusteeKey:
        public = bytes_from_hex(field(obj, "public", "the trustee key"), "the trustee key")
        if not is_valid_point(public):
            raise ProtocolError("the trustee key is not a group element")
        proof = Proof.from_json(field(obj, "proof", "the trustee key"), "the key proof")
        return cls(public, proof)


def trustee_keygen(context: str) -> tuple[bytes, TrusteeKey]:
    """A new secret share (32 bytes, little-endian scalar) and its public key with proof."""
    secret = random_scalar()
    public = mul_base(secret)
    return secret, TrusteeKey(public, key_prove(secret, public, context))


def trustee_key_verify(key: TrusteeKey, context: str) -> bool:
    return key_check(key.public, key.proof, context)


def public_key_combine(keys: list[TrusteeKey]) -> bytes:
    """The vote's public key: the sum of every trustee's share."""
    if not keys:
        raise ProtocolError("a vote needs at least one trustee")
    total = IDENTITY
    for key in keys:
        if not is_valid_point(key.public):
            raise ProtocolError("a trustee key is not a group element")
        total = add(total, key.public)
    if not is_valid_point(total):
        raise ProtocolError("the trustees' shares cancel out")
    return total
