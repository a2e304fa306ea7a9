"""The allowed moves of a vote.

Electronic: draft → keys (the roll and candidates are fixed; trustees make their key parts) →
open (the public key is the sum of the parts) → closed → final (the last trustee's decryption of
the whole ballot box gives the count). Paper: draft → counted (the committee enters the figures,
again while unconfirmed) → final (a second committee member confirms).
"""

from thidua.core.workflow import Moves
from thidua.voting.models import VoteStatus

VOTE_MOVES: Moves = {
    VoteStatus.DRAFT: frozenset({VoteStatus.KEYS, VoteStatus.COUNTED}),
    VoteStatus.KEYS: frozenset({VoteStatus.OPEN}),
    VoteStatus.OPEN: frozenset({VoteStatus.CLOSED}),
    VoteStatus.CLOSED: frozenset({VoteStatus.FINAL}),
    VoteStatus.COUNTED: frozenset({VoteStatus.COUNTED, VoteStatus.FINAL}),
    VoteStatus.FINAL: frozenset(),
}

VOTE_LABELS = dict(VoteStatus.choices)
