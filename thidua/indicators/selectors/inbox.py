"""What waits on a person in the reporting periods: their unit's report to prepare, send or rework,
and for the cluster's head and deputy boards the members' reports to accept or return.

A unit owes a report in a period when it is a member of a cluster of the sector that year within
the period's scope (the sector, one cluster, or the clusters a department supervises), and
its people are its staff by a direct grant (the period's board lists the same units). A period
counts while its deadline is to come or passed by fewer than ``THIDUA_INBOX_OVERDUE_DAYS``: a
draft cannot be written after the deadline, so an old overdue one is no longer something to
do, only a fact of the period's board. The secretariat, which decides on every report of the
sector, is shown the reports sent in each period. Everything is read in a fixed number of
queries.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.models import Role, User
from thidua.accounts.policy import STAFF_ROLES, subject_of
from thidua.core.access import signed_in
from thidua.core.inbox import InboxItem, InboxKind
from thidua.indicators.models import PeriodScope, Report, ReportingPeriod, ReportStatus
from thidua.orgs.models import ClusterMembership, OfficerRole, Sector


def report_inbox_for(
    *, user: User | AnonymousUser, now: dt.datetime | None = None
) -> list[InboxItem]:
    if not signed_in(user):
        return []
    subject = subject_of(user)
    staffed = subject.units_with(STAFF_ROLES)
    secretariat = Role.SECTOR_SECRETARIAT in subject.sector_roles
    if not (staffed or secretariat):
        return []
    since = (now or timezone.now()) - dt.timedelta(days=settings.THIDUA_INBOX_OVERDUE_DAYS)
    periods = list(ReportingPeriod.objects.filter(deadline__gte=since).order_by("deadline", "pk"))
    if not periods:
        return []
    if secretariat:
        return _sector_decision_items(periods)
    own = list(
        ClusterMembership.objects.filter(
            unit_id__in=staffed, year__in={p.year for p in periods}, sector=Sector.ORGANIZATION
        ).select_related("unit", "term")
    )
    office = {m.term_id for m in own if m.role != OfficerRole.MEMBER}
    members = list(
        ClusterMembership.objects.filter(term_id__in=office)
        .exclude(unit_id__in=staffed)
        .select_related("term__cluster")
    )
    reports = {
        (r.period_id, r.unit_id): r
        for r in Report.objects.filter(
            period__in=periods, unit_id__in={m.unit_id for m in own + members}
        ).only("pk", "period_id", "unit_id", "status")
    }
    leads = subject.units_with({Role.UNIT_LEADER})
    items: list[InboxItem] = []
    for period in periods:
        for membership in own:
            if _asks(period, membership):
                report = reports.get((period.pk, membership.unit_id))
                item = _own_item(period, membership, report, leads=leads)
                if item is not None:
                    items.append(item)
        items += _decision_items(period, [m for m in members if _asks(period, m)], reports)
    return items


def _asks(period: ReportingPeriod, membership: ClusterMembership) -> bool:
    """Whether the period asks the member (its scope includes the member's term), read from
    the rows already loaded: the same rule as ``selectors.periods.period_terms``."""
    if membership.year != period.year:
        return False
    if period.scope == PeriodScope.CLUSTER:
        return membership.term_id == period.term_id
    if period.scope == PeriodScope.DEPARTMENT:
        return membership.term.supervising_department_id == period.department_id
    return True


def _own_item(
    period: ReportingPeriod,
    membership: ClusterMembership,
    report: Report | None,
    *,
    leads: set[int],
) -> InboxItem | None:
    status = report.status if report else ReportStatus.DRAFT
    unit = membership.unit
    names = {"period": period.title, "unit": unit.name}
    if status == ReportStatus.RETURNED:
        text = _("Báo cáo kỳ “%(period)s” của %(unit)s bị trả lại: sửa và gửi lại") % names
    elif status != ReportStatus.DRAFT:
        return None
    elif unit.pk in leads:
        text = _("Gửi báo cáo kỳ “%(period)s” của %(unit)s") % names
    else:
        text = _("Lập báo cáo kỳ “%(period)s” của %(unit)s") % names
    return InboxItem(
        key=f"indicators.report:{period.pk}:{unit.pk}",
        kind=InboxKind.REPORT,
        text=text,
        # A returned report may be reworked after the deadline: the return asked for it.
        deadline=period.deadline if status == ReportStatus.DRAFT else None,
        url_name="indicators:report",
        url_args=(period.pk, unit.pk),
        unit_id=unit.pk,
    )


def _decision_items(
    period: ReportingPeriod,
    members: list[ClusterMembership],
    reports: dict[tuple[int, int], Report],
) -> list[InboxItem]:
    """One item per cluster whose office the reader holds: its members' reports sent and not
    yet accepted or returned (never the reader's own unit's, which it does not decide)."""
    waiting: dict[int, list[ClusterMembership]] = {}
    for membership in members:
        report = reports.get((period.pk, membership.unit_id))
        if report is not None and report.status == ReportStatus.SUBMITTED:
            waiting.setdefault(membership.term_id, []).append(membership)
    items = []
    for term_id, sent in waiting.items():
        n = len(sent)
        items.append(
            InboxItem(
                key=f"indicators.report_decide:{period.pk}:{term_id}",
                kind=InboxKind.DECIDE,
                text=ngettext(
                    "%(n)s báo cáo kỳ “%(period)s” của cụm %(cluster)s chờ tiếp nhận hoặc trả lại",
                    "%(n)s báo cáo kỳ “%(period)s” của cụm %(cluster)s chờ tiếp nhận hoặc trả lại",
                    n,
                )
                % {"n": n, "period": period.title, "cluster": sent[0].term.cluster.number},
                deadline=None,
                url_name="indicators:period",
                url_args=(period.pk,),
            )
        )
    return items


def _sector_decision_items(periods: list[ReportingPeriod]) -> list[InboxItem]:
    """The secretariat decides on every report of the sector: one item per period with reports
    sent and not yet accepted or returned."""
    sent = dict(
        Report.objects.filter(period__in=periods, status=ReportStatus.SUBMITTED)
        .values("period_id")
        .annotate(n=Count("pk"))
        .values_list("period_id", "n")
    )
    return [
        InboxItem(
            key=f"indicators.report_decide_sector:{period.pk}",
            kind=InboxKind.DECIDE,
            text=ngettext(
                "%(n)s báo cáo kỳ “%(period)s” chờ tiếp nhận hoặc trả lại",
                "%(n)s báo cáo kỳ “%(period)s” chờ tiếp nhận hoặc trả lại",
                sent[period.pk],
            )
            % {"n": sent[period.pk], "period": period.title},
            deadline=None,
            url_name="indicators:period",
            url_args=(period.pk,),
        )
        for period in periods
        if sent.get(period.pk)
    ]
