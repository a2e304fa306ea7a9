"""Score sheets, the published results, and the plan interchange document.

Every read goes through the scoring selectors and every write through the scoring services, so
the API answers exactly as the pages do: a sheet the user may not read is not found, a mark the
user may not enter is refused.
"""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Router, Status

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.api.plans import unit_ref
from thidua.api.schemas.errors import READ_REFUSALS, WRITE_REFUSALS
from thidua.api.schemas.plans import (
    AssessmentDetailOut,
    AssessmentOpenIn,
    AssessmentOut,
    BreakdownOut,
    CreatedOut,
    EvidenceOut,
    LinkedFigureOut,
    MarkIn,
    RankingOut,
    ResultsOut,
    ScoreOut,
    amount,
    amount_or_none,
)
from thidua.core.errors import ValidationFailedError
from thidua.orgs.selectors import term_get_for, unit_get_for
from thidua.plans.selectors.plan import plan_get_for
from thidua.scoring.interchange.access import plan_export_for, plan_import
from thidua.scoring.models import Assessment
from thidua.scoring.selectors.inputs import linked_figures
from thidua.scoring.selectors.results import publication_for
from thidua.scoring.selectors.sheet import assessment_get_for, assessments_visible_for, sheet_scores
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
)

router = Router(tags=["scoring"])

# The widest amount a score column holds (14 digits, 2 of them decimals).
AMOUNT_LIMIT = Decimal(10) ** 12


def _sheet_out(assessment: Assessment) -> AssessmentOut:
    return AssessmentOut(
        id=assessment.pk,
        unit=unit_ref(assessment.unit),
        stage=assessment.stage,
        assessor=unit_ref(assessment.assessor),
        status=assessment.status,
    )


def _sheet_detail(assessment: Assessment) -> AssessmentDetailOut:
    codes = dict(assessment.scale.criteria.values_list("pk", "code"))
    scores = {
        codes[criterion_id]: ScoreOut(
            points=amount_or_none(score.points),
            value=amount_or_none(score.value),
            explanation=score.explanation,
            evidence=[
                EvidenceOut(name=e.file.name, sha256=e.file.sha256) for e in score.evidence.all()
            ],
        )
        for criterion_id, score in sheet_scores(assessment).items()
    }
    return AssessmentDetailOut(
        **_sheet_out(assessment).model_dump(),
        plan_id=assessment.plan_id,
        scale_version=assessment.scale.version,
        submitted_at=assessment.submitted_at,
        return_reason=assessment.return_reason,
        scores=scores,
        linked={
            code: LinkedFigureOut(
                indicator=figure.indicator_code,
                value=amount_or_none(figure.value),
                source=figure.source,
            )
            for code, figure in linked_figures(
                unit_id=assessment.unit_id,
                year=assessment.plan.year,
                criteria=assessment.scale.criteria.select_related("indicator"),
            ).items()
        },
    )


@router.get(
    "/plans/{int:plan_id}/assessments", response={200: list[AssessmentOut], **READ_REFUSALS}
)
def list_assessments(request: HttpRequest, plan_id: int) -> list[AssessmentOut]:
    """The sheets the user may read: its own, and every sheet once results are published."""
    plan = plan_get_for(user=request.user, pk=plan_id)
    return [_sheet_out(a) for a in assessments_visible_for(user=request.user, plan=plan)]


@router.post(
    "/plans/{int:plan_id}/assessments",
    response={200: AssessmentDetailOut, 201: AssessmentDetailOut, **WRITE_REFUSALS},
)
def open_assessment(
    request: AuthenticatedHttpRequest, plan_id: int, payload: AssessmentOpenIn
) -> Status[AssessmentDetailOut]:
    """Open the sheet of ``assessor_id`` on ``unit_id`` in ``stage`` (201), or return the one
    already open (200)."""
    plan = plan_get_for(user=request.user, pk=plan_id)
    unit = unit_get_for(user=request.user, pk=payload.unit_id)
    assessor = unit_get_for(user=request.user, pk=payload.assessor_id)
    existed = Assessment.objects.filter(
        plan=plan, unit=unit, stage=payload.stage, assessor=assessor
    ).exists()
    opened = assessment_open(
        actor=request.user, plan=plan, unit=unit, stage=payload.stage, assessor=assessor
    )
    sheet = assessment_get_for(user=request.user, pk=opened.pk)
    return Status(200 if existed else 201, _sheet_detail(sheet))


@router.get(
    "/assessments/{int:assessment_id}", response={200: AssessmentDetailOut, **READ_REFUSALS}
)
def assessment_detail(request: HttpRequest, assessment_id: int) -> AssessmentDetailOut:
    return _sheet_detail(assessment_get_for(user=request.user, pk=assessment_id))


