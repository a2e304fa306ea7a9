"""Reporting periods: the secretariat opens them and moves their deadlines."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, require
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.indicators.models import PeriodKind, ReportingPeriod

# Years the sector's records can concern: the first seed is of 2015, a long plan ends in 2035.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _period_problems(
    *, year: int, kind: str, title: str, as_of: dt.date, deadline: dt.datetime
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problems["year"] = [_("Năm phải từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}]
    if kind not in PeriodKind.values:
        problems["kind"] = [_("Loại kỳ báo cáo không hợp lệ.")]
    if not title or len(title) > 200:
        problems["title"] = [_("Tên kỳ báo cáo bắt buộc, tối đa 200 ký tự.")]
    if as_of.year != year:
        problems["as_of"] = [_("Ngày chốt số liệu phải thuộc năm %(year)s.") % {"year": year}]
    if timezone.is_naive(deadline):
        problems["deadline"] = [_("Hạn nộp phải kèm múi giờ.")]
    elif timezone.localdate(deadline) < as_of:
        problems["deadline"] = [_("Hạn nộp không được trước ngày chốt số liệu.")]
    return problems


def period_create(
    *,
    actor: User,
    year: int,
    kind: str,
    title: str,
    as_of: dt.date,
    deadline: dt.datetime,
) -> ReportingPeriod:
    """The secretariat opens a period: one mid-year and one year-end period a year, any number
    of ad hoc ones."""
    require(actor, Action.ORGS_MANAGE)
    title = " ".join(title.split())
    problems = _period_problems(year=year, kind=kind, title=title, as_of=as_of, deadline=deadline)
    if problems:
        raise ValidationFailedError(_("Kỳ báo cáo chưa hợp lệ."), problems)
    with transaction.atomic():
        if (
            kind != PeriodKind.AD_HOC
            and ReportingPeriod.objects.filter(year=year, kind=kind).exists()
        ):
            raise DomainError(
                _("Đã có kỳ “%(kind)s” năm %(year)s.")
                % {"kind": PeriodKind(kind).label, "year": year},
                field="kind",
            )
        period = ReportingPeriod.objects.create(
            year=year, kind=kind, title=title, as_of=as_of, deadline=deadline
        )
        audit_record(
            actor=actor,
            action="reporting_period.create",
            obj=period,
            after={"year": year, "kind": kind, "as_of": as_of, "deadline": deadline},
        )
    return period


def period_deadline_set(
    *, actor: User, period: ReportingPeriod, deadline: dt.datetime
) -> ReportingPeriod:
    """Move a period's deadline: an extension, or the real deadline of a past period recorded
    once its reports are in."""
    require(actor, Action.ORGS_MANAGE)
    problems = _period_problems(
        year=period.year,
        kind=period.kind,
        title=period.title,
        as_of=period.as_of,
        deadline=deadline,
    )
    if problems:
        raise ValidationFailedError(_("Hạn nộp chưa hợp lệ."), problems)
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        before = period.deadline
        period.deadline = deadline
        period.save(update_fields=["deadline"])
        audit_record(
            actor=actor,
            action="reporting_period.deadline_set",
            obj=period,
            before={"deadline": before},
            after={"deadline": deadline},
        )
    return period
