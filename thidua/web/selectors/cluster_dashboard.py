"""Reads of the cluster dashboard: each member's figures against its targets, the published
ranking and the reports still missing, in a fixed number of queries whatever the number of
members, indicators and reports.

A cluster's dashboard is the cluster's own workspace (members' staff, the supervising
department, the secretariat, the council); the figures in it are accepted reports only, read
through the roll-up selectors, so a draft or a report still waiting for a decision never shows.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.core.errors import PermissionDeniedError
from thidua.indicators.access import VISIBLE_OUTSIDE_THE_UNIT
from thidua.indicators.models import (
    Indicator,
    IndicatorKind,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from thidua.indicators.selectors.rollup import Rollup
from thidua.indicators.selectors.rollup_terms import term_figures_for
from thidua.orgs.models import ClusterMembership, ClusterTerm, OfficerRole, Unit
from thidua.orgs.selectors import term_get_for
from thidua.scoring.models import Publication, RankingRow

PERCENT_KINDS = frozenset({IndicatorKind.SHARE, IndicatorKind.PERCENTAGE})


@dataclass(frozen=True)
class Cell:
    """One figure of the table: a member's, or the cluster's on the totals line."""

    indicator: Indicator
    value: Decimal | None
    target: Decimal | None
    progress: Decimal | None

    @property
    def percent(self) -> bool:
        return self.indicator.kind in PERCENT_KINDS


@dataclass(frozen=True)
class MemberRow:
    unit: Unit
    role: str
    cells: list[Cell]


@dataclass(frozen=True)
class MissingReports:
    """The members that have not submitted for a period (a draft is not a submission)."""

    period: ReportingPeriod
    overdue: bool
    units: list[Unit]


@dataclass(frozen=True)
class ChartLine:
    unit: Unit
    amount: Decimal | None


@dataclass
class ClusterDashboard:
    term: ClusterTerm
    periods: list[ReportingPeriod]
    period: ReportingPeriod | None
    indicators: list[Indicator] = field(default_factory=list)
    rows: list[MemberRow] = field(default_factory=list)
    totals: list[Cell] = field(default_factory=list)
    chart_indicator: Indicator | None = None
    chart_progress: bool = False  # progress against targets, or the values when none has one
    chart_lines: list[ChartLine] = field(default_factory=list)
    publication: Publication | None = None
    ranking: list[RankingRow] = field(default_factory=list)
    missing: list[MissingReports] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def chart_percent(self) -> bool:
        """Whether the chart's numbers are percentages (progress, or a share's value)."""
        if self.chart_progress:
            return True
        return self.chart_indicator is not None and self.chart_indicator.kind in PERCENT_KINDS


def _whole_number(raw: str | None) -> int | None:
    text = (raw or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def cluster_dashboard_for(
    *, user: User | AnonymousUser, term_pk: int, params: Mapping[str, str]
) -> ClusterDashboard:
    """The dashboard of a cluster term; ``params`` are the page's choices (``ky``: a period of
    the term's year, ``chi_tieu``: the indicator of the chart)."""
    term = term_get_for(user=user, pk=term_pk)
    if not may(user, Action.TERM_VIEW_INTERNAL, term):
        raise PermissionDeniedError(_("Trang tổng quan của cụm chỉ dành cho thành viên cụm."))
    memberships = list(term.memberships.all())
    member_ids = [m.unit_id for m in memberships]
    accepted = Report.objects.filter(
        period=OuterRef("pk"), unit_id__in=member_ids, status=ReportStatus.ACCEPTED
    )
    periods: list[ReportingPeriod] = list(
        ReportingPeriod.objects.filter(year=term.year)
        .annotate(has_figures=Exists(accepted))
        .order_by("-as_of", "-pk")
    )
    board = ClusterDashboard(term=term, periods=periods, period=None)
    board.period = _chosen_period(periods, params.get("ky"), board.problems)
    board.missing = _missing(periods, memberships)
    board.publication, board.ranking = _ranking(term)
    if board.period is not None:
        _figures(board, user, board.period, params.get("chi_tieu"))
    return board


