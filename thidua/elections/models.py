"""The summary conference's election of next year's cluster head and deputies.

A cluster's term of year Y elects, among its member boards, the head (one seat) and the
deputies (as many seats as the conference decides) of year Y+1: two votes of the voting app,
organised by the term. Once both are final, their result becomes year Y+1's officers through
``orgs``' own officer service, with the decision "Bầu tại Hội nghị tổng kết ngày …"; ``orgs``
knows nothing of this app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import ClusterTerm
from thidua.voting.models import Vote


class Election(models.Model):
    term = models.OneToOneField(
        ClusterTerm,
        verbose_name=_("cụm thi đua bầu"),
        on_delete=models.PROTECT,
        related_name="election",
    )
    held_on = models.DateField(_("ngày hội nghị tổng kết"))
    head_vote = models.OneToOneField(
        Vote, verbose_name=_("bầu cụm trưởng"), on_delete=models.PROTECT, related_name="+"
    )
    deputies_vote = models.OneToOneField(
        Vote, verbose_name=_("bầu cụm phó"), on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField(_("ghi kết quả lúc"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("cuộc bầu cụm trưởng, cụm phó")
        verbose_name_plural = _("cuộc bầu cụm trưởng, cụm phó")

    def __str__(self) -> str:
        return f"{self.term} → {self.term.year + 1}"

    @property
    def next_year(self) -> int:
        return self.term.year + 1
