"""The models of plans, one module per topic. Django registers an app's models from
``<app>.models``, so every model is imported here; the rest of the code imports them from here
too, as from any app's ``models``."""

from thidua.plans.models.plan import (
    STAGE_ORDER,
    AssessorStage,
    Combine,
    KeyTaskGroup,
    PeerAssignment,
    PeerMethod,
    PeerMode,
    PeerTargetInclusion,
    Plan,
    PlanStage,
    StageDeadline,
    TieRule,
)
from thidua.plans.models.registration import (
    COLLECTIVE_TITLES,
    INDIVIDUAL_TITLES,
    AimedTitle,
    Covenant,
    CovenantSignature,
    Registration,
    RegistrationItem,
    RegistrationStatus,
    UnitEmulationEntry,
    UnitEmulationList,
)
from thidua.plans.models.scale import LINKABLE_KINDS, Criterion, CriterionKind, Scale, Section

__all__ = [
    "COLLECTIVE_TITLES",
    "INDIVIDUAL_TITLES",
    "LINKABLE_KINDS",
    "STAGE_ORDER",
    "AimedTitle",
    "AssessorStage",
    "Combine",
    "Covenant",
    "CovenantSignature",
    "Criterion",
    "CriterionKind",
    "KeyTaskGroup",
    "PeerAssignment",
    "PeerMethod",
    "PeerMode",
    "PeerTargetInclusion",
    "Plan",
    "PlanStage",
    "Registration",
    "RegistrationItem",
    "RegistrationStatus",
    "Scale",
    "Section",
    "StageDeadline",
    "TieRule",
    "UnitEmulationEntry",
    "UnitEmulationList",
]
