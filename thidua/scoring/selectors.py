"""Reads of plans, sheets and results, always for a user: what they may not see is not found.

A plan, its scale and its published results are open to every signed-in official of the
sector. Drafts and the scores of each assessor stay with their authors and the cluster's head
until publication, so no assessor can lean on another's marks.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from thidua.core.errors import NotFoundError
from thidua.core.models import StoredFile
from thidua.indicators.models import ReportValueChange
from thidua.orgs.models import Unit
from thidua.plans import access
from thidua.plans.models import AssessorStage, Criterion, Plan, PlanStage
from thidua.scoring.inputs import LinkedFigure, linked_figures
from thidua.scoring.models import Assessment, Dispute, Evidence, Publication, RankingRow, Score
from thidua.scoring.services import may_mark


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def plan_list_for(*, user: Any, year: int | None = None) -> QuerySet[Plan]:
    if not _signed_in(user):
        return Plan.objects.none()
    plans = Plan.objects.select_related("term__cluster")
    return plans.filter(year=year) if year else plans


def plan_get_for(*, user: Any, pk: int) -> Plan:
    plan = (
        Plan.objects.select_related("term__cluster", "term__supervising_department")
        .prefetch_related("term__memberships__unit", "deadlines", "scales")
        .filter(pk=pk)
        .first()
    )
    if plan is None or not _signed_in(user):
        raise NotFoundError(_("Không tìm thấy kế hoạch."))
    return plan


def may_read_sheet(user: Any, assessment: Assessment) -> bool:
    plan = assessment.plan
    if may_mark(user, plan, assessment.stage, assessment.assessor, assessment.unit):
        return True
    if access.may_manage(user, plan) or access.may_supervise(user, plan):
        return True
    if plan.stage == PlanStage.PUBLISHED:
        return access.may_view_internal(user, plan)
    # Before publication a member sees its own self-assessment, never its peers' marks.
    return assessment.stage == AssessorStage.SELF and access.may_prepare_for(
        user, plan, assessment.unit
    )


def assessment_get_for(*, user: Any, pk: int) -> Assessment:
    assessment = (
        Assessment.objects.select_related("plan__term", "unit", "assessor", "scale")
        .filter(pk=pk)
        .first()
    )
    if assessment is None or not may_read_sheet(user, assessment):
        raise NotFoundError(_("Không tìm thấy phiếu chấm."))
    return assessment


def sheet_scores(assessment: Assessment) -> dict[int, Score]:
    """The sheet's scores by criterion id, with their evidence files, in two queries."""
    scores = assessment.scores.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("file"))
    )
    return {s.criterion_id: s for s in scores}


def assessments_visible_for(*, user: Any, plan: Plan) -> list[Assessment]:
    rows = list(Assessment.objects.filter(plan=plan).select_related("unit", "assessor"))
    for row in rows:
        row.plan = plan  # one plan object, so its prefetched members serve every row
    return [a for a in rows if may_read_sheet(user, a)]


def disputes_for(*, user: Any, plan: Plan) -> list[Dispute]:
    disputes = Dispute.objects.filter(plan=plan).select_related("unit", "criterion")
    if access.may_manage(user, plan) or access.may_supervise(user, plan):
        return list(disputes)
    if plan.stage == PlanStage.PUBLISHED and access.may_view_internal(user, plan):
        return list(disputes)
    return [d for d in disputes if access.may_prepare_for(user, plan, d.unit)]


def publication_for(*, user: Any, plan: Plan) -> Publication | None:
    if not _signed_in(user):
        raise NotFoundError(_("Không tìm thấy kế hoạch."))
    return (
        Publication.objects.filter(plan=plan)
        .prefetch_related(
            Prefetch("rows", queryset=RankingRow.objects.select_related("unit").order_by("rank"))
        )
        .first()
    )


@dataclass
class TraceMark:
    stage: str
    assessor: Unit
    points: Decimal | None
    value: Decimal | None
    explanation: str
    files: list[StoredFile] = field(default_factory=list)


@dataclass
class TraceLine:
    criterion: Criterion
    final: Decimal | None
    marks: list[TraceMark] = field(default_factory=list)
    linked: LinkedFigure | None = None  # the year-end report's figure behind a linked criterion
    corrected_since: bool = False  # that figure was corrected after the results were published


def trace_for(*, user: Any, plan: Plan, unit: Unit) -> list[TraceLine]:
    """After publication: each criterion's final points, and every stage, assessor and file
    behind them."""
    publication = publication_for(user=user, plan=plan)
    if publication is None or not access.may_view_internal(user, plan):
        raise NotFoundError(_("Kết quả chưa được công bố."))
    row = next((r for r in publication.payload["ranking"] if r["unit"] == str(unit.pk)), None)
    if row is None:
        raise NotFoundError(_("Đơn vị không có trong kết quả."))
    scores = (
        Score.objects.filter(assessment__plan=plan, assessment__unit=unit)
        .select_related("assessment__assessor", "criterion")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("file")))
        .order_by("assessment__stage", "assessment__assessor__sort_key")
    )
    by_code: dict[str, list[TraceMark]] = {}
    for score in scores:
        by_code.setdefault(score.criterion.code, []).append(
            TraceMark(
                stage=score.assessment.stage,
                assessor=score.assessment.assessor,
                points=score.points,
                value=score.value,
                explanation=score.explanation,
                files=[e.file for e in score.evidence.all()],
            )
        )
    points = row["points"]
    criteria = list(
        publication.scale.criteria.select_related("indicator").order_by("position", "id")
    )
    figures = linked_figures(unit_id=unit.pk, year=plan.year, criteria=criteria)
    corrected = _corrected_since(figures, publication.published_at)
    return [
        TraceLine(
            criterion=c,
            final=Decimal(points[c.code]) if c.code in points else None,
            marks=by_code.get(c.code, []),
            linked=figures.get(c.code),
            corrected_since=c.code in corrected,
        )
        for c in criteria
    ]


def _corrected_since(figures: dict[str, LinkedFigure], moment: datetime) -> set[str]:
    """Linked criteria whose figure was corrected after ``moment``: the published points were
    computed from the figure as it was, and the trace says so rather than hide the change."""
    reports = {f.report.pk for f in figures.values() if f.report is not None}
    if not reports:
        return set()
    changed = set(
        ReportValueChange.objects.filter(
            report_id__in=reports,
            indicator__code__in=[f.indicator_code for f in figures.values()],
            changed_at__gt=moment,
        ).values_list("indicator__code", flat=True)
    )
    return {code for code, f in figures.items() if f.indicator_code in changed}


def may_view_analytics(user: Any, plan: Plan) -> bool:
    """The head and the secretariat (and the supervising department) read the analytics."""
    return access.may_manage(user, plan) or access.may_supervise(user, plan)
