"""Legal instruments and the dated rules taken from them.

A rule is one value of one key over an interval (``valid_to`` inclusive, empty while in force).
Two values of one key never overlap in time: the services check it under a lock, and on
PostgreSQL an exclusion constraint (migration 0002) refuses it in the database itself.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.rulebook.engine.types import (
    Citation,
    Confidence,
    RuleValue,
    percent_text,
    ratio_parse,
)


class InstrumentKind(models.TextChoices):
    LAW = "law", _("Luật")
    DECREE = "decree", _("Nghị định")
    CIRCULAR = "circular", _("Thông tư")
    PARTY_REGULATION = "party_regulation", _("Quy định của Đảng")
    PARTY_GUIDANCE = "party_guidance", _("Hướng dẫn của Đảng")
    OFFICIAL_LETTER = "official_letter", _("Công văn")


class ConfidenceMark(models.TextChoices):
    CONFIRMED = Confidence.CONFIRMED.value, _("Đã xác nhận")
    PARTLY = Confidence.PARTLY.value, _("Xác nhận một phần")
    UNCONFIRMED = Confidence.UNCONFIRMED.value, _("Chưa xác nhận")


class Instrument(models.Model):
    number = models.CharField(_("số, ký hiệu"), max_length=60, unique=True)
    # How a citation names it: "Luật 06/2022/QH15", "Nghị định 98/2023/NĐ-CP".
    short_name = models.CharField(_("tên trích dẫn"), max_length=120)
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=InstrumentKind.choices)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    title = models.CharField(_("trích yếu"), max_length=400)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    effective_from = models.DateField(_("có hiệu lực từ"))
    effective_to = models.DateField(_("hết hiệu lực sau ngày"), null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("thay thế văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "effective_from", "number"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="instrument_interval_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.short_name


class Rule(models.Model):
    key = models.CharField(_("mã quy định"), max_length=100, db_index=True)
    label = models.CharField(_("nội dung"), max_length=300)
    # JSON: a whole number, true/false, a text, or a ratio as a string ("0.20", "2/3").
    value = models.JSONField(_("giá trị"))
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="rules"
    )
    article = models.CharField(_("điều, khoản, điểm"), max_length=200, blank=True)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True)
    confidence = models.CharField(_("mức xác nhận"), max_length=12, choices=ConfidenceMark.choices)
    # A parameter is a value the secretariat sets (an unconfirmed one); a confirmed rule ships
    # as data and is changed only by a new release of the rule book.
    is_parameter = models.BooleanField(_("là tham số"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["key", "valid_from"]
        verbose_name = _("quy định")
        verbose_name_plural = _("quy định")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="rule_interval_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(is_parameter=True, confidence=Confidence.CONFIRMED.value),
                name="rule_confirmed_is_no_parameter",
            ),
            models.UniqueConstraint(fields=["key", "valid_from"], name="rule_key_start_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.valid_from:%d/%m/%Y})"

    @property
    def value_text(self) -> str:
        """The value for a page: yes/no in words, whole numbers grouped (2.340.000)."""
        value = self.value
        if isinstance(value, bool):
            return str(_("có") if value else _("không"))
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        ratio = ratio_parse(value)
        if ratio is not None and "share" in self.key:
            return f"{value} ({percent_text(ratio)} %)"
        return str(value)

    @property
    def citation(self) -> Citation:
        return Citation(instrument=self.instrument.short_name, article=self.article)

    def as_value(self) -> RuleValue:
        """The engine's view of this row (reads ``instrument``: select it with the rule)."""
        return RuleValue(
            key=self.key,
            value=self.value,
            citation=self.citation,
            confidence=Confidence(self.confidence),
            valid_from=self.valid_from,
            valid_to=self.valid_to,
        )
