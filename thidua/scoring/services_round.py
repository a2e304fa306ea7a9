"""The explanation round and publication: disputed criteria, appraisal, the published ranking."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.core.files import stored_file_create
from thidua.core.workflow import transition_record
from thidua.plans import access
from thidua.plans.models import AssessorStage, CriterionKind, Plan, PlanStage
from thidua.plans.selectors.plan import scale_in_force
from thidua.plans.services.plan import plan_advance, require_stage_open
from thidua.scoring import engine
from thidua.scoring.inputs import plan_inputs
from thidua.scoring.marks import mark_problems
from thidua.scoring.models import (
    Assessment,
    AssessmentStatus,
    Dispute,
    DisputeStatus,
    Publication,
    RankingRow,
    Score,
)
from thidua.scoring.results import result_payload


def _forbid() -> PermissionDeniedError:
    return PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))


def explanation_open(*, actor: Any, plan: Plan) -> list[Dispute]:
    """Close peer assessment and flag every criterion whose self and peer points differ by
    more than the plan's threshold; the members then explain them."""
    if not access.may_manage(actor, plan):
        raise _forbid()
    if plan.stage != PlanStage.PEER_ASSESSMENT:
        raise DomainError(_("Vòng giải trình mở sau vòng chấm chéo."))
    inputs = plan_inputs(plan)
    result = engine.compute(inputs)
    scale = scale_in_force(plan)
    criteria = {c.code: c for c in scale.criteria.all()}
    flagged = []
    for row in result.ranking:
        for (code, stage), self_points in row.stage_points.items():
            if stage != engine.Stage.SELF:
                continue
            peer_points = row.stage_points.get((code, engine.Stage.PEER))
            if peer_points is None or abs(self_points - peer_points) <= plan.dispute_threshold:
                continue
            flagged.append((int(row.unit), criteria[code], self_points, peer_points))
    with transaction.atomic():
        plan = plan_advance(actor=actor, plan=plan, reason=_("Mở vòng giải trình."))
        disputes = Dispute.objects.bulk_create(
            Dispute(plan=plan, unit_id=unit_id, criterion=c, self_points=s, peer_points=p)
            for unit_id, c, s, p in flagged
        )
        audit_record(
            actor=actor,
            action="explanation.open",
            obj=plan,
            after={"disputes": [[u, c.code, s, p] for u, c, s, p in flagged]},
        )
    return disputes


def dispute_answer(
    *, actor: Any, dispute: Dispute, answer: str, files: Sequence[tuple[str, bytes]] = ()
) -> Dispute:
    """The member explains a flagged criterion, with files if it has them."""
    if not access.may_prepare_for(actor, dispute.plan, dispute.unit):
        raise _forbid()
    require_stage_open(dispute.plan, PlanStage.EXPLANATION)
    answer = answer.strip()
    if not answer:
        raise DomainError(_("Phải ghi nội dung giải trình."), field="answer")
    if dispute.status == DisputeStatus.APPRAISED:
        raise DomainError(_("Tiêu chí này đã được thẩm định."))
    with transaction.atomic():
        stored = [stored_file_create(name=name, content=content) for name, content in files]
        before = str(dispute.status)
        dispute.answer = answer
        dispute.answered_by, dispute.answered_at = actor, timezone.now()
        dispute.status = DisputeStatus.ANSWERED
        dispute.save()
        dispute.files.add(*stored)
        transition_record(obj=dispute, from_status=before, to_status=dispute.status, by=actor)
        audit_record(
            actor=actor,
            action="dispute.answer",
            obj=dispute,
            after={"answer": answer, "files": [f.sha256 for f in stored]},
        )
    return dispute


def _appraiser_unit(actor: Any, plan: Plan) -> Any:
    if access.may_supervise(actor, plan) and plan.term and plan.term.supervising_department:
        return plan.term.supervising_department
    if access.may_manage(actor, plan):
        return actor.unit
    raise _forbid()


def dispute_appraise(*, actor: Any, dispute: Dispute, amount: Decimal, reason: str) -> Dispute:
    """The head or the supervising department sets the appraised mark, with a reason.

    ``amount`` is points for criteria scored by hand, the measured value for the others. The
    appraisal is kept as an assessment of its own, so the engine and the trace see it like any
    other stage.
    """
    plan = dispute.plan
    assessor = _appraiser_unit(actor, plan)
    if assessor is None or assessor.pk == dispute.unit_id:
        raise DomainError(_("Đơn vị không tự thẩm định điểm của mình."))
    require_stage_open(plan, PlanStage.EXPLANATION)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Phải ghi lý do thẩm định."), field="reason")
    criterion = dispute.criterion
    by_points = criterion.kind in {CriterionKind.MANUAL, CriterionKind.PASS_FAIL}
    points, value = (amount, None) if by_points else (None, amount)
    problems = mark_problems(criterion, points=points, value=value)
    if problems:
        raise ValidationFailedError(problems[0], {criterion.code: problems})
    with transaction.atomic():
        assessment, _created = Assessment.objects.get_or_create(
            plan=plan,
            unit=dispute.unit,
            stage=AssessorStage.APPRAISAL,
            assessor=assessor,
            defaults={"scale": criterion.scale, "status": AssessmentStatus.SUBMITTED},
        )
        Score.objects.update_or_create(
            assessment=assessment,
            criterion=criterion,
            defaults={"points": points, "value": value, "explanation": reason, "updated_by": actor},
        )
        before = str(dispute.status)
        dispute.appraised_points, dispute.appraisal_reason = amount, reason
        dispute.appraised_by, dispute.appraised_at = actor, timezone.now()
        dispute.status = DisputeStatus.APPRAISED
        dispute.save()
        transition_record(
            obj=dispute, from_status=before, to_status=dispute.status, by=actor, reason=reason
        )
        audit_record(
            actor=actor,
            action="dispute.appraise",
            obj=dispute,
            after={"amount": amount, "reason": reason, "assessor_id": assessor.pk},
        )
    return dispute


def plan_publish(*, actor: Any, plan: Plan) -> Publication:
    """The head publishes: the ranking is computed once and kept as it was."""
    if not access.may_manage(actor, plan):
        raise _forbid()
    if plan.stage != PlanStage.EXPLANATION:
        raise DomainError(_("Chỉ công bố kết quả sau vòng giải trình."))
    pending = plan.disputes.exclude(status=DisputeStatus.APPRAISED).count()
    if pending:
        raise DomainError(
            _("Còn %(n)s tiêu chí chưa thẩm định; chưa thể công bố.") % {"n": pending}
        )
    scale = scale_in_force(plan)
    result = engine.compute(plan_inputs(plan, scale=scale))
    with transaction.atomic():
        publication = Publication.objects.create(
            plan=plan,
            scale=scale,
            published_by=actor,
            published_at=timezone.now(),
            payload=result_payload(result, scale_version=scale.version),
        )
        RankingRow.objects.bulk_create(
            RankingRow(
                publication=publication,
                unit_id=int(row.unit),
                rank=row.rank,
                total=row.total,
                base=row.base,
                bonus=row.bonus,
                penalty=row.penalty,
                tied_with=[int(u) for u in row.tied_with],
                tie_note=row.tie_note,
            )
            for row in result.ranking
        )
        before = str(plan.stage)
        plan.stage = PlanStage.PUBLISHED
        plan.save(update_fields=["stage"])
        transition_record(obj=plan, from_status=before, to_status=plan.stage, by=actor)
        audit_record(
            actor=actor,
            action="plan.publish",
            obj=plan,
            after={"ranking": [[r.unit, r.rank, r.total] for r in result.ranking]},
        )
    return publication
