"""The published ranking with its chart, the trace of one unit's points, and the analytics."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import holds_office_in
from thidua.core.errors import NotFoundError
from thidua.core.models import StoredFile
from thidua.plans.models import AssessorStage, TieRule
from thidua.plans.selectors.plan import plan_get_for
from thidua.scoring.access import may_view_analytics
from thidua.scoring.models import Publication, RankingRow
from thidua.scoring.selectors.analytics import analytics_for
from thidua.scoring.selectors.board import members
from thidua.scoring.selectors.results import (
    TraceLine,
    TraceMark,
    evidence_ids_for,
    publication_for,
    trace_for,
)

# The chart's geometry, in SVG user units (pixels when drawn at its own size).
CHART_WIDTH = 760
LABEL_WIDTH = 300
VALUE_WIDTH = 70
BAR_HEIGHT = 22
BAR_GAP = 8
CHART_TOP = 10
AXIS_HEIGHT = 24
# Round steps for the axis: at most five of them cover the scale.
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 100000)


@dataclass
class ResultRow:
    row: RankingRow
    tied_names: list[str]
    note: str

    @property
    def leading(self) -> bool:
        return self.row.rank == 1


@dataclass
class Bar:
    y: int
    text_y: int
    width: int
    name: str
    total: Decimal


@dataclass
class Tick:
    x: int
    label: str


@dataclass
class Chart:
    width: int
    height: int
    plot_x: int
    plot_width: int
    axis_y: int
    bar_height: int
    bars: list[Bar]
    ticks: list[Tick]


@dataclass
class TraceMarkRow:
    mark: TraceMark
    stage: str
    files: list[tuple[StoredFile, int | None]]


@dataclass
class TraceRow:
    line: TraceLine
    marks: list[TraceMarkRow]


def _note(tie_note: str) -> str:
    """The tie rule that placed the unit above the next one, in words."""
    rule, _sep, group = tie_note.partition(":")
    if rule == TieRule.GROUP_HIGHER:
        return _("Xếp trên đơn vị kế tiếp vì điểm nhóm tiêu chí %(group)s cao hơn.") % {
            "group": group
        }
    if rule in TieRule.values:
        return _("Xếp trên đơn vị kế tiếp vì: %(rule)s.") % {"rule": TieRule(rule).label.lower()}
    return ""


def result_rows(publication: Publication) -> list[ResultRow]:
    rows = list(publication.rows.all())
    names = {r.unit_id: r.unit.name for r in rows}
    return [
        ResultRow(
            row=r,
            tied_names=[names.get(u, str(u)) for u in r.tied_with],
            note=_note(r.tie_note),
        )
        for r in rows
    ]


def ranking_chart(rows: list[ResultRow], axis_max: Decimal) -> Chart:
    """A horizontal bar per unit, in rank order, on an axis from 0 to the scale's reach."""
    plot_x = LABEL_WIDTH
    plot_width = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    reach = min(axis_max if axis_max > 0 else Decimal(1), Decimal(10**5))
    bars = []
    for i, result in enumerate(rows):
        y = CHART_TOP + i * (BAR_HEIGHT + BAR_GAP)
        share = max(Decimal(0), min(result.row.total / reach, Decimal(1)))
        bars.append(
            Bar(
                y=y,
                text_y=y + BAR_HEIGHT // 2 + 5,
                width=int(share * plot_width),
                name=result.row.unit.name,
                total=result.row.total,
            )
        )
    axis_y = CHART_TOP + len(rows) * (BAR_HEIGHT + BAR_GAP)
    step = next(s for s in _STEPS if reach / s <= 5)
    ticks = [
        Tick(x=plot_x + int(plot_width * (step * k) / reach), label=str(step * k))
        for k in range(int(reach / step) + 1)
    ]
    return Chart(
        width=CHART_WIDTH,
        height=axis_y + AXIS_HEIGHT,
        plot_x=plot_x,
        plot_width=plot_width,
        axis_y=axis_y,
        bar_height=BAR_HEIGHT,
        bars=bars,
        ticks=ticks,
    )


@require_GET
@login_required
def results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Before publication only the stage; afterwards the ranking, ties shown as ties."""
    plan = plan_get_for(user=request.user, pk=pk)
    publication = publication_for(user=request.user, plan=plan)
    rows = result_rows(publication) if publication else []
    chart = None
    if publication is not None:
        chart = ranking_chart(rows, publication.scale.maximum + publication.scale.bonus_cap)
    return render(
        request,
        "scoring/results.html",
        {
            "plan": plan,
            "publication": publication,
            "rows": rows,
            "chart": chart,
            "can_view_analytics": may_view_analytics(request.user, plan),
            # The cluster head turns the published ranking into the year's award round.
            "may_open_awards": (
                publication is not None
                and plan.term is not None
                and holds_office_in(request.user, plan.term)
            ),
        },
    )


@require_GET
@login_required
def trace(request: AuthenticatedHttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Every point of one unit: criterion, final points, stage, assessor, mark, evidence."""
    plan = plan_get_for(user=request.user, pk=pk)
    unit = next((u for u in members(plan) if u.pk == unit_pk), None)
    if unit is None:
        raise NotFoundError(_("Đơn vị không có trong cụm."))
    lines = trace_for(user=request.user, plan=plan, unit=unit)
    publication = publication_for(user=request.user, plan=plan)
    ranked = publication.rows.all() if publication else []
    ids = evidence_ids_for(plan=plan, unit=unit)
    stages = dict(AssessorStage.choices)
    return render(
        request,
        "scoring/trace.html",
        {
            "plan": plan,
            "unit": unit,
            "row": next((r for r in ranked if r.unit_id == unit.pk), None),
            "lines": [
                TraceRow(
                    line=line,
                    marks=[
                        TraceMarkRow(
                            mark=m,
                            stage=str(stages.get(m.stage, m.stage)),
                            files=[(f, ids.get(f.pk)) for f in m.files],
                        )
                        for m in line.marks
                    ],
                )
                for line in lines
            ],
        },
    )


@require_GET
@login_required
def analytics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Whether self-scores are inflated and which assessors are lenient or severe."""
    plan = plan_get_for(user=request.user, pk=pk)
    view = analytics_for(user=request.user, plan=plan)
    return render(
        request,
        "scoring/analytics.html",
        {"plan": plan, "view": view, "can_view_analytics": True},
    )
