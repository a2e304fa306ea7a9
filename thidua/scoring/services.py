"""Writes to assessments: open a sheet, mark criteria, attach evidence, submit, return."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.core.files import stored_file_create
from thidua.core.workflow import transition_check, transition_record
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans import access
from thidua.plans.models import (
    AssessorStage,
    Criterion,
    CriterionKind,
    PeerMode,
    Plan,
    PlanStage,
    RegistrationItem,
)
from thidua.plans.selectors.plan import current_scale, stage_is_open
from thidua.plans.workflow import SUBMISSION_MOVES
from thidua.scoring.marks import is_linked, mark_problems
from thidua.scoring.models import Assessment, AssessmentStatus, Evidence, Score

# The plan stage in which each assessor stage takes its marks.
STAGE_OF: Mapping[str, PlanStage] = {
    AssessorStage.SELF: PlanStage.SELF_ASSESSMENT,
    AssessorStage.PEER: PlanStage.PEER_ASSESSMENT,
    AssessorStage.HEAD: PlanStage.PEER_ASSESSMENT,
    AssessorStage.DEPARTMENT: PlanStage.PEER_ASSESSMENT,
    AssessorStage.APPRAISAL: PlanStage.EXPLANATION,
}


@dataclass(frozen=True)
class Mark:
    """What an assessor enters for one criterion."""

    points: Decimal | None = None
    value: Decimal | None = None
    explanation: str = ""


def _forbid() -> PermissionDeniedError:
    return PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))


def may_mark(user: Any, plan: Plan, stage: str, assessor: Unit, unit: Unit) -> bool:
    """Whether ``user`` may fill the sheet of ``assessor`` on ``unit`` in ``stage``."""
    members = access.member_ids(plan)
    if unit.pk not in members or stage not in plan.assessor_stages:
        return False
    if stage == AssessorStage.SELF:
        return assessor.pk == unit.pk and access.may_prepare_for(user, plan, unit)
    if assessor.pk == unit.pk:
        return False  # nobody scores itself outside the self stage
    if stage == AssessorStage.PEER:
        if (
            plan.peer_mode == PeerMode.GROUPS
            and not plan.peer_assignments.filter(assessor=assessor, assessed=unit).exists()
        ):
            return False
        return access.may_prepare_for(user, plan, assessor)
    if stage == AssessorStage.HEAD:
        head = (
            next(
                (m.unit_id for m in plan.term.memberships.all() if m.role == OfficerRole.HEAD), None
            )
            if plan.term
            else None
        )
        return assessor.pk == head and access.may_prepare_for(user, plan, assessor)
    if stage == AssessorStage.DEPARTMENT:
        department = plan.term.supervising_department_id if plan.term else None
        return assessor.pk == department and access.may_supervise(user, plan)
    return False


def assessment_open(
    *, actor: Any, plan: Plan, unit: Unit, stage: str, assessor: Unit
) -> Assessment:
    """The sheet of ``assessor`` on ``unit``, created on first use against the current scale."""
    if stage == AssessorStage.APPRAISAL or not may_mark(actor, plan, stage, assessor, unit):
        raise _forbid()
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


def assessment_require_writable(actor: Any, assessment: Assessment) -> None:
    plan = assessment.plan
    if not may_mark(actor, plan, assessment.stage, assessment.assessor, assessment.unit):
        raise _forbid()
    if assessment.status == AssessmentStatus.SUBMITTED:
        raise DomainError(_("Phiếu chấm đã gửi, không sửa được nữa."))
    if plan.stage == PlanStage.PUBLISHED:
        raise DomainError(_("Kết quả đã công bố; không sửa được phiếu chấm."))
    # A returned sheet stays open until publication; a draft only while its stage is open.
    if assessment.status == AssessmentStatus.DRAFT and not stage_is_open(
        plan, STAGE_OF[assessment.stage]
    ):
        raise DomainError(_("Vòng chấm này đã đóng; không sửa được phiếu chấm."))


def _criteria_of(assessment: Assessment) -> dict[str, Criterion]:
    return {c.code: c for c in assessment.scale.criteria.all() if c.kind != CriterionKind.GROUP}


def assessment_fill(
    *, actor: Any, assessment: Assessment, marks: Mapping[str, Mark]
) -> list[Score]:
    """Save marks keyed by criterion code: all are checked first, then all are written."""
    assessment_require_writable(actor, assessment)
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
    now = timezone.now()
    with transaction.atomic():
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


def evidence_attach(*, actor: Any, score: Score, name: str, content: bytes) -> Evidence:
    assessment_require_writable(actor, score.assessment)
    with transaction.atomic():
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


def may_submit(actor: Any, assessment: Assessment) -> bool:
    plan = assessment.plan
    if assessment.stage == AssessorStage.SELF:
        return access.may_submit_for(actor, plan, assessment.unit)
    if assessment.stage == AssessorStage.DEPARTMENT:
        return access.may_supervise(actor, plan)
    return access.may_submit_for(actor, plan, assessment.assessor)


def assessment_submit(*, actor: Any, assessment: Assessment) -> Assessment:
    """The leader submits the sheet: every applicable criterion marked, required evidence there."""
    if not may_submit(actor, assessment):
        raise _forbid()
    assessment_require_writable(actor, assessment)
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
    if problems:
        raise ValidationFailedError(_("Phiếu chấm chưa đủ để gửi."), problems)
    with transaction.atomic():
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


def assessment_return(*, actor: Any, assessment: Assessment, reason: str) -> Assessment:
    """The head sends a submitted sheet back with a reason; it stays open until publication."""
    if not access.may_manage(actor, assessment.plan):
        raise _forbid()
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Phải ghi lý do trả lại."), field="reason")
    if assessment.plan.stage == PlanStage.PUBLISHED:
        raise DomainError(_("Kết quả đã công bố; không trả lại được phiếu chấm."))
    with transaction.atomic():
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
