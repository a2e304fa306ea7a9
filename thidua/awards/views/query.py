"""What a page of the awards reads from its query string."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone


def year_param(request: HttpRequest, name: str = "nam") -> int:
    """The year asked ("?nam=2024"), else last year (the year whose records are kept now)."""
    raw = request.GET.get(name, "")
    if raw.isdigit() and len(raw) == 4:
        return int(raw)
    return timezone.localdate().year - 1


def day_param(request: HttpRequest, name: str = "ngay") -> dt.date:
    """The day asked ("?ngay=2025-01-15"), else today."""
    raw = request.GET.get(name, "").strip()
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()
