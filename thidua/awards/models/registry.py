"""The registry: every award received, by a decision recorded in the system or entered from
the paper archive, and its revocation. A revoked grant stays, marked, and no longer counts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.rounds import Candidate, Decision
from thidua.awards.models.subject import SubjectRecord, one_subject


class GrantSource(models.TextChoices):
    DECISION = "decision", _("Quyết định trong hệ thống")
    ENTERED = "entered", _("Nhập từ hồ sơ lưu trữ")
    IMPORTED = "imported", _("Nhập từ Excel")
    DEMO = "demo", _("Dữ liệu minh họa")


class RevocationGround(models.TextChoices):
    """Luật 06/2022/QH15: an award is revoked for a false declaration, forged papers or an
    unlawful appraisal or proposal."""

    FALSE_DECLARATION = "false_declaration", _("Gian dối trong kê khai thành tích")
    FORGED_PAPERS = "forged_papers", _("Giả mạo hồ sơ, giấy tờ")
    UNLAWFUL_APPRAISAL = "unlawful_appraisal", _("Xác nhận, thẩm định, đề nghị sai")


class Grant(SubjectRecord):
    award = models.CharField(_("danh hiệu, hình thức khen"), max_length=60)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    source = models.CharField(_("nguồn"), max_length=20, choices=GrantSource.choices)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    candidate = models.OneToOneField(
        Candidate, null=True, blank=True, on_delete=models.PROTECT, related_name="grant"
    )
    # The decision's particulars, copied for a grant entered from the archive.
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan quyết định"), max_length=200)
    # Prize money in đồng, and how it was computed (multiple, base salary, their citations).
    prize = models.DecimalField(
        _("tiền thưởng (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    prize_basis = models.JSONField(_("cách tính tiền thưởng"), default=dict, blank=True)
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revocation_ground = models.CharField(
        _("căn cứ thu hồi"), max_length=30, choices=RevocationGround.choices, blank=True
    )
    revocation_decision = models.CharField(_("quyết định thu hồi"), max_length=120, blank=True)
    revocation_reason = models.TextField(_("lý do thu hồi"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-decided_on", "id"]
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("sổ khen thưởng")
        constraints = [
            one_subject("grant_has_subject"),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True)
                | (~Q(revocation_ground="") & ~Q(revocation_decision="")),
                name="grant_revocation_grounded",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "year"]),
            models.Index(fields=["unit", "year"]),
            models.Index(fields=["award", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name}: {self.award} {self.year} ({self.decision_number})"

    @property
    def revoked(self) -> bool:
        return self.revoked_on is not None