def _chosen_period(
    periods: list[ReportingPeriod], raw: str | None, problems: list[str]
) -> ReportingPeriod | None:
    """The period asked for, else the latest one with accepted figures, else the latest."""
    if raw:
        pk = _whole_number(raw)
        chosen = next((p for p in periods if p.pk == pk), None)
        if chosen is None:
            problems.append(
                _("Kỳ báo cáo “%(value)s” không thuộc năm của nhiệm kỳ cụm; đang hiện kỳ mặc định.")
                % {"value": raw}
            )
        else:
            return chosen
    with_figures = [p for p in periods if getattr(p, "has_figures", False)]
    if with_figures:
        return with_figures[0]
    return periods[0] if periods else None


def _missing(
    periods: list[ReportingPeriod], memberships: list[ClusterMembership]
) -> list[MissingReports]:
    """For every period of the year, the members with no submitted or accepted report."""
    member_ids = [m.unit_id for m in memberships]
    done = set(
        Report.objects.filter(
            period__in=periods, unit_id__in=member_ids, status__in=VISIBLE_OUTSIDE_THE_UNIT
        ).values_list("period_id", "unit_id")
    )
    now = timezone.now()
    found = []
    for period in sorted(periods, key=lambda p: (p.deadline, p.pk)):
        units = [m.unit for m in memberships if (period.pk, m.unit_id) not in done]
        if units:
            found.append(MissingReports(period, now > period.deadline, units))
    return found


def _ranking(term: ClusterTerm) -> tuple[Publication | None, list[RankingRow]]:
    """The term's published ranking (a published result is open to every signed-in user)."""
    rows = RankingRow.objects.select_related("unit").order_by("rank", "unit__sort_key")
    publication = (
        Publication.objects.filter(plan__term=term)
        .select_related("plan")
        .prefetch_related(Prefetch("rows", queryset=rows))
        .order_by("-published_at", "-pk")
        .first()
    )
    return publication, list(publication.rows.all()) if publication else []


def _figures(
    board: ClusterDashboard,
    user: User | AnonymousUser,
    period: ReportingPeriod,
    chart_code: str | None,
) -> None:
    """The member × indicator table and the chart, from one read of every indicator."""
    every = list(Indicator.objects.order_by("position", "code"))
    figures = term_figures_for(user=user, cluster_term=board.term, period=period, indicators=every)
    # The indicator asked for keeps its column while it has no figures yet: "nothing accepted
    # so far" is an answer, not a bad request.
    board.indicators = [
        i
        for i in every
        if figures.rollups[i.pk].by_unit or figures.targets.get(i.pk) or i.code == chart_code
    ]
    for membership in board.term.memberships.all():
        unit = membership.unit
        cells = [_cell(i, figures.rollups[i.pk], figures.targets, unit) for i in board.indicators]
        role = "" if membership.role == OfficerRole.MEMBER else membership.get_role_display()
        board.rows.append(MemberRow(unit, role, cells))
    board.totals = [
        Cell(
            i,
            figures.rollups[i.pk].value,
            figures.rollups[i.pk].target,
            figures.rollups[i.pk].progress,
        )
        for i in board.indicators
    ]
    _chart(board, chart_code)


def _cell(
    indicator: Indicator, rolled: Rollup, targets: Mapping[int, Mapping[int, Decimal]], unit: Unit
) -> Cell:
    line = next((line for line in rolled.by_unit if line.unit.pk == unit.pk), None)
    target = targets.get(indicator.pk, {}).get(unit.pk)
    if line is None:
        return Cell(indicator, None, target, None)
    return Cell(indicator, line.value, line.target, line.progress)


def _chart(board: ClusterDashboard, code: str | None) -> None:
    """The chart's indicator: the one asked for, else the first with progress to show."""
    column = {i.code: k for k, i in enumerate(board.indicators)}
    if code and code not in column:
        board.problems.append(_("Không có chỉ tiêu “%(code)s”.") % {"code": code})
        code = None
    if not board.indicators:
        return
    if code is None:
        with_progress = [
            i.code
            for k, i in enumerate(board.indicators)
            if any(row.cells[k].progress is not None for row in board.rows)
        ]
        code = (with_progress or [board.indicators[0].code])[0]
    k = column[code]
    board.chart_indicator = board.indicators[k]
    board.chart_progress = any(row.cells[k].progress is not None for row in board.rows)
    board.chart_lines = [
        ChartLine(row.unit, row.cells[k].progress if board.chart_progress else row.cells[k].value)
        for row in board.rows
    ]
