"""Registrations, score sheets and publication, through the plan and scoring services.

Each unit's officer fills its sheet and its leader submits it, as on the pages; the head moves
the plan on, opens the explanation round and publishes. ``published_plan`` plays a small year
on cluster 4 in 2018 whose ranking is worked out by hand in its docstring.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from tests.builders.clusters import head_of, plain_members, term
from tests.builders.people import staff_of
from tests.builders.plans import advance_to, small_plan
from thidua.accounts.models import Role
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services.registration import (
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.scoring.models import Assessment
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
    evidence_attach,
)
from thidua.scoring.services.round import explanation_open, plan_publish

D = Decimal
PDF = b"%PDF-1.4 minh chung"


def registered(plan: Plan, units: Sequence[Unit], *, target: int = 50) -> None:
    """Each unit registers ``target`` for the small plan's target criterion 1.2 and the head
    accepts it."""
    criterion = plan.scales.get().criteria.get(code="1.2")
    head = staff_of(head_of(plan.term))
    for unit in units:
        registration = registration_save(
            actor=staff_of(unit, Role.UNIT_OFFICER),
            plan=plan,
            unit=unit,
            titles=["merit_certificate"],
            targets={criterion.pk: D(target)},
        )
        registration_submit(actor=staff_of(unit), registration=registration)
        registration_accept(actor=head, registration=registration)


def marks(
    points_1_1: str,
    admitted: str,
    passed: bool,
    returned: str,
    trained: str,
    bonus: str = "0",
    disciplined: str = "0",
) -> dict[str, Mark]:
    """A whole sheet of the small plan: 1.1 points, 1.2 members admitted, 2.1 pass or fail,
    2.2 documents returned, 2.3 cadres trained, T.1 bonus points, K.1 leaders disciplined."""
    return {
        "1.1": Mark(points=D(points_1_1)),
        "1.2": Mark(value=D(admitted)),
        "2.1": Mark(points=D(10) if passed else D(0)),
        "2.2": Mark(value=D(returned)),
        "2.3": Mark(value=D(trained)),
        "T.1": Mark(points=D(bonus)),
        "K.1": Mark(value=D(disciplined)),
    }


def self_assessed(plan: Plan, unit: Unit, sheet_marks: Mapping[str, Mark]) -> Assessment:
    """The unit's self-assessment filled by its officer, with the evidence 1.1 requires, and
    submitted by its leader."""
    officer = staff_of(unit, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    assessment_fill(actor=officer, assessment=sheet, marks=dict(sheet_marks))
    if "1.1" in sheet_marks:
        score = sheet.scores.get(criterion__code="1.1")
        evidence_attach(actor=officer, score=score, name="de-an.pdf", content=PDF)
    return assessment_submit(actor=staff_of(unit), assessment=sheet)


def peer_assessed(
    plan: Plan, unit: Unit, assessor: Unit, sheet_marks: Mapping[str, Mark]
) -> Assessment:
    officer = staff_of(assessor, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="peer", assessor=assessor)
    assessment_fill(actor=officer, assessment=sheet, marks=dict(sheet_marks))
    return assessment_submit(actor=staff_of(assessor), assessment=sheet)


def published(plan: Plan) -> Plan:
    """The head closes peer assessment, opens the explanation round (no dispute expected) and
    publishes."""
    head = staff_of(head_of(plan.term))
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    explanation_open(actor=head, plan=plan)
    plan = Plan.objects.get(pk=plan.pk)
    plan_publish(actor=head, plan=plan)
    return Plan.objects.get(pk=plan.pk)


def published_plan() -> tuple[Plan, list[Unit]]:
    """The small plan on cluster 4 in 2018, three plain members A, B, C assessing themselves
    (target 50 for 1.2; the best 2.3 figure is A's 120), published:

    - A: 28 + 45/50 x 30 = 27 + 10 + (10 - 2 x 1) = 8 + 20; bonus 2     = 95.00
    - B: 25 + 40/50 x 30 = 24 + 10 + 10 + 100/120 x 20 = 16.67          = 85.67
    - C: 25 + 30 + 0 (failed 2.1) + (10 - 2 x 2) = 6 + 60/120 x 20 = 10
      = 71, bonus 1, one leader disciplined: penalty 5                   = 67.00
    """
    plan = small_plan(term(4, 2018))
    a, b, c = plain_members(plan.term)[:3]
    registered(plan, [a, b, c])
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    self_assessed(plan, a, marks("28", "45", True, "1", "120", bonus="2"))
    self_assessed(plan, b, marks("25", "40", True, "0", "100"))
    self_assessed(plan, c, marks("25", "50", False, "2", "60", bonus="1", disciplined="1"))
    return published(plan), [a, b, c]
