"""Assessments of a plan's members, the explanation round and the published results."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import StoredFile
from thidua.orgs.models import Unit
from thidua.plans.models import AssessorStage, Criterion, Plan, Scale


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")


class Assessment(models.Model):
    """One assessor's sheet for one member in one stage (self: the assessor is the member)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assessments")
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("vòng chấm"), max_length=20, choices=AssessorStage.choices)
    assessor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị chấm"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "stage", "unit__sort_key", "assessor__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "stage", "assessor"], name="assessment_once_per_assessor"
            ),
            # A member scores itself only in the self stage, and only there.
            models.CheckConstraint(
                condition=(Q(stage="self") & Q(assessor=models.F("unit")))
                | (~Q(stage="self") & ~Q(assessor=models.F("unit"))),
                name="assessment_self_only_in_self_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.unit} ({self.get_stage_display()})"


class Score(models.Model):
    """The mark of one criterion in one assessment: points, or the measured value."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_once"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0), name="score_points_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.criterion_id}"


class Evidence(models.Model):
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="evidence")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.file.name


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("Chờ giải trình")
    ANSWERED = "answered", _("Đã giải trình")
    APPRAISED = "appraised", _("Đã thẩm định")


class Dispute(models.Model):
    """A criterion whose self score and combined peer score differ by more than the threshold."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="disputes")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    self_points = models.DecimalField(max_digits=7, decimal_places=2)
    peer_points = models.DecimalField(max_digits=7, decimal_places=2)
    status = models.CharField(
        max_length=20, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    answer = models.TextField(_("giải trình của đơn vị"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    appraised_points = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    appraisal_reason = models.TextField(_("lý do thẩm định"), blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraised_at = models.DateTimeField(null=True, blank=True)
    files = models.ManyToManyField(StoredFile, blank=True, related_name="+")

    class Meta:
        ordering = ["plan", "unit__sort_key", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "criterion"], name="dispute_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.criterion_id}"

    @property
    def gap(self) -> Decimal:
        return self.self_points - self.peer_points


class Publication(models.Model):
    """The published result of a plan: the engine's output kept as it was at publication."""

    plan = models.OneToOneField(Plan, on_delete=models.PROTECT, related_name="publication")
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()
    payload = models.JSONField()

    def __str__(self) -> str:
        return f"{self.plan}"


class RankingRow(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="rows")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    total = models.DecimalField(max_digits=8, decimal_places=2)
    base = models.DecimalField(max_digits=8, decimal_places=2)
    bonus = models.DecimalField(max_digits=8, decimal_places=2)
    penalty = models.DecimalField(max_digits=8, decimal_places=2)
    tied_with = models.JSONField(default=list)
    tie_note = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["publication", "rank", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "unit"], name="ranking_row_once")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit_id}"
