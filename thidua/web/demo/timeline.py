"""The demo's history in its own time.

The demo plays a past year through the services, which stamp every step with the moment it runs:
the day the demo is loaded. An official reading the 2017 plan would then see its scale issued and
its results published in 2026. Once the year has been played, this moves the plan's own dates
into the year, each step a few days before the deadline of its stage. The audit events keep the
moment they were really written: the chain records when the demo was loaded, and stays intact.
"""

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from thidua.core.models import Transition
from thidua.plans.models import (
    AssessorStage,
    Covenant,
    CovenantSignature,
    Plan,
    PlanStage,
    Registration,
    Scale,
)
from thidua.scoring.models import Assessment, Dispute, Publication

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.timedelta(days=1)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL)


def plan_in_its_own_time(plan: Plan, deadlines: Mapping[str, dt.date]) -> None:
    """Date the plan's steps inside its year, from the deadlines of its stages."""
    year = plan.year
    registration, mid_year = deadlines["registration"], deadlines["mid_year"]
    own, peers, explanation = (
        deadlines["self_assessment"],
        deadlines["peer_assessment"],
        deadlines["explanation"],
    )
    created, issued, published = dt.date(year, 1, 16), dt.date(year, 2, 20), explanation + 2 * DAY
    Plan.objects.filter(pk=plan.pk).update(created_at=_at(created))
    Scale.objects.filter(plan=plan).update(created_at=_at(created))
    Scale.objects.filter(plan=plan, frozen_at__isnull=False).update(frozen_at=_at(issued))
    Registration.objects.filter(plan=plan, submitted_at__isnull=False).update(
        submitted_at=_at(registration - 10 * DAY)
    )
    Registration.objects.filter(plan=plan, decided_at__isnull=False).update(
        decided_at=_at(registration - 5 * DAY)
    )
    Covenant.objects.filter(plan=plan).update(opened_at=_at(registration + DAY))
    CovenantSignature.objects.filter(covenant__plan=plan).update(
        signed_at=_at(registration + 3 * DAY)
    )
    for assessor_stage, due in [(AssessorStage.SELF, own), (AssessorStage.PEER, peers)]:
        Assessment.objects.filter(
            plan=plan, stage=assessor_stage, submitted_at__isnull=False
        ).update(submitted_at=_at(due - 3 * DAY))
    Assessment.objects.filter(plan=plan, submitted_at__isnull=False).exclude(
        stage__in=[AssessorStage.SELF, AssessorStage.PEER]
    ).update(submitted_at=_at(peers - DAY))
    Dispute.objects.filter(plan=plan, answered_at__isnull=False).update(
        answered_at=_at(explanation - 5 * DAY)
    )
    Dispute.objects.filter(plan=plan, appraised_at__isnull=False).update(
        appraised_at=_at(explanation - 2 * DAY)
    )
    Publication.objects.filter(plan=plan).update(published_at=_at(published, 15))
    opened = {
        PlanStage.REGISTRATION: issued,
        PlanStage.MID_YEAR: registration + DAY,
        PlanStage.SELF_ASSESSMENT: mid_year + DAY,
        PlanStage.PEER_ASSESSMENT: own + DAY,
        PlanStage.EXPLANATION: peers + DAY,
        PlanStage.PUBLISHED: published,
    }
    for stage, day in opened.items():
        Transition.objects.filter(
            object_type=plan._meta.label_lower, object_id=plan.pk, to_status=stage
        ).update(at=_at(day))
