"""Achievement records per person and per unit, per year (domain.md §8): the task-completion
rating, initiatives recognised, a collective's counts, discipline and pending matters.

Titles and awards received are the registry's grants (``registry.py``), not fields here, so
one received award is one row whichever way it arrived (a decision in the system, or entered
from the paper archive).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.subject import SubjectRecord, one_subject


class Rating(models.TextChoices):
    """The values are the engine's (``awards.engine.history.Rating``)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


class RecordSource(models.TextChoices):
    REVIEW = "review", _("Từ kiểm điểm, đánh giá cuối năm")
    ENTERED = "entered", _("Nhập tay")
    IMPORTED = "imported", _("Nhập từ Excel")
    DEMO = "demo", _("Dữ liệu minh họa")


class AchievementYear(SubjectRecord):
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(
        _("xếp loại"), max_length=20, choices=Rating.choices, blank=True, default=""
    )
    # A collective's counts; empty = not known (the engine then answers "cannot tell").
    members = models.PositiveIntegerField(_("số thành viên"), null=True, blank=True)
    members_completed = models.PositiveIntegerField(
        _("số hoàn thành nhiệm vụ"), null=True, blank=True
    )
    members_ldtt = models.PositiveIntegerField(_("số Lao động tiên tiến"), null=True, blank=True)
    members_cstdcs = models.PositiveIntegerField(
        _("số Chiến sĩ thi đua cơ sở"), null=True, blank=True
    )
    # Whether the unit led its emulation cluster that year (from the published ranking).
    leads_cluster = models.BooleanField(_("dẫn đầu cụm thi đua"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=20, choices=RecordSource.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("thành tích năm")
        verbose_name_plural = _("thành tích năm")
        constraints = [
            one_subject("achievement_has_subject"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="achievement_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(person__isnull=True),
                name="achievement_unit_year",
            ),
            models.CheckConstraint(
                condition=Q(members__isnull=True)
                | (
                    (Q(members_completed__isnull=True) | Q(members_completed__lte=F("members")))
                    & (Q(members_ldtt__isnull=True) | Q(members_ldtt__lte=F("members")))
                    & (Q(members_cstdcs__isnull=True) | Q(members_cstdcs__lte=F("members")))
                ),
                name="achievement_counts_within_members",
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.year}: {self.get_rating_display()}"


class InitiativeLevel(models.TextChoices):
    BASE = "base", _("Cấp cơ sở")
    MINISTRY = "ministry", _("Cấp bộ, ban, ngành, tỉnh")
    NATIONAL = "national", _("Toàn quốc")


class Initiative(SubjectRecord):
    """An initiative or a piece of research recognised, with the decision recognising it."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên sáng kiến, đề tài"), max_length=400)
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=InitiativeLevel.choices)
    decision = models.CharField(_("quyết định công nhận"), max_length=120, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("sáng kiến, đề tài")
        verbose_name_plural = _("sáng kiến, đề tài")
        constraints = [one_subject("initiative_has_subject")]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.year}: {self.title}"


class Discipline(SubjectRecord):
    """A discipline: it bars an award while served, and achievement counts only after it."""

    kind = models.CharField(_("hình thức kỷ luật"), max_length=120)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    decision = models.CharField(_("quyết định"), max_length=120, blank=True)

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        constraints = [
            one_subject("discipline_has_subject"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="discipline_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.kind} ({self.start})"


class PendingKind(models.TextChoices):
    """The values are the engine's (``awards.engine.bars.PENDING_LABELS``)."""

    DISCIPLINARY_REVIEW = "disciplinary_review", _("Đang xem xét kỷ luật")
    INSPECTION = "inspection", _("Đang thanh tra, kiểm tra")
    COMPLAINT = "complaint", _("Đang giải quyết khiếu nại, tố cáo")
    INVESTIGATION = "investigation", _("Đang điều tra")


class PendingMatter(SubjectRecord):
    """A matter under consideration: it bars an award while open (``closed_on`` empty)."""

    kind = models.CharField(_("loại vụ việc"), max_length=30, choices=PendingKind.choices)
    opened_on = models.DateField(_("từ ngày"))
    closed_on = models.DateField(_("kết thúc ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["-opened_on", "id"]
        verbose_name = _("vụ việc đang xem xét")
        verbose_name_plural = _("vụ việc đang xem xét")
        constraints = [
            one_subject("pending_has_subject"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="pending_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.get_kind_display()}"
