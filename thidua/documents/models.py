"""The register of documents: drafts and issued documents with their files, and the number
registers per issuing body and type.

A number is taken only when a document is issued (a draft has none), from the register row of
its issuer and type, locked for the transaction: numbers run from 01, are never reused, and a
gap (a number whose issuing failed after it was taken cannot happen: the same transaction rolls
the number back) stays visible if an issued document is ever withdrawn by a correction.
An issued row is immutable: the services refuse it, and on PostgreSQL a trigger refuses UPDATE
and DELETE of it (migration 0002).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import DomainError


class Register(models.Model):
    """The numbers of one issuer's documents of one type: ``register_key`` is the issuer's
    ("cluster:4:2018"), ``type_abbreviation`` the type's part of the symbol ("BC")."""

    register_key = models.CharField(_("sổ đăng ký"), max_length=120)
    type_abbreviation = models.CharField(_("loại văn bản"), max_length=20)
    last_number = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["register_key", "type_abbreviation"], name="documents_register_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.register_key} {self.type_abbreviation}"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Document(models.Model):
    kind = models.CharField(_("loại"), max_length=40)
    source_kind = models.CharField(_("nguồn"), max_length=20)
    source_id = models.PositiveIntegerField(_("mã nguồn"))
    register_key = models.CharField(_("sổ đăng ký"), max_length=120)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=300)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    content = models.JSONField(_("nội dung"), default=dict)
    docx = models.BinaryField(_("tệp Word"))
    docx_sha256 = models.CharField(max_length=64)
    pdf = models.BinaryField(_("tệp PDF"), null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("thay thế văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        indexes = [models.Index(fields=["source_kind", "source_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["register_key", "number_symbol"],
                condition=models.Q(status="issued"),
                name="documents_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", number__isnull=True)
                | models.Q(status="issued", number__isnull=False),
                name="documents_number_only_when_issued",
            ),
        ]

    def __str__(self) -> str:
        return self.number_symbol or f"{self.kind} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """An issued document is the record: refused here as on PostgreSQL by the trigger."""
        if self._stored_issued():
            raise DomainError(str(_("Văn bản đã ban hành thì không sửa được.")))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._stored_issued():
            raise DomainError(str(_("Văn bản đã ban hành thì không xóa được.")))
        return super().delete(*args, **kwargs)

    def download_name(self, extension: str) -> str:
        """ "summary_report-05-12.pdf"; a draft's reads "du-thao" where the number goes."""
        number = f"{self.number:02d}" if self.number is not None else "du-thao"
        return f"{self.kind}-{number}-{self.pk}.{extension}"

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.ISSUED

    def _stored_issued(self) -> bool:
        return self.pk is not None and (
            Document.objects.filter(pk=self.pk, status=DocumentStatus.ISSUED).exists()
        )


class TaskStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


class Task(models.Model):
    """A long build run in the background (thidua/documents/tasks.py): the page polls its
    progress and offers the document when it is done."""

    kind = models.CharField(_("loại việc"), max_length=40)
    params = models.JSONField(_("tham số"), default=dict)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ"), default=0)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    result = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
