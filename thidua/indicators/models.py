"""The indicator catalogue, targets, reporting periods, periodic reports and good practices."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import StoredFile
from thidua.core.text import fold
from thidua.orgs.models import ClusterTerm, Unit


class IndicatorKind(models.TextChoices):
    COUNT = "count", _("Số lượng")
    SHARE = "share", _("Tỷ lệ x trên y")
    PERCENTAGE = "percentage", _("Phần trăm")
    YES_NO = "yes_no", _("Có / không")
    AMOUNT = "amount", _("Giá trị")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Càng cao càng tốt")
    LOWER = "lower", _("Càng thấp càng tốt")


class RollUp(models.TextChoices):
    SUM = "sum", _("Cộng")
    RATIO_OF_SUMS = "ratio_of_sums", _("Tỷ lệ của các tổng (Σx / Σy)")
    MAX = "max", _("Lớn nhất")
    MIN = "min", _("Nhỏ nhất")
    NONE = "none", _("Không tổng hợp")


class Indicator(models.Model):
    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    kind = models.CharField(_("loại"), max_length=20, choices=IndicatorKind.choices)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    direction = models.CharField(
        _("chiều"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    rollup = models.CharField(_("cách tổng hợp"), max_length=20, choices=RollUp.choices)
    # For shares: what x and y count, e.g. "biên chế tinh giản" of "biên chế được giao".
    numerator_label = models.CharField(_("tử số (x)"), max_length=200, blank=True)
    denominator_label = models.CharField(_("mẫu số (y)"), max_length=200, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="share") | Q(rollup__in=["ratio_of_sums", "none"]),
                name="share_rolls_up_as_ratio_of_sums",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A unit's target for an indicator over one year or several (10 % by 2021)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    value = models.DecimalField(_("chỉ tiêu"), max_digits=14, decimal_places=2)
    basis = models.CharField(_("căn cứ"), max_length=400, blank=True)

    class Meta:
        ordering = ["unit", "indicator", "start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "start_year", "end_year"], name="target_once"
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="target_years_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.start_year}–{self.end_year}: {self.value}"


class PeriodKind(models.TextChoices):
    MID_YEAR = "mid_year", _("Sơ kết 6 tháng")
    YEAR = "year", _("Tổng kết năm")
    AD_HOC = "ad_hoc", _("Đột xuất")


class PeriodScope(models.TextChoices):
    SECTOR = "sector", _("Toàn ngành")
    CLUSTER = "cluster", _("Một cụm thi đua")
    DEPARTMENT = "department", _("Các cụm một vụ theo dõi")


class ReportingPeriod(models.Model):
    """A period the units report in: the whole sector's cluster members, one cluster's term, or
    the members of the clusters a department supervises that year.

    One mid-year and one year-end report per unit and year: ``period_create`` refuses a
    non-ad-hoc period whose units overlap another of the same year and kind (a constraint cannot
    say "overlap"), so "the year-end report of a unit" stays one report."""

    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("kỳ"), max_length=10, choices=PeriodKind.choices)
    title = models.CharField(_("tên kỳ báo cáo"), max_length=200)
    as_of = models.DateField(_("số liệu tính đến ngày"))
    deadline = models.DateTimeField(_("hạn nộp"))
    scope = models.CharField(
        _("phạm vi"), max_length=12, choices=PeriodScope.choices, default=PeriodScope.SECTOR
    )
    term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Unit,
        verbose_name=_("vụ theo dõi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "as_of"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="sector", term__isnull=True, department__isnull=True)
                    | Q(scope="cluster", term__isnull=False, department__isnull=True)
                    | Q(scope="department", term__isnull=True, department__isnull=False)
                ),
                name="period_target_matches_scope",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_text(self) -> str:
        """How lists name the scope: “Toàn ngành”, “Cụm thi đua số 4 năm 2026”, the department."""
        if self.scope == PeriodScope.CLUSTER and self.term is not None:
            return str(
                _("Cụm thi đua số %(n)s năm %(year)s")
                % {"n": self.term.cluster.number, "year": self.term.year}
            )
        if self.scope == PeriodScope.DEPARTMENT and self.department is not None:
            return self.department.name
        return str(PeriodScope.SECTOR.label)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    RETURNED = "returned", _("Bị trả lại")


class Report(models.Model):
    """A unit's report for a period: figures, the narrative sections and evidence."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    results = models.TextField(_("kết quả đạt được"), blank=True)
    limitations = models.TextField(_("hạn chế, nguyên nhân"), blank=True)
    directions = models.TextField(_("phương hướng, nhiệm vụ kỳ tới"), blank=True)
    revision = models.PositiveSmallIntegerField(default=1)
    illustrative = models.BooleanField(default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    files = models.ManyToManyField(StoredFile, blank=True, related_name="+")

    class Meta:
        ordering = ["period", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="report_once")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"


class ReportValue(models.Model):
    """One figure of a report: x (and y for shares)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=16, decimal_places=2)
    denominator = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    note = models.CharField(max_length=400, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="report_value_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="report_value_gte_0"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gte=models.F("value")),
                name="share_denominator_not_below_numerator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


class ReportValueChange(models.Model):
    """A correction made after acceptance: the value before and after, who, when, why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corrections")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    old_value = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    old_denominator = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    new_value = models.DecimalField(max_digits=16, decimal_places=2)
    new_denominator = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    revision = models.PositiveSmallIntegerField()
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.old_value} → {self.new_value}"


class GoodPractice(models.Model):
    """A model or practice (mô hình hay, cách làm mới) a unit publishes for others to learn."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên mô hình, cách làm"), max_length=300)
    area = models.CharField(_("lĩnh vực"), max_length=200)
    what_was_done = models.TextField(_("cách làm"))
    results = models.TextField(_("kết quả"), blank=True)
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="+")
    files = models.ManyToManyField(StoredFile, blank=True, related_name="+")
    featured = models.BooleanField(_("giới thiệu toàn ngành"), default=False)
    illustrative = models.BooleanField(default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    search_key = models.CharField(max_length=1000, editable=False, db_index=True)

    class Meta:
        ordering = ["-year", "-published_at"]
        verbose_name = _("mô hình hay, cách làm mới")
        verbose_name_plural = _("mô hình hay, cách làm mới")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        # Kept with the row so that search ignores diacritics on every database.
        self.search_key = fold(" ".join([self.title, self.area, self.what_was_done]))[:1000]
        super().save(*args, **kwargs)  # type: ignore[arg-type]
