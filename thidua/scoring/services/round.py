"""The explanation round and publication: disputed criteria, appraisal, the published ranking."""

from collections.abc import Sequence
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
from thidua.core.workflow import transition_record
from thidua.orgs.models import Unit
from thidua.plans import access
from thidua.plans.models import AssessorStage, Criterion, CriterionKind, Plan, PlanStage
from thidua.plans.selectors.plan import scale_in_force
from thidua.plans.services.plan import plan_advance, require_stage_open
from thidua.scoring.engine.compute import compute
from thidua.scoring.engine.payload import result_payload
from thidua.scoring.engine.types import Stage
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
from thidua.scoring.selectors.inputs import plan_inputs


def _flagged(plan: Plan) -> list[tuple[int, Criterion, Decimal, Decimal]]:
    """Unit, criterion, self and peer points of every gap above the plan's threshold."""
    inputs = plan_inputs(plan)
    result = compute(inputs)
    scale = scale_in_force(plan)
    criteria = {c.code: c for c in scale.criteria.all()}
    flagged = []
    for row in result.ranking:
        for (code, stage), self_points in row.stage_points.items():
            if stage != Stage.SELF:
                continue
            peer_points = row.stage_points.get((code, Stage.PEER))
            if peer_points is None or abs(self_points - peer_points) <= plan.dispute_threshold:
                continue
            flagged.append((int(row.unit), criteria[code], self_points, peer_points))
    return flagged


def explanation_open(*, actor: User, plan: Plan) -> list[Dispute]:
    """Close peer assessment and flag every criterion whose self and peer points differ by
    more than the plan's threshold; the members then explain them."""
    if not access.may_manage(actor, plan):
        raise forbidden()
    if plan.stage != PlanStage.PEER_ASSESSMENT:
        raise DomainError(_("Vòng giải trình mở sau vòng chấm chéo."))
    with transaction.atomic():
        # The gaps are read under the plan's lock: no sheet changes and no second opening
        # comes in between reading them and closing the stage.
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.stage != PlanStage.PEER_ASSESSMENT:
            raise DomainError(_("Vòng giải trình mở sau vòng chấm chéo."))
        flagged = _flagged(plan)
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
    *, actor: User, dispute: Dispute, answer: str, files: Sequence[tuple[str, bytes]] = ()
) -> Dispute:
    """The member explains a flagged criterion, with files if it has them."""
    if not access.may_prepare_for(actor, dispute.plan, dispute.unit):
        raise forbidden()
    require_stage_open(dispute.plan, PlanStage.EXPLANATION)
    answer = answer.strip()
    if not answer:
        raise DomainError(_("Phải ghi nội dung giải trình."), field="answer")
    if dispute.status == DisputeStatus.APPRAISED:
        raise DomainError(_("Tiêu chí này đã được thẩm định."))
    with transaction.atomic():
        _lock(dispute)
        require_stage_open(dispute.plan, PlanStage.EXPLANATION)
        if dispute.status == DisputeStatus.APPRAISED:
            raise DomainError(_("Tiêu chí này đã được thẩm định."))
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


def _lock(dispute: Dispute) -> None:
    """Hold the plan's stage (shared) and the dispute, then read both again: an answer and an
    appraisal of one criterion, or either and the publication, do not cross."""
    share_lock(Plan, dispute.plan_id)
    dispute.refresh_from_db(
        from_queryset=Dispute.objects.select_for_update(of=("self",)).select_related(
            "plan", "unit", "criterion"
        )
    )


def _appraiser_unit(actor: User, plan: Plan) -> Unit | None:
    if access.may_supervise(actor, plan) and plan.term and plan.term.supervising_department:
        return plan.term.supervising_department
    if access.may_manage(actor, plan):
        return actor.unit
    raise forbidden()


def dispute_appraise(*, actor: User, dispute: Dispute, amount: Decimal, reason: str) -> Dispute:
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
        _lock(dispute)
        require_stage_open(dispute.plan, PlanStage.EXPLANATION)
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


def plan_publish(*, actor: User, plan: Plan) -> Publication:
    """The head publishes: the ranking is computed once and kept as it was."""
    if not access.may_manage(actor, plan):
        raise forbidden()
    with transaction.atomic():
        # Everything is read under the plan's lock: a second click is refused, and no mark or
        # appraisal lands between computing the ranking and publishing it.
        plan.refresh_from_db(from_queryset=Plan.objects.select_for_update())
        if plan.stage != PlanStage.EXPLANATION:
            raise DomainError(_("Chỉ công bố kết quả sau vòng giải trình."))
        pending = plan.disputes.exclude(status=DisputeStatus.APPRAISED).count()
        if pending:
            raise DomainError(
                _("Còn %(n)s tiêu chí chưa thẩm định; chưa thể công bố.") % {"n": pending}
            )
        scale = scale_in_force(plan)
        result = compute(plan_inputs(plan, scale=scale))
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
