"""Reads for the report pages and the API, scoped to the user: the periods, who has reported in
a period, the reports the user may read, and everything one report page shows, each in a fixed
number of queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, User
from thidua.accounts.policy import READER_ROLES, STAFF_ROLES, Action, may, subject_of
from thidua.core.access import signed_in
from thidua.core.errors import NotFoundError
from thidua.core.models import StoredFile
from thidua.indicators import access
from thidua.indicators.models import (
    Indicator,
    IndicatorKind,
    PeriodScope,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    ReportValueChange,
    Target,
)
from thidua.indicators.rollup import percentage, progress
from thidua.indicators.selectors.catalogue import targets_in_force
from thidua.indicators.selectors.periods import period_terms, period_units
from thidua.orgs.models import ClusterMembership, ClusterTerm, OfficerRole, Sector, Unit


def periods_for(*, user: User | AnonymousUser) -> list[ReportingPeriod]:
    """Every period: when the sector reports is no secret to a signed-in user."""
    if not signed_in(user):
        return []
    return list(
        ReportingPeriod.objects.select_related("term__cluster", "department").order_by(
            "-year", "-as_of", "-pk"
        )
    )


def period_get_for(*, user: User | AnonymousUser, pk: int) -> ReportingPeriod:
    period = (
        ReportingPeriod.objects.select_related("term__cluster", "department").filter(pk=pk).first()
    )
    if period is None or not signed_in(user):
        raise NotFoundError(_("Không tìm thấy kỳ báo cáo."))
    return period


def _with_units_below(unit_ids: set[int]) -> set[int]:
    """The units and every unit under them, one query per level of the tree below them."""
    found, level = set(unit_ids), set(unit_ids)
    while level:
        level = set(Unit.objects.filter(parent_id__in=level).values_list("pk", flat=True)) - found
        found |= level
    return found


def report_list_for(
    *,
    user: User | AnonymousUser,
    period: int | None = None,
    unit: int | None = None,
    status: str | None = None,
) -> list[Report]:
    """The reports ``user`` may read, exactly as ``access.may_read`` answers report by report,
    optionally of one period (id), one unit (id) or in one status.

    The rule is handed to the database instead of asked of each row, so the number of queries
    stays the same however many reports there are: a unit's own readers see every status; the
    deciders of the unit's term that year (head and deputy boards' staff) and the readers of
    its supervising department see it once submitted; the council sees every submitted report;
    the secretariat and the administrator see all.
    """
    if not signed_in(user):
        return []
    rows = Report.objects.select_related("unit", "period").order_by(
        "-period__year", "-period__as_of", "-period_id", "unit__sort_key", "unit_id"
    )
    if period is not None:
        rows = rows.filter(period_id=period)
    if unit is not None:
        rows = rows.filter(unit_id=unit)
    if status is not None:
        rows = rows.filter(status=status)
    subject = subject_of(user)
    if subject.sector_roles & {Role.SYSTEM_ADMIN, Role.SECTOR_SECRETARIAT}:
        return list(rows)
    own = _with_units_below(subject.units_with(READER_ROLES))
    outside = Q(status__in=access.VISIBLE_OUTSIDE_THE_UNIT)
    if Role.COUNCIL_MEMBER not in subject.sector_roles:
        # Cluster-head powers come from a direct staff grant on a head or deputy board
        # (policy._may_on_term); supervision from a reader's grant on or above the department.
        followed = ClusterTerm.objects.filter(
            Q(
                memberships__unit_id__in=subject.units_with(STAFF_ROLES),
                memberships__role__in=[OfficerRole.HEAD, OfficerRole.DEPUTY],
            )
            | Q(supervising_department_id__in=own)
        )
        in_followed_term = ClusterMembership.objects.filter(
            unit_id=OuterRef("unit_id"),
            year=OuterRef("period__year"),
            sector=Sector.ORGANIZATION,
            term__in=followed.values("pk"),
        )
        outside &= Q(Exists(in_followed_term))
    return list(rows.filter(Q(unit_id__in=own) | outside))


@dataclass
class UnitRow:
    """A unit's place in a period: its report as far as the user may know it."""

    unit: Unit
    report: Report | None
    readable: bool
    overdue: bool

    @property
    def status_label(self) -> str:
        if self.report is not None and (self.readable or self.report.status != ReportStatus.DRAFT):
            return str(self.report.get_status_display())
        return _("Quá hạn, chưa gửi") if self.overdue else _("Chưa gửi")


@dataclass
class TermRows:
    term: ClusterTerm
    rows: list[UnitRow]


@dataclass
class PeriodBoard:
    period: ReportingPeriod
    own: list[UnitRow] = field(default_factory=list)
    terms: list[TermRows] = field(default_factory=list)


