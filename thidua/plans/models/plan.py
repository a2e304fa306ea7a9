"""Emulation plans of a cluster term: the stages and deadlines, key tasks, how scores combine,
and who peer-scores whom. The point scale is in ``scale``, registrations in ``registration``."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import ClusterTerm, Sector, Unit


class PlanStage(models.TextChoices):
    DRAFT = "draft", _("Soạn thảo")
    REGISTRATION = "registration", _("Đăng ký thi đua")
    MID_YEAR = "mid_year", _("Thực hiện, sơ kết giữa năm")
    SELF_ASSESSMENT = "self_assessment", _("Tự chấm điểm")
    PEER_ASSESSMENT = "peer_assessment", _("Chấm chéo")
    EXPLANATION = "explanation", _("Giải trình, thẩm định")
    PUBLISHED = "published", _("Công bố kết quả")


# The stages run in this order; the head opens the next one, a passed deadline closes the current.
STAGE_ORDER: tuple[PlanStage, ...] = tuple(PlanStage)


class PeerMethod(models.TextChoices):
    MEAN = "mean", _("Trung bình cộng")
    MEDIAN = "median", _("Trung vị")
    TRIMMED_MEAN = "trimmed_mean", _("Trung bình bỏ điểm cao nhất và thấp nhất")


class Combine(models.TextChoices):
    PRECEDENCE = "precedence", _("Theo thứ tự ưu tiên (điểm thẩm định thay điểm tự chấm)")
    WEIGHTED = "weighted", _("Theo trọng số các vòng chấm")


class AssessorStage(models.TextChoices):
    SELF = "self", _("Tự chấm")
    PEER = "peer", _("Chấm chéo")
    HEAD = "head", _("Cụm trưởng chấm")
    DEPARTMENT = "department", _("Vụ theo dõi chấm")
    APPRAISAL = "appraisal", _("Thẩm định")


class PeerMode(models.TextChoices):
    ALL = "all", _("Mọi thành viên khác")
    GROUPS = "groups", _("Theo nhóm được phân công")


class TieRule(models.TextChoices):
    GROUP_HIGHER = "group_higher", _("Điểm nhóm tiêu chí cao hơn")
    BONUS_HIGHER = "bonus_higher", _("Điểm thưởng cao hơn")
    PENALTY_LOWER = "penalty_lower", _("Điểm trừ thấp hơn")


class Plan(models.Model):
    """A year's emulation plan: of a cluster term, or sector-wide for clusters to adopt."""

    term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("nhiệm kỳ cụm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    sector = models.CharField(_("khối"), max_length=40, choices=Sector.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=400)
    basis = models.TextField(_("căn cứ"), blank=True, help_text=_("Mỗi văn bản một dòng."))
    adopted_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="adoptions"
    )
    stage = models.CharField(
        _("giai đoạn"), max_length=20, choices=PlanStage.choices, default=PlanStage.DRAFT
    )
    # How the cluster's regulation combines scores: configuration, not code.
    assessor_stages = models.JSONField(_("các vòng chấm"), default=list)
    peer_mode = models.CharField(max_length=10, choices=PeerMode.choices, default=PeerMode.ALL)
    peer_method = models.CharField(
        max_length=20, choices=PeerMethod.choices, default=PeerMethod.MEAN
    )
    combine = models.CharField(max_length=20, choices=Combine.choices, default=Combine.PRECEDENCE)
    precedence = models.JSONField(default=list)
    weights = models.JSONField(default=dict)
    tie_breaks = models.JSONField(default=list)
    dispute_threshold = models.DecimalField(
        _("ngưỡng chênh lệch phải giải trình"), max_digits=7, decimal_places=2, default=Decimal(1)
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("kế hoạch thi đua")
        verbose_name_plural = _("kế hoạch thi đua")

    def __str__(self) -> str:
        return self.title

    @property
    def is_sector_wide(self) -> bool:
        return self.term_id is None


class KeyTaskGroup(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="task_groups")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("nhóm nhiệm vụ trọng tâm"), max_length=400)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_group_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class StageDeadline(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deadlines")
    stage = models.CharField(max_length=20, choices=PlanStage.choices)
    due = models.DateTimeField(_("hạn chót"))

    class Meta:
        ordering = ["plan", "due"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "stage"], name="stage_deadline_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.due:%d/%m/%Y}"


class PeerAssignment(models.Model):
    """Who peer-scores whom when the plan assigns peer groups."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="peer_assignments")
    assessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    assessed = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "assessor", "assessed"], name="peer_assignment_unique"
            ),
            models.CheckConstraint(
                condition=~Q(assessor=models.F("assessed")), name="peer_never_scores_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessor_id} → {self.assessed_id}"


class PeerTargetInclusion(models.Model):
    """A member that never registered, which the head still has its peers score (with the
    reason). Without it, a member that never sent its registration is not a peer target."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="peer_inclusions")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    reason = models.CharField(_("lý do"), max_length=300)
    included_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    included_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thành viên chưa đăng ký vẫn được chấm chéo")
        verbose_name_plural = _("thành viên chưa đăng ký vẫn được chấm chéo")
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="peer_inclusion_once")]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.unit}"
