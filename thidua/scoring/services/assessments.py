"""Writes to assessments: open a sheet, mark criteria (on the page, by the API or from an
Excel file), attach evidence, submit, return."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.access import forbidden
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.files import stored_file_create
from thidua.core.locks import share_lock
from thidua.core.workflow import transition_check, transition_record
from thidua.orgs.models import Unit
from thidua.plans import access
from thidua.plans.models import (
    AssessorStage,
    Criterion,
    CriterionKind,
    Plan,
    PlanStage,
    RegistrationItem,
)
from thidua.plans.selectors.plan import current_scale, stage_is_open
from thidua.plans.workflow import SUBMISSION_MOVES
from thidua.scoring.access import STAGE_OF, assessment_require_writable, may_mark, may_submit
from thidua.scoring.marks import is_linked, mark_problems
from thidua.scoring.models import Assessment, AssessmentStatus, Evidence, Score


@dataclass(frozen=True)
class Mark:
    """What an assessor enters for one criterion."""

    points: Decimal | None = None
    value: Decimal | None = None
    explanation: str = ""


def assessment_open(
    *, actor: User, plan: Plan, unit: Unit, stage: str, assessor: Unit
) -> Assessment:
    """The sheet of ``assessor`` on ``unit``, created on first use against the current scale."""
    if stage == AssessorStage.APPRAISAL or not may_mark(actor, plan, stage, assessor, unit):
        raise forbidden()
    existing = Assessment.objects.filter(
        plan=plan, unit=unit, stage=stage, assessor=assessor
    ).first()
    if existing is not None:
        return existing
    if not stage_is_open(plan, STAGE_OF[stage]):
        raise DomainError(_("Vòng chấm này đã đóng hoặc chưa mở."))
    scale = current_scale(list(plan.scales.all()))
    if scale is None or not scale.is_frozen:
        raise DomainError(_("Thang điểm chưa được ban hành."))
    with transaction.atomic():
        assessment, created = Assessment.objects.get_or_create(
            plan=plan, unit=unit, stage=stage, assessor=assessor, defaults={"scale": scale}
        )
        if created:
            audit_record(
                actor=actor,
                action="assessment.open",
                obj=assessment,
                after={"unit_id": unit.pk, "stage": stage, "assessor_id": assessor.pk},
            )
    return assessment


def _lock(assessment: Assessment) -> None:
    """Hold the plan's stage (shared) and the sheet (for this decision), then read the sheet
    and its plan again: what was checked before the lock may have changed since."""
    share_lock(Plan, assessment.plan_id)
    assessment.refresh_from_db(
        from_queryset=Assessment.objects.select_for_update(of=("self",)).select_related(
            "plan", "unit", "assessor", "scale"
        )
    )


def _criteria_of(assessment: Assessment) -> dict[str, Criterion]:
    return {c.code: c for c in assessment.scale.criteria.all() if c.kind != CriterionKind.GROUP}


def assessment_fill(
    *, actor: User, assessment: Assessment, marks: Mapping[str, Mark]
) -> list[Score]:
    """Save marks keyed by criterion code: all are checked first, then all are written."""
    assessment_require_writable(actor, assessment)  # refuse early; checked again under the lock
    criteria = _criteria_of(assessment)
    problems: dict[str, list[str]] = {}
    for code, mark in marks.items():
        criterion = criteria.get(code)
        if criterion is None:
            problems[code] = [_("Tiêu chí “%(code)s” không có trong thang điểm.") % {"code": code}]
            continue
        found = mark_problems(criterion, points=mark.points, value=mark.value)
        if found:
            problems[code] = found
    if problems:
        raise ValidationFailedError(_("Có điểm chưa hợp lệ, chưa lưu gì."), problems)
    with transaction.atomic():
        _lock(assessment)
        assessment_require_writable(actor, assessment)
        now = timezone.now()
        # One read and two bulk writes per sheet: a whole sheet (Excel, API) saves at once.
        existing = {
            s.criterion_id: s
            for s in Score.objects.select_for_update().filter(
                assessment=assessment, criterion__in=[criteria[c] for c in marks]
            )
        }
        saved: list[Score] = []
        fresh: list[Score] = []
        for code, mark in marks.items():
            criterion = criteria[code]
            score = existing.get(criterion.pk) or Score(assessment=assessment, criterion=criterion)
            score.points, score.value = mark.points, mark.value
            score.explanation = mark.explanation.strip()
            score.updated_by, score.updated_at = actor, now
            (fresh if score.pk is None else saved).append(score)
        Score.objects.bulk_update(
            saved, ["points", "value", "explanation", "updated_by", "updated_at"]
        )
        saved += Score.objects.bulk_create(fresh)
        audit_record(
            actor=actor,
            action="assessment.fill",
            obj=assessment,
            after={c: {"points": m.points, "value": m.value} for c, m in marks.items()},
        )
    return saved


def evidence_attach(*, actor: User, score: Score, name: str, content: bytes) -> Evidence:
    assessment_require_writable(actor, score.assessment)
    with transaction.atomic():
        _lock(score.assessment)
        assessment_require_writable(actor, score.assessment)
        stored = stored_file_create(name=name, content=content)
        evidence = Evidence.objects.create(score=score, file=stored, uploaded_by=actor)
        audit_record(
            actor=actor,
            action="evidence.attach",
            obj=score.assessment,
            after={
                "criterion_id": score.criterion_id,
                "file": stored.name,
                "sha256": stored.sha256,
            },
        )
    return evidence


def criterion_evidence_attach(
    *, actor: User, assessment: Assessment, criterion: Criterion, name: str, content: bytes
) -> Evidence:
    """A file for one criterion of the sheet, marked or not yet."""
    # A file may come before any mark: the empty score it hangs on goes with it if the file is
    # refused, so nothing is left half-written.
    with transaction.atomic():
        score = Score.objects.filter(assessment=assessment, criterion=criterion).first()
        if score is None:
            (score,) = assessment_fill(
                actor=actor, assessment=assessment, marks={criterion.code: Mark()}
            )
        return evidence_attach(actor=actor, score=score, name=name, content=content)


def _submission_problems(assessment: Assessment) -> dict[str, list[str]]:
    """What keeps the sheet from being submitted: unmarked criteria, missing evidence."""
    scores = {s.criterion.code: s for s in assessment.scores.select_related("criterion")}
    with_evidence = set(
        Evidence.objects.filter(score__assessment=assessment).values_list(
            "score__criterion__code", flat=True
        )
    )
    not_applicable = set(
        RegistrationItem.objects.filter(
            registration__plan=assessment.plan,
            registration__unit=assessment.unit,
            not_applicable=True,
        ).values_list("criterion__code", flat=True)
    )
    problems: dict[str, list[str]] = {}
    for code, criterion in _criteria_of(assessment).items():
        if code in not_applicable:
            continue
        score = scores.get(code)
        marked = score is not None and (score.points is not None or score.value is not None)
        # A linked criterion is never marked on the sheet: its figure comes from the report.
        if (
            not marked
            and not is_linked(criterion)
            and (
                assessment.stage == AssessorStage.SELF
                or criterion.kind in {CriterionKind.MANUAL, CriterionKind.PASS_FAIL}
            )
        ):
            problems.setdefault(code, []).append(_("Chưa chấm tiêu chí này."))
        if (
            assessment.stage == AssessorStage.SELF
            and criterion.evidence_required
            and code not in with_evidence
        ):
            problems.setdefault(code, []).append(_("Tiêu chí này bắt buộc có minh chứng."))
    return problems


def assessment_submit(*, actor: User, assessment: Assessment) -> Assessment:
    """The leader submits the sheet: every applicable criterion marked, required evidence there."""
    if not may_submit(actor, assessment):
        raise forbidden()
    assessment_require_writable(actor, assessment)
    with transaction.atomic():
        # Checked under the lock: a fill, or another submit, may have come in between.
        _lock(assessment)
        assessment_require_writable(actor, assessment)
        problems = _submission_problems(assessment)
        if problems:
            raise ValidationFailedError(_("Phiếu chấm chưa đủ để gửi."), problems)
        before = str(assessment.status)
        transition_check(
            SUBMISSION_MOVES,
            before,
            AssessmentStatus.SUBMITTED,
            labels=dict(AssessmentStatus.choices),
        )
        assessment.status = AssessmentStatus.SUBMITTED
        assessment.submitted_by, assessment.submitted_at = actor, timezone.now()
        assessment.save()
        transition_record(obj=assessment, from_status=before, to_status=assessment.status, by=actor)
        audit_record(
            actor=actor,
            action="assessment.submit",
            obj=assessment,
            before={"status": before},
            after={"status": assessment.status},
        )
    return assessment


def assessment_return(*, actor: User, assessment: Assessment, reason: str) -> Assessment:
    """The head sends a submitted sheet back with a reason; it stays open until publication."""
    if not access.may_manage(actor, assessment.plan):
        raise forbidden()
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Phải ghi lý do trả lại."), field="reason")
    with transaction.atomic():
        _lock(assessment)
        if assessment.plan.stage == PlanStage.PUBLISHED:
            raise DomainError(_("Kết quả đã công bố; không trả lại được phiếu chấm."))
        before = str(assessment.status)
        transition_check(
            SUBMISSION_MOVES,
            before,
            AssessmentStatus.RETURNED,
            labels=dict(AssessmentStatus.choices),
        )
        assessment.status = AssessmentStatus.RETURNED
        assessment.return_reason = reason
        assessment.save()
        transition_record(
            obj=assessment, from_status=before, to_status=assessment.status, by=actor, reason=reason
        )
        audit_record(
            actor=actor,
            action="assessment.return",
            obj=assessment,
            before={"status": before},
            after={"status": assessment.status, "reason": reason},
        )
    return assessment
