"""The count of a vote: per candidate and option, the number of ballots that chose it.

Electronically it is the trustees' decryption of the sum of every ballot; on paper it is what
the counting committee entered from the ballots, with the figures of the ballots themselves
(issued, received, valid, invalid), confirmed by two of its members before the result stands.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from thidua.voting.models.votes import CommitteeMember, Vote, VoteCandidate


class Count(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="counts")
    candidate = models.ForeignKey(VoteCandidate, on_delete=models.CASCADE, related_name="counts")
    # The option of the candidate's line: 0 for approve or elect; for a confidence vote
    # 0 high, 1 confidence, 2 low; for a motion 0 for, 1 against.
    option = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["candidate__position", "option"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "option"], name="count_once_per_option")
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}/{self.option}: {self.count}"


class PaperCount(models.Model):
    """The figures of the paper ballots, as the counting committee's minutes give them."""

    vote = models.OneToOneField(Vote, on_delete=models.CASCADE, related_name="paper")
    issued = models.PositiveIntegerField()
    received = models.PositiveIntegerField()
    valid = models.PositiveIntegerField()
    invalid = models.PositiveIntegerField()
    # Absent members' written ballots, where the rule lets them count (already in received).
    written = models.PositiveIntegerField(default=0)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(received__lte=F("issued")), name="paper_received"),
            models.CheckConstraint(
                condition=Q(valid=F("received") - F("invalid")), name="paper_valid_invalid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.valid}/{self.received}"


class PaperConfirmation(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="confirmations")
    member = models.ForeignKey(CommitteeMember, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vote", "member"], name="confirmation_once")]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.member_id}"
