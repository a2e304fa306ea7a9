"""The sheets a plan expects: those a user fills, and the head's board of every sheet with its
status. Each read takes the user and works in a fixed number of queries, whatever the number
of members or sheets.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import User
from thidua.accounts.policy import subject_of
from thidua.core.access import forbidden
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans import access
from thidua.plans.models import AssessorStage, PeerMode, Plan
from thidua.plans.selectors.plan import peer_target_ids, stage_is_open
from thidua.scoring.access import STAGE_OF, may_mark
from thidua.scoring.models import Assessment, AssessmentStatus

# The stages whose sheets members open themselves; appraisal sheets come from the round.
OPENED_STAGES = (
    AssessorStage.SELF,
    AssessorStage.PEER,
    AssessorStage.HEAD,
    AssessorStage.DEPARTMENT,
)


@dataclass
class SheetSlot:
    """A sheet the plan expects: opened (``assessment``) or not yet."""

    unit: Unit
    stage: str
    assessor: Unit
    assessment: Assessment | None = None
    can_open: bool = False

    @property
    def stage_label(self) -> str:
        return str(AssessorStage(self.stage).label)


def members(plan: Plan) -> list[Unit]:
    return [m.unit for m in plan.term.memberships.all()] if plan.term else []


def head_unit(plan: Plan) -> Unit | None:
    if plan.term is None:
        return None
    return next((m.unit for m in plan.term.memberships.all() if m.role == OfficerRole.HEAD), None)


def _expected(plan: Plan, assessors: set[int] | None) -> list[tuple[Unit, str, Unit]]:
    """Every (unit, stage, assessor) sheet of the plan, or only those of ``assessors``."""
    units = members(plan)
    head = head_unit(plan)
    department = plan.term.supervising_department if plan.term else None
    pairs: set[tuple[int, int]] = set()
    if plan.peer_mode == PeerMode.GROUPS:
        pairs = set(plan.peer_assignments.values_list("assessor_id", "assessed_id"))

    def wanted(assessor: Unit | None) -> bool:
        return assessor is not None and (assessors is None or assessor.pk in assessors)

    slots: list[tuple[Unit, str, Unit]] = []
    for stage in OPENED_STAGES:
        if stage not in plan.assessor_stages:
            continue
        if stage == AssessorStage.SELF:
            slots += [(u, stage, u) for u in units if wanted(u)]
        elif stage == AssessorStage.PEER:
            targets = peer_target_ids(plan)
            for assessor in (a for a in units if wanted(a)):
                slots += [
                    (u, stage, assessor)
                    for u in units
                    if u.pk != assessor.pk
                    and u.pk in targets
                    and (plan.peer_mode == PeerMode.ALL or (assessor.pk, u.pk) in pairs)
                ]
        elif stage == AssessorStage.HEAD and head is not None and wanted(head):
            slots += [(u, stage, head) for u in units if u.pk != head.pk]
        elif stage == AssessorStage.DEPARTMENT and department is not None and wanted(department):
            slots += [(u, stage, department) for u in units]
    return slots


def _slots(plan: Plan, expected: list[tuple[Unit, str, Unit]]) -> list[SheetSlot]:
    opened = {
        (a.unit_id, a.stage, a.assessor_id): a
        for a in Assessment.objects.filter(plan=plan).exclude(stage=AssessorStage.APPRAISAL)
    }
    open_stages = {s for s in OPENED_STAGES if stage_is_open(plan, STAGE_OF[s])}
    slots = []
    for unit, stage, assessor in expected:
        assessment = opened.get((unit.pk, stage, assessor.pk))
        if assessment is not None:
            # The units are already at hand; the sheet need not fetch them again.
            assessment.plan, assessment.unit, assessment.assessor = plan, unit, assessor
        slots.append(
            SheetSlot(
                unit=unit,
                stage=stage,
                assessor=assessor,
                assessment=assessment,
                can_open=assessment is None and stage in open_stages,
            )
        )
    return slots


def sheet_slots_for(*, user: User | AnonymousUser, plan: Plan) -> list[SheetSlot]:
    """The sheets ``user`` fills in this plan: its self-assessment, its peer sheets, the head's
    and the department's sheets when the user works for them."""
    units = members(plan)
    department = plan.term.supervising_department if plan.term else None
    # One query per level for every member at once, instead of one walk per unit.
    subject_of(user).ancestries(units + ([department] if department else []))
    mine = {u.pk for u in units if access.may_prepare_for(user, plan, u)}
    if department is not None and access.may_supervise(user, plan):
        mine.add(department.pk)
    expected = [
        (unit, stage, assessor)
        for unit, stage, assessor in _expected(plan, mine)
        if may_mark(user, plan, stage, assessor, unit)
    ]
    return _slots(plan, expected)


@dataclass
class BoardStage:
    """The sheets of one assessor stage, for the head's overview."""

    stage: str
    slots: list[SheetSlot]

    @property
    def label(self) -> str:
        return str(AssessorStage(self.stage).label)

    @property
    def submitted(self) -> int:
        return sum(
            1
            for s in self.slots
            if s.assessment and s.assessment.status == AssessmentStatus.SUBMITTED
        )


def sheet_board_for(*, user: User | AnonymousUser, plan: Plan) -> list[BoardStage]:
    """Every sheet of the plan with its status, by stage, for the head and the department."""
    if not (access.may_manage(user, plan) or access.may_supervise(user, plan)):
        raise forbidden()
    slots = _slots(plan, _expected(plan, None))
    return [
        BoardStage(stage=stage, slots=[s for s in slots if s.stage == stage])
        for stage in OPENED_STAGES
        if any(s.stage == stage for s in slots)
    ]
