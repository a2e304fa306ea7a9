"""The allowed moves of every workflow in plans and scoring, and the history row of each move."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.plans.models import PlanStage, RegistrationStatus, Transition

# Statuses are shared by registrations, assessments and the lists inside a board.
DRAFT, SUBMITTED, ACCEPTED, RETURNED = (
    RegistrationStatus.DRAFT,
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.ACCEPTED,
    RegistrationStatus.RETURNED,
)

SUBMISSION_MOVES: Mapping[str, frozenset[str]] = {
    DRAFT: frozenset({SUBMITTED}),
    RETURNED: frozenset({SUBMITTED}),
    SUBMITTED: frozenset({ACCEPTED, RETURNED}),
    ACCEPTED: frozenset({RETURNED}),
}

# A plan moves forward one stage at a time; it never goes back.
STAGE_MOVES: Mapping[str, frozenset[str]] = {
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


def transition_check(
    moves: Mapping[str, frozenset[str]], current: str, target: str, *, labels: Mapping[str, Any]
) -> None:
    if target not in moves.get(current, frozenset()):
        raise DomainError(
            _("Không thể chuyển từ “%(frm)s” sang “%(to)s”.")
            % {"frm": labels.get(current, current), "to": labels.get(target, target)}
        )


def transition_record(
    *, obj: Any, from_status: str, to_status: str, by: Any, reason: str = ""
) -> Transition:
    return Transition.objects.create(
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        from_status=from_status,
        to_status=to_status,
        by=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
    )
