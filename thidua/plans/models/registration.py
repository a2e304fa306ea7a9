"""Registration of targets and titles, the covenant, and the emulation lists kept inside a board."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import Person, Unit


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Bị trả lại")


class AimedTitle(models.TextChoices):
    EMULATION_FLAG = "emulation_flag", _("Cờ thi đua của Ban Tổ chức Trung ương")
    MERIT_CERTIFICATE = "merit_certificate", _("Bằng khen của Ban Tổ chức Trung ương")
    LEADING_UNIT = "leading_unit", _("Đơn vị dẫn đầu cụm thi đua")
    EXCELLENT_COLLECTIVE = "excellent_collective", _("Tập thể lao động xuất sắc")
    ADVANCED_COLLECTIVE = "advanced_collective", _("Tập thể lao động tiên tiến")
    EMULATION_SOLDIER = "emulation_soldier", _("Chiến sĩ thi đua cơ sở")
    ADVANCED_WORKER = "advanced_worker", _("Lao động tiên tiến")


# Who each title is for: a board registers as a collective, a person for themselves. The
# Commission's certificate of merit goes to both.
COLLECTIVE_TITLES = frozenset(
    {
        AimedTitle.EMULATION_FLAG,
        AimedTitle.MERIT_CERTIFICATE,
        AimedTitle.LEADING_UNIT,
        AimedTitle.EXCELLENT_COLLECTIVE,
        AimedTitle.ADVANCED_COLLECTIVE,
    }
)
INDIVIDUAL_TITLES = frozenset(
    {AimedTitle.MERIT_CERTIFICATE, AimedTitle.EMULATION_SOLDIER, AimedTitle.ADVANCED_WORKER}
)


class Registration(models.Model):
    """A member's registration: its targets for the target criteria and the titles it aims for."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    status = models.CharField(
        max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    titles = models.JSONField(_("danh hiệu đăng ký"), default=list)
    note = models.TextField(_("nội dung đăng ký khác"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="registration_once_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.unit}"


class RegistrationItem(models.Model):
    """The registered target of one criterion, or the head's finding that it does not apply."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey("plans.Criterion", on_delete=models.CASCADE, related_name="+")
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField(_("không áp dụng"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "criterion"], name="registration_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}/{self.criterion_id}"


class Covenant(models.Model):
    """The emulation covenant of a plan, signed in the system by each member's leader."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="covenant")
    title = models.CharField(_("tên giao ước"), max_length=400)
    text = models.TextField(_("nội dung giao ước"))
    opened_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class CovenantSignature(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "unit"], name="covenant_signed_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.signed_at:%d/%m/%Y}"


class UnitEmulationList(models.Model):
    """Inside a board: a unit's list of what its staff register for the year."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unit_emulation_list_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class UnitEmulationEntry(models.Model):
    emulation_list = models.ForeignKey(
        UnitEmulationList, on_delete=models.CASCADE, related_name="entries"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT)
    name = models.CharField(_("cá nhân hoặc tập thể"), max_length=200)
    content = models.TextField(_("nội dung đăng ký"))
    title = models.CharField(_("danh hiệu"), max_length=30, choices=AimedTitle.choices)

    class Meta:
        ordering = ["emulation_list", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_title_display()}"
