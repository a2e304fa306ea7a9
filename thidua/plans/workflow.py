"""The allowed moves of the workflows of plans (and of scoring's sheets, which share the
submission statuses): a plan's stages and a submission's statuses. The machinery that checks a
move and records it is ``thidua.core.workflow``."""

from thidua.core.workflow import Moves
from thidua.plans.models import PlanStage, RegistrationStatus

# Statuses are shared by registrations, assessments and the lists inside a board.
DRAFT, SUBMITTED, ACCEPTED, RETURNED = (
    RegistrationStatus.DRAFT,
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.ACCEPTED,
    RegistrationStatus.RETURNED,
)

SUBMISSION_MOVES: Moves = {
    DRAFT: frozenset({SUBMITTED}),
    RETURNED: frozenset({SUBMITTED}),
    SUBMITTED: frozenset({ACCEPTED, RETURNED}),
    ACCEPTED: frozenset({RETURNED}),
}

# A plan moves forward one stage at a time; it never goes back.
STAGE_MOVES: Moves = {
    PlanStage.DRAFT: frozenset({PlanStage.REGISTRATION}),
    PlanStage.REGISTRATION: frozenset({PlanStage.MID_YEAR}),
    PlanStage.MID_YEAR: frozenset({PlanStage.SELF_ASSESSMENT}),
    PlanStage.SELF_ASSESSMENT: frozenset({PlanStage.PEER_ASSESSMENT}),
    PlanStage.PEER_ASSESSMENT: frozenset({PlanStage.EXPLANATION}),
    PlanStage.EXPLANATION: frozenset({PlanStage.PUBLISHED}),
    PlanStage.PUBLISHED: frozenset(),
}


def next_stage(stage: str) -> PlanStage | None:
    following = STAGE_MOVES[stage]
    return PlanStage(next(iter(following))) if following else None
