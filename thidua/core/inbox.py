"""What waits on a person: the plain item each app's inbox reader returns.

Each app knows its own work (plans: registering and the covenant; scoring: sheets, explanations,
appraisal, publication; indicators: reports) and answers with these items; the home page
(``web``) puts them together. The item names its page by URL name and arguments, not by a
path, so that the floor that reads the work need not know the floor that shows it.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class InboxKind(models.TextChoices):
    REGISTER = "register", _("Đăng ký thi đua")
    SIGN = "sign", _("Ký giao ước")
    SHEET = "sheet", _("Chấm điểm")
    REPORT = "report", _("Báo cáo chỉ tiêu")
    DECIDE = "decide", _("Chấp nhận hoặc trả lại")
    ANSWER = "answer", _("Giải trình")
    APPRAISE = "appraise", _("Thẩm định")
    PUBLISH = "publish", _("Công bố kết quả")


@dataclass(frozen=True)
class InboxItem:
    """One thing that waits on the reader, with where it is done and by when.

    ``key`` names the thing itself (not the reader), the same for everyone it waits on; a
    reminder about it is keyed by it, so it is sent once per person and deadline.
    ``unit_id`` is the unit whose work it is, so that a reminder goes only to its people.
    """

    key: str
    kind: InboxKind
    text: str
    deadline: dt.datetime | None
    url_name: str
    url_args: tuple[int, ...] = ()
    query: str = ""
    unit_id: int | None = None

    def overdue_at(self, now: dt.datetime) -> bool:
        return self.deadline is not None and self.deadline < now


def inbox_sorted(items: Iterable[InboxItem], *, now: dt.datetime) -> list[InboxItem]:
    """Overdue first (the longest overdue on top), then by the nearest deadline, then what has
    no deadline; ties in the order of their text, so the list does not shuffle between visits."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)

    def order(item: InboxItem) -> tuple[int, dt.datetime, str]:
        return (0 if item.overdue_at(now) else 1, item.deadline or far, item.text)

    return sorted(items, key=order)