def period_board_for(*, user: User | AnonymousUser, period: ReportingPeriod) -> PeriodBoard:
    """The user's own units with their reports, and for deciders the members of their terms;
    a cluster's or a department's period shows only the units and terms it asks."""
    subject = subject_of(user)
    overdue = timezone.now() > period.deadline
    own = Unit.objects.filter(pk__in=subject.units_with(READER_ROLES))
    if period.scope != PeriodScope.SECTOR:
        own = own.filter(pk__in=period_units(period).values("pk"))
    own_units = [u for u in own if u.is_valid_in_year(period.year)]
    memberships = ClusterMembership.objects.filter(sector=Sector.ORGANIZATION).select_related(
        "unit"
    )
    candidates = (
        period_terms(period)
        .filter(memberships__sector=Sector.ORGANIZATION)
        .distinct()
        .select_related("cluster")
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("cluster__number")
    )
    terms = [t for t in candidates if may(user, Action.TERM_MANAGE, t)]
    unit_ids = {u.pk for u in own_units} | {m.unit_id for t in terms for m in t.memberships.all()}
    reports = {r.unit_id: r for r in Report.objects.filter(period=period, unit_id__in=unit_ids)}
    own_ids = {u.pk for u in own_units}

    def row(unit: Unit) -> UnitRow:
        report = reports.get(unit.pk)
        unfinished = report is None or report.status == ReportStatus.DRAFT
        readable = unit.pk in own_ids or (
            report is not None and report.status in access.VISIBLE_OUTSIDE_THE_UNIT
        )
        return UnitRow(unit, report, readable, overdue and unfinished)

    board = PeriodBoard(period, own=[row(u) for u in own_units])
    for term in terms:
        board.terms.append(TermRows(term, [row(m.unit) for m in term.memberships.all()]))
    return board


@dataclass
class FigureRow:
    """One indicator on the report page: its figure, its target and the progress towards it."""

    indicator: Indicator
    value: ReportValue | None
    target: Target | None

    @property
    def is_share(self) -> bool:
        return self.indicator.kind == IndicatorKind.SHARE

    @property
    def reading(self) -> Decimal | None:
        """What the figure reads as: a share's percentage, x otherwise."""
        if self.value is None:
            return None
        if self.is_share:
            return (
                None
                if self.value.denominator is None
                else percentage(self.value.value, self.value.denominator)
            )
        return self.value.value

    @property
    def progress(self) -> Decimal | None:
        if self.target is None:
            return None
        return progress(self.reading, self.target.value, better=self.indicator.direction)


@dataclass
class ReportPage:
    period: ReportingPeriod
    unit: Unit
    report: Report | None
    rows: list[FigureRow]
    files: list[StoredFile]
    corrections: list[ReportValueChange]

    def report_or_blank(self) -> Report:
        """The report, or before its first save an unsaved one of the unit and period, so that
        an empty Excel sheet can be handed out and read back. Nothing here saves it: the first
        save (from the form or an upload) is report_save's."""
        return self.report or Report(unit=self.unit, period=self.period)


def report_page_for(*, user: User | AnonymousUser, period_pk: int, unit_pk: int) -> ReportPage:
    """The unit's report of the period; a draft (or no report yet) only for the unit's readers,
    anyone else is told it does not exist."""
    missing = NotFoundError(_("Không tìm thấy báo cáo."))
    period = ReportingPeriod.objects.filter(pk=period_pk).first()
    unit = Unit.objects.filter(pk=unit_pk).first()
    if period is None or unit is None:
        raise missing
    report = Report.objects.filter(period=period, unit=unit).first()
    if report is not None:
        report.period, report.unit = period, unit
        if not access.may_read(user, report):
            raise missing
    elif not may(user, Action.UNIT_VIEW_INTERNAL, unit):
        raise missing
    values: dict[int, ReportValue] = {}
    files: list[StoredFile] = []
    corrections: list[ReportValueChange] = []
    if report is not None:
        values = {v.indicator_id: v for v in report.values.all()}
        files = list(report.files.order_by("pk"))
        corrections = list(
            report.corrections.select_related("indicator", "changed_by").order_by(
                "-changed_at", "-pk"
            )
        )
    targets = targets_in_force(unit=unit, year=period.year)
    indicators = Indicator.objects.filter(Q(active=True) | Q(pk__in=list(values)))
    rows = [FigureRow(i, values.get(i.pk), targets.get(i.code)) for i in indicators]
    return ReportPage(period, unit, report, rows, files, corrections)


def report_get_for(*, user: User | AnonymousUser, pk: int) -> Report:
    """The report if ``user`` may read it; otherwise, as far as they know, it does not exist."""
    report = Report.objects.select_related("unit", "period").filter(pk=pk).first()
    if report is None or not access.may_read(user, report):
        raise NotFoundError(_("Không tìm thấy báo cáo."))
    return report


def report_values(report: Report | None) -> dict[str, tuple[Decimal, Decimal | None]]:
    """The report's figures as ``report_save`` takes them."""
    if report is None or report.pk is None:
        return {}
    return {
        v.indicator.code: (v.value, v.denominator)
        for v in report.values.select_related("indicator")
    }
