"""Reads of a plan's published results: the ranking kept at publication and the trace of one
unit's points, with every stage, assessor and file behind them.

The results are open to every signed-in official of the sector once published; the trace to
the plan's cluster, the secretariat and the department. Until publication the scores of each
assessor stay with their authors and the cluster's head, so no assessor can lean on another's
marks.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.access import signed_in
from thidua.core.errors import NotFoundError
from thidua.core.models import StoredFile
from thidua.indicators.models import ReportValueChange
from thidua.orgs.models import Unit
from thidua.plans import access
from thidua.plans.models import Criterion, Plan
from thidua.scoring.models import Evidence, Publication, RankingRow, Score
from thidua.scoring.selectors.inputs import LinkedFigure, linked_figures


def publication_for(*, user: User | AnonymousUser, plan: Plan) -> Publication | None:
    if not signed_in(user):
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


def trace_for(*, user: User | AnonymousUser, plan: Plan, unit: Unit) -> list[TraceLine]:
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


def evidence_ids_for(*, plan: Plan, unit: Unit) -> dict[int, int]:
    """The evidence row of each stored file behind a unit's points, for the download links
    of the trace (whose reader ``trace_for`` has already checked)."""
    return dict(
        Evidence.objects.filter(
            score__assessment__plan=plan, score__assessment__unit=unit
        ).values_list("file_id", "pk")
    )
