"""Zero-knowledge proofs, made non-interactive by Fiat–Shamir (:func:`hash_to_scalar`: a
domain per statement, the vote's context, the public key, everything the proof commits to).

Every proof is kept in the compact form Belenios uses: a challenge ``c`` and a response ``s``
per branch. The verifier recomputes the commitments from them (``s·G − c·X`` and so on) and
checks that the challenges hash back, so no commitment point is ever received or validated.

- **Key** (Schnorr): a trustee knows the ``x`` behind its public share ``X = x·G``. Without
  it, a trustee could publish a share derived from the others' (``X = Z − X_other``) and
  decrypt alone.
- **Range** (disjunctive Chaum–Pedersen, as Helios): a ciphertext ``(alpha, beta)`` encrypts
  one of ``low..high`` without telling which. For each ``j`` it proves that ``(alpha, beta −
  j·G)`` is ``(r·G, r·Y)``; the branch of the true value is real, the others simulated, and
  their challenges add up to the hash, so at most one can be real. Each choice is proven in
  0..1 and each answer's sum in min..max.
- **Decryption** (Chaum–Pedersen equality of discrete logarithms): a trustee's factor
  ``D = x·alpha`` uses the same ``x`` as its share ``X = x·G``, so a trustee cannot shift the
  result with a wrong factor.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.voting.protocol.elgamal import Ciphertext
from thidua.voting.protocol.encoding import (
    exact_keys,
    field,
    hash_to_scalar,
    scalar_from_hex,
    to_hex,
)
from thidua.voting.protocol.errors import ProtocolError
from thidua.voting.protocol.group import (
    ZERO,
    is_valid_point,
    mul,
    mul_base,
    random_scalar,
    scalar_add,
    scalar_mul,
    scalar_sub,
    small_multiple,
    sub,
)

KEY_DOMAIN = "key"
CHOICE_DOMAIN = "choice"
ANSWER_DOMAIN = "answer"
DECRYPT_DOMAIN = "decrypt"


@dataclass(frozen=True, slots=True)
class Proof:
    """One challenge and its response (scalars)."""

    challenge: bytes
    response: bytes

    def to_json(self) -> dict[str, str]:
        return {"challenge": to_hex(self.challenge), "response": to_hex(self.response)}

    @classmethod
    def from_json(cls, obj: object, what: str) -> Proof:
        exact_keys(obj, ("challenge", "response"), what)
        return cls(
            scalar_from_hex(field(obj, "challenge", what), f"{what}: challenge"),
            scalar_from_hex(field(obj, "response", what), f"{what}: response"),
        )


KeyProof = Proof


def _respond(nonce: bytes, challenge: bytes, secret: bytes) -> bytes:
    return scalar_add(nonce, scalar_mul(challenge, secret))


def _commitment(response: bytes, challenge: bytes, base: bytes | None, image: bytes) -> bytes:
    """What the prover committed to, recomputed: ``s·base − c·image``; no ``base`` stands
    for the generator ``G`` (libsodium's faster base form)."""
    scaled = mul_base(response) if base is None else mul(response, base)
    return sub(scaled, mul(challenge, image))


def key_prove(secret: bytes, public: bytes, context: str) -> Proof:
    nonce = random_scalar()
    challenge = hash_to_scalar(KEY_DOMAIN, context, public, mul_base(nonce))
    return Proof(challenge, _respond(nonce, challenge, secret))


def key_check(public: bytes, proof: Proof, context: str) -> bool:
    if not is_valid_point(public):
        return False
    commitment = _commitment(proof.response, proof.challenge, None, public)
    return hash_to_scalar(KEY_DOMAIN, context, public, commitment) == proof.challenge


def _range_parts(public_key: bytes, ct: Ciphertext, low: int, high: int) -> list[bytes | int]:
    return [public_key, low, high, ct.alpha, ct.beta]


def range_prove(
    domain: str,
    context: str,
    public_key: bytes,
    ct: Ciphertext,
    m: int,
    r: bytes,
    low: int,
    high: int,
) -> tuple[Proof, ...]:
    """Prove ``ct = (r·G, m·G + r·Y)`` with ``low ≤ m ≤ high``. Refuses a value outside the
    range: such a proof cannot be made (short of breaking the hash or the group)."""
    if not low <= m <= high:
        raise ProtocolError(f"the value {m} is outside {low}..{high}: it cannot be proven")
    nonce = random_scalar()
    simulated: dict[int, Proof] = {}
    commitments: list[bytes] = []
    for j in range(low, high + 1):
        if j == m:
            commitments += [mul_base(nonce), mul(nonce, public_key)]
            continue
        proof = Proof(random_scalar(), random_scalar())
        simulated[j] = proof
        shifted = sub(ct.beta, small_multiple(j))
        commitments += [
            _commitment(proof.response, proof.challenge, None, ct.alpha),
            _commitment(proof.response, proof.challenge, public_key, shifted),
        ]
    total = hash_to_scalar(domain, context, *_range_parts(public_key, ct, low, high), *commitments)
    real = total
    for proof in simulated.values():
        real = scalar_sub(real, proof.challenge)
    simulated[m] = Proof(real, _respond(nonce, real, r))
    return tuple(simulated[j] for j in range(low, high + 1))


def range_check(
    domain: str,
    context: str,
    public_key: bytes,
    ct: Ciphertext,
    proofs: tuple[Proof, ...],
    low: int,
    high: int,
) -> bool:
    if len(proofs) != high - low + 1:
        return False
    total = ZERO
    commitments: list[bytes] = []
    for j, proof in zip(range(low, high + 1), proofs, strict=True):
        shifted = sub(ct.beta, small_multiple(j))
        commitments += [
            _commitment(proof.response, proof.challenge, None, ct.alpha),
            _commitment(proof.response, proof.challenge, public_key, shifted),
        ]
        total = scalar_add(total, proof.challenge)
    parts = _range_parts(public_key, ct, low, high)
    return hash_to_scalar(domain, context, *parts, *commitments) == total


def decryption_prove(
    secret: bytes, public: bytes, ct: Ciphertext, factor: bytes, context: str
) -> Proof:
    """Prove ``factor = x·alpha`` for the ``x`` of ``public = x·G``."""
    nonce = random_scalar()
    challenge = hash_to_scalar(
        DECRYPT_DOMAIN,
        context,
        public,
        ct.alpha,
        ct.beta,
        factor,
        mul_base(nonce),
        mul(nonce, ct.alpha),
    )
    return Proof(challenge, _respond(nonce, challenge, secret))


def decryption_check(
    public: bytes, ct: Ciphertext, factor: bytes, proof: Proof, context: str
) -> bool:
    commitments = (
        _commitment(proof.response, proof.challenge, None, public),
        _commitment(proof.response, proof.challenge, ct.alpha, factor),
    )
    expected = hash_to_scalar(
        DECRYPT_DOMAIN, context, public, ct.alpha, ct.beta, factor, *commitments
    )
    return expected == proof.challenge
