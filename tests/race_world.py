"""A world of its own for the race tests: three boards that no other test uses, a cluster
term of them, and the small plan of ``tests.builders.plans`` on it, all built through the
services. It needs nothing the session loaded, because the race tests commit their data and
Django empties the database after each of them."""

import itertools
from decimal import Decimal

from tests.builders.clusters import head_of
from tests.builders.people import staff_of
from tests.builders.plans import advance_to, small_plan
from thidua.accounts.models import Role, User
from thidua.orgs.models import UnitKind
from thidua.orgs.services import cluster_create, cluster_term_create, unit_create
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
    evidence_attach,
)

D = Decimal
PDF = b"%PDF-1.4 minh chung"
YEAR = 2024
_numbers = itertools.count(901)


def race_plan(*, stage: PlanStage = PlanStage.REGISTRATION) -> Plan:
    """The small plan of a fresh three-board cluster (the first board heads it)."""
    number = next(_numbers)
    boards = [
        unit_create(
            actor=None,
            name=f"Ban Tổ chức thử {number}-{n}",
            kind=UnitKind.ORGANIZATION_BOARD,
            code=f"RACE-{number}-{n}",
        )
        for n in (1, 2, 3)
    ]
    cluster = cluster_create(actor=None, number=number, name=f"Cụm thi đua thử {number}")
    term = cluster_term_create(
        actor=None,
        cluster=cluster,
        year=YEAR,
        members=boards,
        head=boards[0],
        officer_decision="Quyết định thử",
    )
    return advance_to(small_plan(term), stage)


def head_staff(plan: Plan) -> User:
    return staff_of(head_of(plan.term))


def member(plan: Plan) -> tuple[User, User]:
    """The officer and the leader of the plan's second board."""
    unit = plan.term.memberships.get(unit__code__endswith="-2").unit if plan.term else None
    assert unit is not None
    return staff_of(unit, Role.UNIT_OFFICER), staff_of(unit)


def registered(plan: Plan) -> None:
    """Every board's registration submitted and accepted (the plan is open for registration)."""
    target = plan.scales.get().criteria.get(code="1.2")
    head = head_staff(plan)
    for membership in plan.term.memberships.select_related("unit") if plan.term else []:
        unit = membership.unit
        registration = registration_save(
            actor=staff_of(unit, Role.UNIT_OFFICER),
            plan=plan,
            unit=unit,
            titles=["merit_certificate"],
            targets={target.pk: D(50)},
        )
        registration_submit(actor=staff_of(unit), registration=registration)
        registration_accept(actor=head, registration=registration)


FULL_MARKS = {
    "1.1": Mark(points=D("27.25"), explanation="Đã tham mưu 3 đề án"),
    "1.2": Mark(value=D(45)),
    "2.1": Mark(points=D(10)),
    "2.2": Mark(value=D(1)),
    "2.3": Mark(value=D(120)),
    "T.1": Mark(points=D(2)),
    "K.1": Mark(value=D(0)),
}


def ready_self_sheet() -> Assessment:
    """A member's self-assessment, every criterion marked and its evidence there: ready to
    submit. The plan is in self-assessment."""
    plan = race_plan()
    registered(plan)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    officer, _leader = member(plan)
    unit = officer.unit
    assert unit is not None
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    assessment_fill(actor=officer, assessment=sheet, marks=FULL_MARKS)
    evidence_attach(
        actor=officer, score=sheet.scores.get(criterion__code="1.1"), name="de-an.pdf", content=PDF
    )
    return sheet
