"""Reminders before deadlines and notices of acceptances and returns, sent by the cron job
``reminders_send`` as notifications (``thidua.accounts.notifications``) and their email.

- Before a deadline: each person is reminded of what waits on them (their inbox, so exactly
  what the home page shows them and nothing of a unit they do not serve) once the deadline is
  ``THIDUA_REMIND_DAYS`` days away or nearer: once for each of those marks, the nearest one
  passed (a first run three days before a deadline sends the seven-day reminder, not both).
  A deadline that moves is a new deadline and is reminded again.
- An acceptance or a return: read from the workflows' history (``core.Transition``) of the
  last ``THIDUA_NOTIFY_LOOKBACK_DAYS`` days, rather than sent by each service, so that the
  services of the apps below stay as they are and a notice is made from the one record every
  move already writes. The unit's staff are told, never the one who made the move.

Each notification's key names the event and the person, so a second run (or two at once)
sends nothing twice.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.notifications import notification_send, staff_serving
from thidua.accounts.policy import STAFF_ROLES
from thidua.core.dates import datetime_text
from thidua.core.inbox import InboxItem
from thidua.core.models import Transition
from thidua.indicators.models import Report, ReportStatus
from thidua.plans.models import AssessorStage, Registration, RegistrationStatus
from thidua.scoring.models import Assessment
from thidua.web.selectors.inbox import inbox_items_for, item_url

ACCEPTED, RETURNED = RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED
TOLD = {
    "plans.registration": (ACCEPTED, RETURNED),
    "scoring.assessment": (RETURNED,),
    "indicators.report": (ReportStatus.ACCEPTED, ReportStatus.RETURNED),
}


@dataclass
class ReminderRun:
    reminders: int = 0
    notices: int = 0


def reminders_send(*, now: dt.datetime | None = None) -> ReminderRun:
    moment = now or timezone.now()
    return ReminderRun(reminders=_deadline_reminders(moment), notices=_move_notices(moment))


def remind_mark(item: InboxItem, now: dt.datetime) -> int | None:
    """The reminder mark (days before) that ``item`` has reached: the nearest one passed, or
    None when its deadline is further than every mark, passed already, or absent."""
    if item.deadline is None or item.deadline < now:
        return None
    left = item.deadline - now
    marks = sorted(settings.THIDUA_REMIND_DAYS)
    return next((days for days in marks if left <= dt.timedelta(days=days)), None)


def _deadline_reminders(now: dt.datetime) -> int:
    sent = 0
    people = User.objects.filter(is_active=True, grants__role__in=STAFF_ROLES).distinct()
    for person in people.order_by("pk"):
        for item in inbox_items_for(user=person, now=now):
            mark = remind_mark(item, now)
            if mark is None:
                continue
            assert item.deadline is not None  # noqa: S101 (remind_mark needs one)
            text = _("Nhắc việc, hạn %(deadline)s: %(text)s") % {
                "deadline": datetime_text(item.deadline),
                "text": item.text,
            }
            key = f"remind:{item.key}:{item.deadline.timestamp():.0f}:{mark}:{person.pk}"
            if notification_send(recipient=person, text=text, link=item_url(item), key=key):
                sent += 1
    return sent


@dataclass(frozen=True)
class _Notice:
    unit_id: int
    text: str
    link: str


def _move_notices(now: dt.datetime) -> int:
    since = now - dt.timedelta(days=settings.THIDUA_NOTIFY_LOOKBACK_DAYS)
    moves = [
        t
        for t in Transition.objects.filter(
            at__gte=since, object_type__in=list(TOLD), to_status__in=[ACCEPTED, RETURNED]
        ).order_by("at", "pk")
        if t.to_status in TOLD[t.object_type]
    ]
    notices = _notices(moves)
    serving = staff_serving({n.unit_id for n in notices.values()}, today=timezone.localdate(now))
    sent = 0
    for move in moves:
        notice = notices.get(move.pk)
        if notice is None:
            continue
        for person in serving.get(notice.unit_id, []):
            if person.pk == move.by_id:
                continue  # the one who made the move knows it
            key = f"move:{move.pk}:{person.pk}"
            if notification_send(recipient=person, text=notice.text, link=notice.link, key=key):
                sent += 1
    return sent


def _ids(moves: list[Transition], object_type: str) -> list[int]:
    return [m.object_id for m in moves if m.object_type == object_type]


def _notices(moves: list[Transition]) -> dict[int, _Notice]:
    """What each move tells, and about which unit (the one whose work it was)."""
    registrations = Registration.objects.select_related("plan", "unit").in_bulk(
        _ids(moves, "plans.registration")
    )
    sheets = Assessment.objects.select_related("plan", "unit").in_bulk(
        _ids(moves, "scoring.assessment")
    )
    reports = Report.objects.select_related("period", "unit").in_bulk(
        _ids(moves, "indicators.report")
    )
    notices: dict[int, _Notice] = {}
    for move in moves:
        notice = None
        reason = move.reason.strip()
        if move.object_type == "plans.registration" and move.object_id in registrations:
            notice = _registration_notice(registrations[move.object_id], move.to_status, reason)
        elif move.object_type == "scoring.assessment" and move.object_id in sheets:
            notice = _sheet_notice(sheets[move.object_id], reason)
        elif move.object_type == "indicators.report" and move.object_id in reports:
            notice = _report_notice(reports[move.object_id], move.to_status, reason)
        if notice is not None:
            notices[move.pk] = notice
    return notices


def _registration_notice(registration: Registration, status: str, reason: str) -> _Notice:
    names = {"unit": registration.unit.name, "plan": registration.plan.title, "reason": reason}
    text = (
        _("Đăng ký thi đua của %(unit)s đã được chấp nhận (%(plan)s).") % names
        if status == ACCEPTED
        else _("Đăng ký thi đua của %(unit)s bị trả lại (%(plan)s). Lý do: %(reason)s") % names
    )
    link = reverse("plans:registration", args=[registration.plan_id])
    return _Notice(registration.unit_id, text, f"{link}?don_vi={registration.unit_id}")


def _sheet_notice(sheet: Assessment, reason: str) -> _Notice:
    text = _("Phiếu %(stage)s về %(unit)s bị trả lại (%(plan)s). Lý do: %(reason)s") % {
        "stage": str(AssessorStage(sheet.stage).label).lower(),
        "unit": sheet.unit.name,
        "plan": sheet.plan.title,
        "reason": reason,
    }
    return _Notice(sheet.assessor_id, text, reverse("scoring:sheet", args=[sheet.pk]))


def _report_notice(report: Report, status: str, reason: str) -> _Notice:
    names = {"period": report.period.title, "unit": report.unit.name, "reason": reason}
    text = (
        _("Báo cáo kỳ “%(period)s” của %(unit)s đã được tiếp nhận.") % names
        if status == ReportStatus.ACCEPTED
        else _("Báo cáo kỳ “%(period)s” của %(unit)s bị trả lại. Lý do: %(reason)s") % names
    )
    link = reverse("indicators:report", args=[report.period_id, report.unit_id])
    return _Notice(report.unit_id, text, link)
