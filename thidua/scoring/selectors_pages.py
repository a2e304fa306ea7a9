"""Reads behind the scoring pages: which sheets a user fills, the head's overview of every
sheet, the explanation round's rows, and the analytics. The sheet itself is in
``selectors_sheet``.

Each read takes the user and works in a fixed number of queries, whatever the number of
members or sheets.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.policy import subject_of
from thidua.core.errors import NotFoundError, PermissionDeniedError
from thidua.core.models import StoredFile
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans import access
from thidua.plans.models import (
    AssessorStage,
    PeerMode,
    Plan,
    PlanStage,
)
from thidua.plans.selectors.plan import current_scale, stage_is_open
from thidua.scoring import analytics
from thidua.scoring.inputs import plan_inputs
from thidua.scoring.models import (
    Assessment,
    AssessmentStatus,
    Dispute,
    DisputeStatus,
    Evidence,
)
from thidua.scoring.selectors import disputes_for, may_view_analytics
from thidua.scoring.services import STAGE_OF, may_mark

# The stages whose sheets members open themselves; appraisal sheets come from the round.
OPENED_STAGES = (
    AssessorStage.SELF,
    AssessorStage.PEER,
    AssessorStage.HEAD,
    AssessorStage.DEPARTMENT,
)


def _refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))


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


def plan_require_internal(user: Any, plan: Plan) -> None:
    """The scoring pages of a plan are for its cluster, the secretariat and the department."""
    if not (access.may_view_internal(user, plan) or access.may_supervise(user, plan)):
        raise _refuse()


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
            for assessor in (a for a in units if wanted(a)):
                slots += [
                    (u, stage, assessor)
                    for u in units
                    if u.pk != assessor.pk
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


def sheet_slots_for(*, user: Any, plan: Plan) -> list[SheetSlot]:
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


def sheet_board_for(*, user: Any, plan: Plan) -> list[BoardStage]:
    """Every sheet of the plan with its status, by stage, for the head and the department."""
    if not (access.may_manage(user, plan) or access.may_supervise(user, plan)):
        raise _refuse()
    slots = _slots(plan, _expected(plan, None))
    return [
        BoardStage(stage=stage, slots=[s for s in slots if s.stage == stage])
        for stage in OPENED_STAGES
        if any(s.stage == stage for s in slots)
    ]


def dispute_file_get_for(*, user: Any, plan: Plan, dispute_pk: int, file_pk: int) -> StoredFile:
    """A file attached to an explanation, for those who see the dispute."""
    dispute = next((d for d in disputes_for(user=user, plan=plan) if d.pk == dispute_pk), None)
    stored = dispute.files.filter(pk=file_pk).first() if dispute is not None else None
    if stored is None:
        raise NotFoundError(_("Không tìm thấy tệp minh chứng."))
    return stored


@dataclass
class DisputeRow:
    dispute: Dispute
    files: list[StoredFile]
    can_answer: bool
    can_appraise: bool


def disputes_page_for(*, user: Any, plan: Plan) -> list[DisputeRow]:
    """The flagged criteria the user sees, with their files and what the user may do on each,
    in a fixed number of queries."""
    subject_of(user).ancestries(members(plan))
    disputes = disputes_for(user=user, plan=plan)
    files: dict[int, list[StoredFile]] = {}
    links = Dispute.files.through.objects.filter(dispute_id__in=[d.pk for d in disputes])
    for link in links.select_related("storedfile").order_by("id"):
        files.setdefault(link.dispute_id, []).append(link.storedfile)
    is_open = stage_is_open(plan, PlanStage.EXPLANATION)
    appraiser = access.may_manage(user, plan) or access.may_supervise(user, plan)
    return [
        DisputeRow(
            dispute=d,
            files=files.get(d.pk, []),
            can_answer=is_open
            and d.status != DisputeStatus.APPRAISED
            and access.may_prepare_for(user, plan, d.unit),
            can_appraise=is_open and appraiser,
        )
        for d in disputes
    ]


def evidence_ids_for(*, plan: Plan, unit: Unit) -> dict[int, int]:
    """The evidence row of each stored file behind a unit's points, for the download links
    of the trace (whose reader ``trace_for`` has already checked)."""
    return dict(
        Evidence.objects.filter(
            score__assessment__plan=plan, score__assessment__unit=unit
        ).values_list("file_id", "pk")
    )


@dataclass
class UnitGap:
    unit: Unit
    self_total: Decimal
    peer_total: Decimal
    gap: Decimal


@dataclass
class CriterionGap:
    unit: Unit
    code: str
    title: str
    self_points: Decimal
    peer_points: Decimal
    gap: Decimal


@dataclass
class AssessorLeniency:
    assessor: Unit
    mean_difference: Decimal
    comparisons: int


@dataclass
class PairAgreement:
    first: Unit
    second: Unit
    mean_abs_difference: Decimal
    identical_percent: Decimal
    count: int


@dataclass
class AnalyticsView:
    unit_gaps: list[UnitGap]
    criterion_gaps: list[CriterionGap]
    leniency: list[AssessorLeniency]
    agreement: list[PairAgreement]


def analytics_for(*, user: Any, plan: Plan) -> AnalyticsView:
    """Self against peer gaps, each peer assessor's leniency and the agreement of assessors,
    from the submitted sheets; for the head, the secretariat and the supervising department."""
    if not may_view_analytics(user, plan):
        raise PermissionDeniedError(
            _("Phân tích chỉ dành cho cụm trưởng, Thường trực và Vụ theo dõi.")
        )
    scale = current_scale(list(plan.scales.all()))
    if scale is None:
        return AnalyticsView([], [], [], [])
    inputs = plan_inputs(plan, scale=scale)
    titles = dict(scale.criteria.values_list("code", "title"))
    units = {str(u.pk): u for u in members(plan)}
    department = plan.term.supervising_department if plan.term else None
    if department is not None:
        units[str(department.pk)] = department
    unit_gaps = [
        UnitGap(units[g.unit], g.self_total, g.peer_total, g.inflation)
        for g in analytics.unit_self_inflation(inputs)
        if g.unit in units
    ]
    criterion_gaps = [
        CriterionGap(
            units[g.unit],
            g.criterion,
            titles.get(g.criterion, ""),
            g.self_points,
            g.peer_points,
            g.gap,
        )
        for g in analytics.self_peer_gaps(inputs)
        if g.unit in units and g.gap
    ]
    leniency = [
        AssessorLeniency(units[a.assessor], a.mean_difference, a.comparisons)
        for a in analytics.assessor_leniency(inputs)
        if a.assessor in units
    ]
    agreement = [
        PairAgreement(
            units[a.first],
            units[a.second],
            a.mean_abs_difference,
            a.identical_share * 100,
            a.count,
        )
        for a in analytics.assessor_agreement(inputs)
        if a.first in units and a.second in units
    ]
    return AnalyticsView(
        unit_gaps=sorted(unit_gaps, key=lambda g: -g.gap),
        criterion_gaps=sorted(criterion_gaps, key=lambda g: -abs(g.gap)),
        leniency=sorted(leniency, key=lambda a: -a.mean_difference),
        agreement=sorted(agreement, key=lambda a: a.mean_abs_difference),
    )
