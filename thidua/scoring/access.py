"""Who may do what with a plan's score sheets, built on the plan's access rules.

Reads only: the selectors ask them to hide what a user may not see, the services ask them
before every write, and the pages ask them to offer only what the services would accept.
"""

from collections.abc import Mapping

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.access import forbidden
from thidua.core.errors import DomainError
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans import access
from thidua.plans.models import AssessorStage, PeerMode, Plan, PlanStage
from thidua.plans.selectors.plan import peer_target_ids, stage_is_open
from thidua.scoring.models import Assessment, AssessmentStatus

# The plan stage in which each assessor stage takes its marks.
STAGE_OF: Mapping[str, PlanStage] = {
    AssessorStage.SELF: PlanStage.SELF_ASSESSMENT,
    AssessorStage.PEER: PlanStage.PEER_ASSESSMENT,
    AssessorStage.HEAD: PlanStage.PEER_ASSESSMENT,
    AssessorStage.DEPARTMENT: PlanStage.PEER_ASSESSMENT,
    AssessorStage.APPRAISAL: PlanStage.EXPLANATION,
}


def may_mark(
    user: User | AnonymousUser, plan: Plan, stage: str, assessor: Unit, unit: Unit
) -> bool:
    """Whether ``user`` may fill the sheet of ``assessor`` on ``unit`` in ``stage``."""
    members = access.member_ids(plan)
    if unit.pk not in members or stage not in plan.assessor_stages:
        return False
    if stage == AssessorStage.SELF:
        return assessor.pk == unit.pk and access.may_prepare_for(user, plan, unit)
    if assessor.pk == unit.pk:
        return False  # nobody scores itself outside the self stage
    if stage == AssessorStage.PEER:
        if unit.pk not in peer_target_ids(plan):
            return False  # never registered, and the head did not include it
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


def may_submit(actor: User | AnonymousUser, assessment: Assessment) -> bool:
    plan = assessment.plan
    if assessment.stage == AssessorStage.SELF:
        return access.may_submit_for(actor, plan, assessment.unit)
    if assessment.stage == AssessorStage.DEPARTMENT:
        return access.may_supervise(actor, plan)
    return access.may_submit_for(actor, plan, assessment.assessor)


def assessment_require_writable(actor: User | AnonymousUser, assessment: Assessment) -> None:
    """Refuse a write to the sheet: a user who may not mark it, a submitted sheet, a published
    plan, a draft whose stage is closed. The pages ask it too, to offer inputs or not."""
    plan = assessment.plan
    if not may_mark(actor, plan, assessment.stage, assessment.assessor, assessment.unit):
        raise forbidden()
    if assessment.status == AssessmentStatus.SUBMITTED:
        raise DomainError(_("Phiếu chấm đã gửi, không sửa được nữa."))
    if plan.stage == PlanStage.PUBLISHED:
        raise DomainError(_("Kết quả đã công bố; không sửa được phiếu chấm."))
    # A returned sheet stays open until publication; a draft only while its stage is open.
    if assessment.status == AssessmentStatus.DRAFT and not stage_is_open(
        plan, STAGE_OF[assessment.stage]
    ):
        raise DomainError(_("Vòng chấm này đã đóng; không sửa được phiếu chấm."))


def may_read_sheet(user: User | AnonymousUser, assessment: Assessment) -> bool:
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


def may_view_analytics(user: User | AnonymousUser, plan: Plan) -> bool:
    """The head and the secretariat (and the supervising department) read the analytics."""
    return access.may_manage(user, plan) or access.may_supervise(user, plan)


def plan_require_internal(user: User | AnonymousUser, plan: Plan) -> None:
    """The scoring pages of a plan are for its cluster, the secretariat and the department."""
    if not (access.may_view_internal(user, plan) or access.may_supervise(user, plan)):
        raise forbidden()
