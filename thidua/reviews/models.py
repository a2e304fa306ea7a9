"""A vote of confidence held by a board: the persons it rates, each with the post they hold,
and the secret vote (``voting.Vote``, kind confidence) that carries the ballots and the count.

The vote keeps the mode, the roll, the counting committee and the result; this app keeps what
the vote does not know: that it is a confidence vote of this board, and the posts of the
persons rated (a person's line on the ballot is matched by its person).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import Person, Unit
from thidua.voting.models import Vote


class ConfidenceSession(models.Model):
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tổ chức lấy phiếu"),
        on_delete=models.PROTECT,
        related_name="confidence_sessions",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày lấy phiếu"))
    vote = models.OneToOneField(
        Vote,
        verbose_name=_("cuộc bỏ phiếu"),
        on_delete=models.PROTECT,
        related_name="confidence_session",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("đợt lấy phiếu tín nhiệm")
        verbose_name_plural = _("đợt lấy phiếu tín nhiệm")

    def __str__(self) -> str:
        return self.vote.title

    @property
    def mode(self) -> str:
        """Paper or electronic: the vote's, never kept twice."""
        return self.vote.mode


class RatedPerson(models.Model):
    """A person rated, with the post they hold at the vote (as the ballot names it)."""

    session = models.ForeignKey(ConfidenceSession, on_delete=models.CASCADE, related_name="rated")
    position = models.PositiveSmallIntegerField()
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("chức vụ"), max_length=200)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="rated_person_once"),
            models.UniqueConstraint(fields=["session", "position"], name="rated_person_position"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"
