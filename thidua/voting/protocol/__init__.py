"""The ballot protocol, pure (no Django): exponential ElGamal on ed25519 through libsodium,
zero-knowledge proofs made non-interactive by a domain-separated hash, trustees' keys shared
n of n, a homomorphic tally and an election record anyone can verify. docs/voting.md says
what is proven and why; the browser's half is thidua/web/static/web/js/vote-protocol.js.
"""

from thidua.voting.protocol.ballot import (
    Answer,
    Ballot,
    Question,
    ballot_encrypt,
    ballot_verify,
    tracker_of,
)
from thidua.voting.protocol.elgamal import Ciphertext
from thidua.voting.protocol.errors import ProtocolError
from thidua.voting.protocol.keys import (
    TrusteeKey,
    public_key_combine,
    trustee_key_verify,
    trustee_keygen,
)
from thidua.voting.protocol.proofs import KeyProof, Proof
from thidua.voting.protocol.record import record_build, record_summary, record_verify
from thidua.voting.protocol.tally import (
    EncryptedTally,
    PartialDecryption,
    partial_decrypt,
    partial_verify,
    tally_decrypt,
    tally_encrypted,
)

__all__ = [
    "Answer",
    "Ballot",
    "Ciphertext",
    "EncryptedTally",
    "KeyProof",
    "PartialDecryption",
    "Proof",
    "ProtocolError",
    "Question",
    "TrusteeKey",
    "ballot_encrypt",
    "ballot_verify",
    "partial_decrypt",
    "partial_verify",
    "public_key_combine",
    "record_build",
    "record_summary",
    "record_verify",
    "tally_decrypt",
    "tally_encrypted",
    "tracker_of",
    "trustee_key_verify",
    "trustee_keygen",
]
