"""What the API keeps for itself: the first answer to each idempotent write."""

from django.conf import settings
from django.db import models


class IdempotentAnswer(models.Model):
    """The first answer to a write sent with an ``Idempotency-Key``, replayed to a retry.

    Unique per (user, key, method, path): two requests racing with the same key cannot both
    act. ``fingerprint`` is the hash of the query string and body; a reuse of the key with
    another body is refused. ``status`` is empty only inside the first request's transaction."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key", "method", "path"], name="api_idempotency_key_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
