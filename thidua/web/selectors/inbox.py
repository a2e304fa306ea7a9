"""A person's inbox (*Việc cần làm*): what waits on them now in every app, overdue first.

Each app reads its own work (``thidua.plans.selectors.inbox``, ``thidua.scoring.selectors.inbox``,
``thidua.indicators.selectors.inbox``) and answers with plain items; here they are put in one
list with their links resolved. Each reader keeps a fixed number of queries, so the whole inbox
does too, whatever the number of plans, units and reports.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import User
from thidua.core.access import signed_in
from thidua.core.inbox import InboxItem, inbox_sorted
from thidua.indicators.selectors.inbox import report_inbox_for
from thidua.plans.selectors.inbox import PLAN_PREFETCH, plan_inbox_for, plans_served_by
from thidua.scoring.selectors.inbox import SCORING_PREFETCH, scoring_inbox_for


@dataclass(frozen=True)
class InboxEntry:
    item: InboxItem
    url: str
    overdue: bool

    @property
    def kind_label(self) -> str:
        return str(self.item.kind.label)


def item_url(item: InboxItem) -> str:
    path = reverse(item.url_name, args=item.url_args)
    return f"{path}?{item.query}" if item.query else path


def inbox_items_for(
    *, user: User | AnonymousUser, now: dt.datetime | None = None
) -> list[InboxItem]:
    """Every item of every app that waits on ``user``, unsorted."""
    if not signed_in(user):
        return []
    # The plans are read once for both apps that work in them.
    served = plans_served_by(user=user, prefetch=(*PLAN_PREFETCH, *SCORING_PREFETCH))
    return [
        *plan_inbox_for(user=user, served=served),
        *scoring_inbox_for(user=user, served=served),
        *report_inbox_for(user=user, now=now),
    ]


def inbox_for(*, user: User | AnonymousUser, now: dt.datetime | None = None) -> list[InboxEntry]:
    """The home page's list: overdue first, then by the nearest deadline."""
    moment = now or timezone.now()
    items = inbox_sorted(inbox_items_for(user=user, now=moment), now=moment)
    return [InboxEntry(item, item_url(item), item.overdue_at(moment)) for item in items]
