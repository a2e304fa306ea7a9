"""Who has not done what the current stage asks, before the head moves the plan on.

The plan knows its own stages' work (registration, the covenant); the sheets of the scoring
stages belong to the floor above, which adds its checks here when it starts (``laggards_for``
in its AppConfig.ready), as a lower floor must not read the one above it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage, RegistrationStatus
from thidua.plans.selectors.plan import members_of


@dataclass(frozen=True)
class Laggard:
    unit: Unit
    missing: str


LaggardCheck = Callable[[Plan], list[Laggard]]
_CHECKS: dict[str, list[LaggardCheck]] = {}


def laggards_for(stage: str) -> Callable[[LaggardCheck], LaggardCheck]:
    """Register a check of who has not finished ``stage``'s work."""

    def register(check: LaggardCheck) -> LaggardCheck:
        if check not in _CHECKS.setdefault(stage, []):
            _CHECKS[stage].append(check)
        return check

    return register


def laggards_of(plan: Plan) -> list[Laggard]:
    """The members that have not done what the plan's current stage asks of them."""
    found = [laggard for check in _CHECKS.get(plan.stage, []) for laggard in check(plan)]
    return sorted(found, key=lambda laggard: (laggard.unit.sort_key, laggard.missing))


@laggards_for(PlanStage.REGISTRATION)
def _not_registered(plan: Plan) -> list[Laggard]:
    sent = set(
        plan.registrations.filter(
            status__in=[RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED]
        ).values_list("unit_id", flat=True)
    )
    return [
        Laggard(m.unit, _("chưa gửi đăng ký thi đua"))
        for m in members_of(plan)
        if m.unit_id not in sent
    ]


@laggards_for(PlanStage.MID_YEAR)
def _not_signed(plan: Plan) -> list[Laggard]:
    covenant = getattr(plan, "covenant", None)
    if covenant is None:
        return []
    signed = set(covenant.signatures.values_list("unit_id", flat=True))
    return [
        Laggard(m.unit, _("chưa ký giao ước thi đua"))
        for m in members_of(plan)
        if m.unit_id not in signed
    ]
