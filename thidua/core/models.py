"""Base models shared by every app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _stored_file_path(instance: "StoredFile", filename: str) -> str:
    # Named by content hash: the original name is kept in the row, never trusted as a path.
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}"


class StoredFile(models.Model):
    """An uploaded evidence file: type- and size-checked, hashed, served only as a download."""

    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64, db_index=True)
    file = models.FileField(upload_to=_stored_file_path, max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")

    def __str__(self) -> str:
        return self.name


class Transition(models.Model):
    """The history of every workflow (plans, scoring, reports): who moved what, from what, to
    what. It names the object by its model label and key, so any app may write it."""

    object_type = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    from_status = models.CharField(max_length=30)
    to_status = models.CharField(max_length=30)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id}: {self.from_status} → {self.to_status}"
