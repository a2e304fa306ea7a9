"""Reporting periods: the secretariat opens them and moves their deadlines."""

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, require
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.indicators.models import PeriodKind, PeriodScope, ReportingPeriod
from thidua.indicators.selectors.periods import period_terms, scope_label, scope_terms
from thidua.orgs.models import ClusterTerm, Unit

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


def _target_problems(
    *, year: int, scope: str, term: ClusterTerm | None, department: Unit | None
) -> dict[str, list[str]]:
    """The target must match the scope: a term of the year, or a department that supervises a
    cluster that year."""
    if scope not in PeriodScope.values:
        return {"scope": [_("Phạm vi kỳ báo cáo không hợp lệ.")]}
    problems: dict[str, list[str]] = {}
    if scope == PeriodScope.CLUSTER:
        if term is None:
            problems["term"] = [_("Chọn cụm thi đua của kỳ báo cáo.")]
        elif term.year != year:
            problems["term"] = [
                _("Cụm đã chọn là của năm %(other)s, không phải năm %(year)s.")
                % {"other": term.year, "year": year}
            ]
    elif term is not None:
        problems["term"] = [_("Chỉ chọn cụm khi phạm vi là một cụm thi đua.")]
    if scope == PeriodScope.DEPARTMENT:
        if department is None:
            problems["department"] = [_("Chọn vụ theo dõi của kỳ báo cáo.")]
        elif not scope_terms(year=year, scope=scope, term=None, department=department).exists():
            problems["department"] = [
                _("%(department)s không theo dõi cụm thi đua nào năm %(year)s.")
                % {"department": department.name, "year": year}
            ]
    elif department is not None:
        problems["department"] = [_("Chỉ chọn vụ khi phạm vi là các cụm một vụ theo dõi.")]
    return problems


def _overlapping(
    *, year: int, kind: str, scope: str, term: ClusterTerm | None, department: Unit | None
) -> ReportingPeriod | None:
    """The period of the same year and kind already asking some of these units, if any.

    A unit is in one term of the year, so units overlap when terms do; a sector-wide period
    overlaps every other (it covers members yet to be added)."""
    others = ReportingPeriod.objects.filter(year=year, kind=kind).select_related(
        "term__cluster", "department"
    )
    if scope == PeriodScope.SECTOR:
        return others.order_by("pk").first()
    terms = set(
        scope_terms(year=year, scope=scope, term=term, department=department).values_list(
            "pk", flat=True
        )
    )
    for other in others.order_by("pk"):
        if other.scope == PeriodScope.SECTOR or terms & set(
            period_terms(other).values_list("pk", flat=True)
        ):
            return other
    return None


def period_create(
    *,
    actor: User,
    year: int,
    kind: str,
    title: str,
    as_of: dt.date,
    deadline: dt.datetime,
    scope: str = PeriodScope.SECTOR,
    term: ClusterTerm | None = None,
    department: Unit | None = None,
) -> ReportingPeriod:
    """The secretariat opens a period for the sector, one cluster or a department's clusters:
    one mid-year and one year-end period a year for each unit, any number of ad hoc ones."""
    require(actor, Action.ORGS_MANAGE)
    title = " ".join(title.split())
    problems = _period_problems(year=year, kind=kind, title=title, as_of=as_of, deadline=deadline)
    problems |= _target_problems(year=year, scope=scope, term=term, department=department)
    if problems:
        raise ValidationFailedError(_("Kỳ báo cáo chưa hợp lệ."), problems)
    with transaction.atomic():
        if kind != PeriodKind.AD_HOC:
            # Two secretaries opening overlapping periods at once: the second waits here and
            # then sees the first's period. (SQLite, the demo's database, writes one
            # transaction at a time and has no such lock.)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"period:{year}:{kind}"]
                    )
            other = _overlapping(
                year=year, kind=kind, scope=scope, term=term, department=department
            )
            if other is not None:
                raise DomainError(
                    _(
                        "Đã có kỳ “%(other)s” (%(scope)s) cùng loại “%(kind)s” năm %(year)s "
                        "gồm đơn vị thuộc phạm vi này: mỗi đơn vị chỉ có một kỳ như vậy mỗi năm."
                    )
                    % {
                        "other": other.title,
                        "scope": scope_label(other),
                        "kind": PeriodKind(kind).label,
                        "year": year,
                    },
                    field="scope" if scope != PeriodScope.SECTOR else "kind",
                )
        period = ReportingPeriod.objects.create(
            year=year,
            kind=kind,
            title=title,
            as_of=as_of,
            deadline=deadline,
            scope=scope,
            term=term,
            department=department,
        )
        audit_record(
            actor=actor,
            action="reporting_period.create",
            obj=period,
            after={
                "year": year,
                "kind": kind,
                "as_of": as_of,
                "deadline": deadline,
                "scope": scope_label(period),
            },
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
