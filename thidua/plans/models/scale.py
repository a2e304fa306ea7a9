"""The versioned point scale of a plan: a tree of criteria, each scored one way, some reading
their figure from an indicator of the catalogue."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.indicators.models import Indicator
from thidua.plans.models.plan import KeyTaskGroup, Plan


class Scale(models.Model):
    """One version of a plan's point scale; frozen once registration opens."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="scales")
    version = models.PositiveSmallIntegerField(_("phiên bản"))
    maximum = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    bonus_cap = models.DecimalField(_("điểm thưởng tối đa"), max_digits=7, decimal_places=2)
    penalty_cap = models.DecimalField(_("điểm trừ tối đa"), max_digits=7, decimal_places=2)
    reason = models.TextField(_("lý do sửa đổi"), blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="scale_version_unique"),
            models.CheckConstraint(
                condition=Q(maximum__gt=0, bonus_cap__gte=0, penalty_cap__gte=0),
                name="scale_caps_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class CriterionKind(models.TextChoices):
    GROUP = "group", _("Nhóm tiêu chí")
    MANUAL = "manual", _("Chấm điểm trực tiếp")
    TARGET = "target", _("So với chỉ tiêu")
    PASS_FAIL = "pass_fail", _("Đạt / không đạt")
    OCCURRENCE = "occurrence", _("Theo số lần")
    RELATIVE_BEST = "relative_best", _("So với đơn vị cao nhất")


# The kinds whose actual value is a measured figure: the only ones a report can supply, so the
# only ones that may link to an indicator.
LINKABLE_KINDS = frozenset(
    {CriterionKind.TARGET, CriterionKind.OCCURRENCE, CriterionKind.RELATIVE_BEST}
)


class Section(models.TextChoices):
    BASE = "base", _("Điểm chuẩn")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class Criterion(models.Model):
    """A node of the scale tree: a group, a criterion or a sub-criterion."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("mã"), max_length=20)
    title = models.CharField(_("nội dung"), max_length=500)
    kind = models.CharField(_("cách chấm"), max_length=20, choices=CriterionKind.choices)
    section = models.CharField(
        _("loại điểm"), max_length=10, choices=Section.choices, default=Section.BASE
    )
    maximum = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    step = models.DecimalField(
        _("bước điểm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    lower_is_better = models.BooleanField(_("càng thấp càng tốt"), default=False)
    # [[min_ratio, share], ...] for target criteria scored by bands; empty means linear.
    bands = models.JSONField(default=list, blank=True)
    per_event = models.DecimalField(
        _("điểm mỗi lần"), max_digits=7, decimal_places=2, default=Decimal(0)
    )
    evidence_required = models.BooleanField(_("bắt buộc có minh chứng"), default=False)
    evidence_hint = models.CharField(_("minh chứng"), max_length=400, blank=True)
    task_group = models.ForeignKey(
        KeyTaskGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="criteria"
    )
    # The indicator of the catalogue whose reported figure a criterion scored from a figure
    # reads; none means the figure is entered on the sheet. The catalogue, a floor below,
    # knows nothing of the scales that read it (no reverse accessor).
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("chỉ tiêu báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["scale", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="criterion_code_unique"),
            models.CheckConstraint(condition=Q(maximum__gte=0), name="criterion_maximum_gte_0"),
            models.CheckConstraint(
                condition=Q(indicator__isnull=True) | Q(kind__in=sorted(LINKABLE_KINDS)),
                name="criterion_links_only_a_figure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    @property
    def is_leaf(self) -> bool:
        return self.kind != CriterionKind.GROUP
