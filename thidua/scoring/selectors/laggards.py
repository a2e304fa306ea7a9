"""The scoring stages' part of "who has not finished": sheets not sent before the head moves the
plan on (see thidua.plans.selectors.laggards; registered when the app starts)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.plans.models import AssessorStage, PeerMode, Plan, PlanStage
from thidua.plans.selectors.laggards import Laggard, laggards_for
from thidua.plans.selectors.plan import members_of, peer_target_ids
from thidua.scoring.models import Assessment, AssessmentStatus


def _sent(plan: Plan, stage: str) -> list[tuple[int, int]]:
    """(assessor, assessed) of the sheets of ``stage`` that were sent."""
    return list(
        Assessment.objects.filter(
            plan=plan, stage=stage, status=AssessmentStatus.SUBMITTED
        ).values_list("assessor_id", "unit_id")
    )


@laggards_for(PlanStage.SELF_ASSESSMENT)
def self_sheets_not_sent(plan: Plan) -> list[Laggard]:
    if AssessorStage.SELF not in plan.assessor_stages:
        return []
    sent = {assessed for _assessor, assessed in _sent(plan, AssessorStage.SELF)}
    return [
        Laggard(m.unit, _("chưa gửi phiếu tự chấm"))
        for m in members_of(plan)
        if m.unit_id not in sent
    ]


@laggards_for(PlanStage.PEER_ASSESSMENT)
def peer_sheets_not_sent(plan: Plan) -> list[Laggard]:
    if AssessorStage.PEER not in plan.assessor_stages:
        return []
    members = members_of(plan)
    ids = {m.unit_id for m in members}
    if plan.peer_mode == PeerMode.GROUPS:
        expected = set(plan.peer_assignments.values_list("assessor_id", "assessed_id"))
    else:
        expected = {(a, b) for a in ids for b in ids if a != b}
    targets = peer_target_ids(plan)
    expected = {(a, b) for a, b in expected if b in targets}
    missing = expected - set(_sent(plan, AssessorStage.PEER))
    laggards = []
    for membership in members:
        count = sum(1 for assessor, _assessed in missing if assessor == membership.unit_id)
        if count:
            laggards.append(
                Laggard(
                    membership.unit,
                    ngettext(
                        "còn %(n)s phiếu chấm chéo chưa gửi",
                        "còn %(n)s phiếu chấm chéo chưa gửi",
                        count,
                    )
                    % {"n": count},
                )
            )
    return laggards