def _amount_in(raw: Decimal | str | None) -> Decimal | None:
    """A mark's amount, or ValueError with the reason in Vietnamese."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        number = Decimal(raw.strip().replace(",", ".")) if isinstance(raw, str) else raw
    except InvalidOperation as exc:
        raise ValueError(_("“%(raw)s” không phải là số.") % {"raw": raw}) from exc
    if not number.is_finite() or abs(number) >= AMOUNT_LIMIT:
        raise ValueError(_("“%(raw)s” không phải là số hợp lệ.") % {"raw": raw})
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(_("Chỉ được nhập tối đa hai chữ số thập phân."))
    return number


def _marks_in(payload: Mapping[str, MarkIn]) -> tuple[dict[str, Mark], dict[str, list[str]]]:
    marks: dict[str, Mark] = {}
    unreadable: dict[str, list[str]] = {}
    for code, mark in payload.items():
        problems = []
        amounts: list[Decimal | None] = []
        for raw in (mark.points, mark.value):
            try:
                amounts.append(_amount_in(raw))
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            unreadable[code] = problems
        else:
            marks[code] = Mark(points=amounts[0], value=amounts[1], explanation=mark.explanation)
    return marks, unreadable


@router.put(
    "/assessments/{int:assessment_id}/scores",
    response={200: AssessmentDetailOut, **WRITE_REFUSALS},
)
def fill_assessment(
    request: AuthenticatedHttpRequest, assessment_id: int, payload: Body[dict[str, MarkIn]]
) -> AssessmentDetailOut:
    """Save marks by criterion code; if any mark is refused, every refusal is listed by code
    and nothing is saved."""
    assessment = assessment_get_for(user=request.user, pk=assessment_id)
    marks, unreadable = _marks_in(payload)
    # The service checks the user's right and every readable mark; one transaction around it
    # lets an unreadable amount elsewhere in the request undo what it would have saved.
    with transaction.atomic():
        try:
            assessment_fill(actor=request.user, assessment=assessment, marks=marks)
        except ValidationFailedError as refused:
            raise ValidationFailedError(
                refused.message, {**refused.problems, **unreadable}
            ) from refused
        if unreadable:
            raise ValidationFailedError(_("Có điểm chưa hợp lệ, chưa lưu gì."), unreadable)
    return _sheet_detail(assessment)


@router.post(
    "/assessments/{int:assessment_id}/submit",
    response={200: AssessmentDetailOut, **WRITE_REFUSALS},
)
def submit_assessment(request: AuthenticatedHttpRequest, assessment_id: int) -> AssessmentDetailOut:
    """The leader submits the sheet; afterwards it is locked."""
    assessment = assessment_get_for(user=request.user, pk=assessment_id)
    assessment_submit(actor=request.user, assessment=assessment)
    return _sheet_detail(assessment)


@router.get("/plans/{int:plan_id}/results", response={200: ResultsOut, **READ_REFUSALS})
def plan_results(request: HttpRequest, plan_id: int) -> ResultsOut:
    """The ranking as published: per unit its rank, total, ties and the breakdown of points."""
    plan = plan_get_for(user=request.user, pk=plan_id)
    publication = publication_for(user=request.user, plan=plan)
    if publication is None:
        return ResultsOut(published=False, ranking=[])
    points = {str(row["unit"]): row["points"] for row in publication.payload["ranking"]}
    return ResultsOut(
        published=True,
        ranking=[
            RankingOut(
                unit=unit_ref(row.unit),
                rank=row.rank,
                total=amount(row.total),
                tied_with=[int(u) for u in row.tied_with],
                breakdown=BreakdownOut(
                    base=amount(row.base),
                    bonus=amount(row.bonus),
                    penalty=amount(row.penalty),
                    points=dict(points.get(str(row.unit_id), {})),
                ),
            )
            for row in publication.rows.all()
        ],
    )


@router.get("/plans/{int:plan_id}/export", response={200: dict[str, Any], **READ_REFUSALS})
def export_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    """The plan's interchange document: scale, configuration, assessments and results."""
    plan = plan_get_for(user=request.user, pk=plan_id)
    return plan_export_for(user=request.user, plan=plan)


@router.post("/plans/import", response={201: CreatedOut, **WRITE_REFUSALS})
def import_plan(
    request: HttpRequest,
    term_id: int,
    document: Body[dict[str, Any]],
    mode: Literal["scale", "full"] = "scale",
) -> Status[CreatedOut]:
    """Create a plan on ``term_id`` from an interchange document: its scale and configuration
    (``mode=scale``) or everything with assessments and results (``mode=full``). The whole
    document is checked first; every problem is listed by its path and nothing is created."""
    term = term_get_for(user=request.user, pk=term_id)
    plan = plan_import(actor=request.user, document=document, term=term, mode=mode)
    return Status(201, CreatedOut(id=plan.pk))
