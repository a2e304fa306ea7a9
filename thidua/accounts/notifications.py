"""Notifications inside the app, and their email: sending one once, reading one's own, marking
them read; and who is to be told about a unit's work (its staff).

The notifications live in ``accounts``, a floor low enough for every app above to write them;
what they say is decided above (``thidua.web.reminders``). Sending is idempotent: the key names
the event and its recipient, and a key already sent adds nothing, not even a second email. The
email leaves only once the notification is committed (``transaction.on_commit``), so a rolled
back run mails nobody.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Notification, RoleGrant, User
from thidua.accounts.policy import STAFF_ROLES, Subject
from thidua.audit.services import audit_record
from thidua.core.access import require_signed_in, signed_in
from thidua.core.errors import NotFoundError
from thidua.orgs.models import Unit

logger = logging.getLogger(__name__)
UNREAD_SHOWN = 5


def notification_send(*, recipient: User, text: str, link: str, key: str) -> Notification | None:
    """Tell ``recipient`` once: the notification, and an email if they have an address. None
    when ``key`` was sent already."""
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            key=key, defaults={"recipient": recipient, "text": text[:1000], "link": link}
        )
        if not created:
            return None
        audit_record(
            actor=None,
            action="notification.send",
            obj=notification,
            after={"recipient": recipient.pk, "key": key},
        )
        if recipient.email:
            transaction.on_commit(partial(_mail, recipient.email, text, link))
    return notification


def _mail(address: str, text: str, link: str) -> None:
    body = text if not link else f"{text}\n\n{settings.THIDUA_SITE_URL.rstrip('/')}{link}"
    # A header holds one line: a reason typed on several lines is kept whole in the body only.
    headline = " ".join(text.split())[:120]
    try:
        send_mail(
            subject=_("Thi đua, khen thưởng: %(text)s") % {"text": headline},
            message=body,
            from_email=None,
            recipient_list=[address],
        )
    except (OSError, ValueError):
        # The notification is in the app already; a mail server that is down loses the email
        # only, and says so in the log rather than stopping the run for everyone else.
        logger.exception("reminder email to %s not sent", address)


def notifications_for(*, user: User | AnonymousUser) -> QuerySet[Notification]:
    """The reader's own notifications, newest first; nobody reads another's."""
    require_signed_in(user)
    return Notification.objects.filter(recipient_id=user.pk)


def notifications_unread_for(*, user: User | AnonymousUser) -> list[Notification]:
    """The few newest unread notifications the home page shows."""
    if not signed_in(user):
        return []
    return list(notifications_for(user=user).filter(read_at__isnull=True)[:UNREAD_SHOWN])


def notification_mark_read(*, actor: User, pk: int) -> Notification:
    """Mark one of the actor's own notifications read (another's is not found)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().filter(pk=pk, recipient=actor).first()
        )
        if notification is None:
            raise NotFoundError(_("Không tìm thấy thông báo."))
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
            audit_record(actor=actor, action="notification.read", obj=notification)
    return notification


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of the actor read; how many were."""
    with transaction.atomic():
        count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            audit_record(
                actor=actor,
                action="notification.read_all",
                object_type="accounts.notification",
                object_id=str(actor.pk),
                object_repr=str(actor),
                after={"count": count},
            )
    return count


def staff_serving(unit_ids: Iterable[int], *, today: dt.date) -> dict[int, list[User]]:
    """Each unit's people to tell about its work: the active accounts with a leader's or an
    officer's grant, in force ``today``, on the unit or a unit above it (as the policy's
    ``UNIT_EDIT``). Nobody else: a notice about a unit never reaches one who does not serve it.
    One query per level of the unit tree and one for the grants, for all the units together."""
    units = list(Unit.objects.filter(pk__in=set(unit_ids)))
    chains = Subject().ancestries(units)
    grants = [
        g
        for g in RoleGrant.objects.filter(
            role__in=STAFF_ROLES,
            unit_id__in={uid for chain in chains.values() for uid in chain},
            user__is_active=True,
        ).select_related("user")
        if g.is_active_on(today)
    ]
    serving: dict[int, list[User]] = {}
    for unit_id, chain in chains.items():
        users = {g.user_id: g.user for g in grants if g.unit_id in chain}
        serving[unit_id] = sorted(users.values(), key=lambda u: u.pk)
    return serving
