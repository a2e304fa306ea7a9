"""The append-only audit log. Each event's hash covers the previous event's hash in its stream
(see ``thidua.audit.chain``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.audit.labels import action_label


class AuditEvent(models.Model):
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("tên người thực hiện"), max_length=200)
    action = models.CharField(_("hành động"), max_length=100, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=100)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=300)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    # Empty for the events written while the log was one chain.
    stream = models.CharField(_("luồng"), max_length=16, blank=True, default="")
    prev_hash = models.CharField(_("mã băm trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("sự kiện kiểm toán")
        verbose_name_plural = _("sự kiện kiểm toán")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"

    @property
    def action_label(self) -> str:
        return action_label(self.action)


class AuditChainHead(models.Model):
    """One row per stream holding its last event and hash; locking it serializes appends to
    that stream only."""

    stream = models.CharField(max_length=16, unique=True, default="")
    last_event_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("đầu chuỗi kiểm toán")

    def __str__(self) -> str:
        return f"{self.stream or '-'} #{self.last_event_id}"
