"""Units and their lineage, clusters with yearly terms, people and their positions."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.text import fold, sort_key


class UnitKind(models.TextChoices):
    CENTRAL_COMMISSION = "central_commission", _("Ban Tổ chức Trung ương")
    COMMISSION_DEPARTMENT = "commission_department", _("Vụ, đơn vị thuộc Ban")
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Tỉnh ủy, thành ủy")
    ORGANIZATION_BOARD = "organization_board", _("Ban Tổ chức tỉnh ủy, thành ủy")
    COMMUNE_COMMITTEE = "commune_committee", _("Đảng ủy xã, phường, đặc khu")
    CENTRAL_DIRECT_COMMITTEE = "central_direct_committee", _("Đảng bộ trực thuộc Trung ương")
    OTHER = "other", _("Khác")


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> "UnitQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def valid_in_year(self, year: int) -> "UnitQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=dt.date(year, 12, 31)),
            Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(year, 1, 1)),
        )


class Unit(models.Model):
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=40, choices=UnitKind.choices)
    code = models.CharField(_("mã"), max_length=40, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    # Derived from the names, for accent-insensitive search and Vietnamese ordering on any DB.
    search_key = models.CharField(max_length=400, editable=False, db_index=True)
    sort_key = models.CharField(max_length=800, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]
        indexes = [models.Index(fields=["kind", "sort_key"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.refresh_derived_keys()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def refresh_derived_keys(self) -> None:
        self.search_key = fold(f"{self.name} {self.short_name} {self.code}")[:400]
        self.sort_key = sort_key(self.name)[:800]

    def is_valid_in_year(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= dt.date(year, 12, 31)) and (
            self.valid_to is None or self.valid_to >= dt.date(year, 1, 1)
        )

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class UnitLineage(models.Model):
    """predecessor → successor: a merger, split or renaming that took effect on a date."""

    predecessor = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trước"),
        on_delete=models.PROTECT,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị sau"),
        on_delete=models.PROTECT,
        related_name="predecessor_links",
    )
    effective_date = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="lineage_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="lineage_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_date})"


class Sector(models.TextChoices):
    ORGANIZATION = "to_chuc_xay_dung_dang", _("Ngành Tổ chức xây dựng Đảng")


class Cluster(models.Model):
    number = models.PositiveSmallIntegerField(_("số"))
    name = models.CharField(_("tên"), max_length=300)
    sector = models.CharField(
        _("ngành"), max_length=40, choices=Sector.choices, default=Sector.ORGANIZATION
    )

    class Meta:
        ordering = ["sector", "number"]
        verbose_name = _("cụm thi đua")
        verbose_name_plural = _("cụm thi đua")
        constraints = [
            models.UniqueConstraint(fields=["sector", "number"], name="cluster_number_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ClusterTerm(models.Model):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm"), on_delete=models.PROTECT, related_name="terms"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    regulation = models.CharField(_("quy chế"), max_length=400, blank=True)
    supervising_department = models.ForeignKey(
        Unit,
        verbose_name=_("vụ theo dõi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_terms",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["-year", "cluster__number"]
        verbose_name = _("nhiệm kỳ cụm theo năm")
        verbose_name_plural = _("nhiệm kỳ cụm theo năm")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="cluster_term_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}"


class OfficerRole(models.TextChoices):
    MEMBER = "member", _("Thành viên")
    HEAD = "head", _("Cụm trưởng")
    DEPUTY = "deputy", _("Cụm phó")


class ClusterMembership(models.Model):
    """A unit in a term; its role makes head and deputies members by construction."""

    term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("nhiệm kỳ"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        _("vai trò"), max_length=10, choices=OfficerRole.choices, default=OfficerRole.MEMBER
    )
    # Copied from the term so the database itself enforces one cluster per sector and year.
    sector = models.CharField(max_length=40, choices=Sector.choices, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    illustrative = models.BooleanField(
        _("minh họa"),
        default=False,
        help_text=_("Thành viên do dữ liệu mẫu chọn, nguồn không nêu."),
    )

    class Meta:
        ordering = ["term", "unit__sort_key"]
        verbose_name = _("thành viên cụm")
        verbose_name_plural = _("thành viên cụm")
        constraints = [
            models.UniqueConstraint(
                fields=["sector", "year", "unit"], name="membership_one_cluster_per_sector_year"
            ),
            models.UniqueConstraint(
                fields=["term"], condition=Q(role="head"), name="membership_one_head_per_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()}) — {self.term}"


class OfficerChange(models.Model):
    """Each change of head or deputy with the decision that made it."""

    term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("nhiệm kỳ"),
        on_delete=models.CASCADE,
        related_name="officer_changes",
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    old_role = models.CharField(_("vai trò cũ"), max_length=10, choices=OfficerRole.choices)
    new_role = models.CharField(_("vai trò mới"), max_length=10, choices=OfficerRole.choices)
    decision = models.CharField(_("quyết định"), max_length=400)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        ordering = ["term", "recorded_at", "id"]
        verbose_name = _("thay đổi cụm trưởng, cụm phó")
        verbose_name_plural = _("thay đổi cụm trưởng, cụm phó")

    def __str__(self) -> str:
        return f"{self.unit}: {self.old_role} → {self.new_role} ({self.decision})"


class Person(models.Model):
    full_name = models.CharField(_("họ và tên"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    search_key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_key = fold(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Position(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="positions"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(_("chức vụ"), max_length=200)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "-valid_from"]
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="position_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}, {self.unit}"
