"""Electronic ballots and the one-time codes of delegates without an account.

A ballot row holds only ciphertexts and proofs: the choice is encrypted in the voter's browser
and no one, the server included, holds the whole key to open a single ballot. The ballot names
its roll line so that each voter casts once (a unique key) and finds their receipt again.
"""

from django.db import models

from thidua.voting.models.votes import Vote, VoterEntry


class Ballot(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    voter = models.OneToOneField(VoterEntry, on_delete=models.PROTECT, related_name="ballot")
    # SHA-256 of the ballot's canonical JSON: the receipt, looked up on the public list.
    tracker = models.CharField(max_length=64)
    content = models.JSONField()
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vote", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "tracker"], name="ballot_tracker_unique")
        ]

    def __str__(self) -> str:
        return self.tracker


class OneTimeCode(models.Model):
    """A code handed out in the room on paper. Only its hash is kept; it works once."""

    voter = models.OneToOneField(VoterEntry, on_delete=models.CASCADE, related_name="code")
    code_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.voter_id}"


class CiphertextSeen(models.Model):
    """The first part of every ciphertext in a vote's box, unique: a ballot that reuses one
    copies (part of) another voter's ballot — the replay by which a voter could learn another's
    choice from the tally — and is refused, even at the same instant as the original."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="+")
    alpha = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "alpha"], name="ciphertext_seen_once")
        ]

    def __str__(self) -> str:
        return self.alpha
