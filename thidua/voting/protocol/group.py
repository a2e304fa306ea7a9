"""The group every vote computes in: the prime-order subgroup of the ed25519 curve, of order
``L = 2^252 + 27742317777372353535851937790883648493``, through libsodium's own group
operations (PyNaCl's ``nacl.bindings``). No point or scalar arithmetic is written here: this
module only names libsodium's functions and handles their edges once, so the protocol above
reads as algebra.

A point is its 32-byte compressed encoding; a scalar is a 32-byte little-endian integer below
``L``. The browser does the same with @noble/curves, byte for byte.

libsodium's edges:

- ``crypto_scalarmult_ed25519_noclamp`` (and its ``_base`` form) refuses a zero scalar, the
  identity point, small-order points, and any product that is the identity. The identity is an
  ordinary value in this protocol (``0·G`` encodes the choice 0, an empty ballot box sums to
  it, a simulated proof may meet it), so :func:`mul` and :func:`mul_base` return it without
  calling libsodium when the scalar is zero or the point is the identity. Every other refusal
  means a point that is not in the group reached the product: that is a :class:`ProtocolError`.
- ``crypto_core_ed25519_is_valid_point`` accepts only canonical encodings of points of the
  prime-order subgroup, and rejects the identity. Every point received from outside (a key, a
  ballot, a partial decryption) passes through it where the protocol needs a group element;
  :func:`is_element` also admits the identity, for sums (a tally, a decryption factor).
- ``crypto_core_ed25519_add``/``sub`` accept any point on the curve, the identity included.
"""

from __future__ import annotations

from functools import lru_cache

from nacl import bindings, exceptions, utils

from thidua.voting.protocol.errors import ProtocolError

POINT_BYTES = bindings.crypto_core_ed25519_BYTES
SCALAR_BYTES = bindings.crypto_core_ed25519_SCALARBYTES
L = 2**252 + 27742317777372353535851937790883648493
IDENTITY = bytes([1]) + bytes(POINT_BYTES - 1)
ZERO = bytes(SCALAR_BYTES)
ONE = bytes([1]) + bytes(SCALAR_BYTES - 1)


def add(p: bytes, q: bytes) -> bytes:
    return bindings.crypto_core_ed25519_add(p, q)


def sub(p: bytes, q: bytes) -> bytes:
    return bindings.crypto_core_ed25519_sub(p, q)


def mul(scalar: bytes, point: bytes) -> bytes:
    """``scalar · point``; the identity when either is zero (libsodium refuses both)."""
    if scalar == ZERO or point == IDENTITY:
        return IDENTITY
    try:
        return bindings.crypto_scalarmult_ed25519_noclamp(scalar, point)
    except exceptions.RuntimeError as exc:
        raise ProtocolError("a point is not an element of the group") from exc


def mul_base(scalar: bytes) -> bytes:
    """``scalar · G``; the identity for zero (libsodium refuses it)."""
    if scalar == ZERO:
        return IDENTITY
    return bindings.crypto_scalarmult_ed25519_base_noclamp(scalar)


def is_valid_point(point: bytes) -> bool:
    """A canonical encoding of a point of the prime-order subgroup other than the identity."""
    return len(point) == POINT_BYTES and bindings.crypto_core_ed25519_is_valid_point(point)


def is_element(point: bytes) -> bool:
    """Any element of the prime-order subgroup, the identity included (a sum may be it)."""
    return point == IDENTITY or is_valid_point(point)


def scalar_add(a: bytes, b: bytes) -> bytes:
    return bindings.crypto_core_ed25519_scalar_add(a, b)


def scalar_sub(a: bytes, b: bytes) -> bytes:
    return bindings.crypto_core_ed25519_scalar_sub(a, b)


def scalar_mul(a: bytes, b: bytes) -> bytes:
    return bindings.crypto_core_ed25519_scalar_mul(a, b)


def scalar_reduce(wide: bytes) -> bytes:
    """A 64-byte little-endian number modulo ``L`` (a hash or 64 random bytes)."""
    return bindings.crypto_core_ed25519_scalar_reduce(wide)


def is_scalar(value: bytes) -> bool:
    """A canonical scalar: 32 bytes whose number is below ``L`` (reducing leaves it as is)."""
    return len(value) == SCALAR_BYTES and scalar_reduce(value + bytes(SCALAR_BYTES)) == value


def random_scalar() -> bytes:
    """A uniform non-zero scalar: 64 random bytes from the system's generator, reduced (the
    bias of reducing 512 bits modulo a 253-bit ``L`` is below 2^-259)."""
    while True:
        scalar = scalar_reduce(utils.random(2 * SCALAR_BYTES))
        if scalar != ZERO:
            return scalar


def scalar_of(n: int) -> bytes:
    """A small non-negative integer (a choice, a count) as a scalar."""
    if not 0 <= n < L:
        raise ProtocolError("a number is outside the scalars")
    return n.to_bytes(SCALAR_BYTES, "little")


@lru_cache(maxsize=4096)
def small_multiple(n: int) -> bytes:
    """``n · G`` for a choice or a count: ElGamal's encoding of the number ``n``."""
    return mul_base(scalar_of(n))


BASE = mul_base(ONE)
