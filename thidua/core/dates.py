"""Dates and times as every page, message and file writes them: dd/mm/yyyy, then hh:mm, in the
site's time zone (templates use the same pattern, ``date:"d/m/Y H:i"``)."""

import datetime as dt

from django.utils import timezone

DATE = "%d/%m/%Y"
DATE_TIME = "%d/%m/%Y %H:%M"


def date_text(value: dt.date) -> str:
    return value.strftime(DATE)


def datetime_text(value: dt.datetime | None = None) -> str:
    """``value`` (now by default) in local time: "05/01/2018 17:00"."""
    return timezone.localtime(value).strftime(DATE_TIME)
