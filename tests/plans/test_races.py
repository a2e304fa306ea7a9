"""Two sessions on one plan at once (PostgreSQL): a double click moves a plan, a registration
or a covenant once, with one history row, and the second click is told why in Vietnamese.

Each race holds the first session's transaction open, its writes done, until the second is
waiting for a lock (or finished); see ``tests.concurrency``.
"""

from decimal import Decimal

import pytest

from tests.concurrency import race
from tests.race_world import head_staff, member, race_plan
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError
from thidua.core.models import Transition
from thidua.plans.models import Covenant, Plan, PlanStage, Registration
from thidua.plans.services.plan import plan_advance
from thidua.plans.services.registration import (
    covenant_open,
    covenant_sign,
    registration_save,
    registration_submit,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _moves(object_type: str, pk: int) -> list[tuple[str, str]]:
    return list(
        Transition.objects.filter(object_type=object_type, object_id=pk).values_list(
            "from_status", "to_status"
        )
    )


def _events(action: str, pk: int) -> int:
    return AuditEvent.objects.filter(action=action, object_id=str(pk)).count()


def test_two_advances_of_one_plan_move_it_one_stage() -> None:
    plan = race_plan()
    head = head_staff(plan)

    def advance() -> Plan:
        return plan_advance(actor=head, plan=Plan.objects.get(pk=plan.pk))

    outcome = race(advance, advance)
    assert outcome.first.ok, outcome.first.error
    assert isinstance(outcome.second.error, DomainError)
    assert "Không thể chuyển" in outcome.second.error.message
    assert outcome.second_waited
    plan.refresh_from_db()
    assert plan.stage == PlanStage.MID_YEAR
    assert _moves("plans.plan", plan.pk) == [
        ("draft", "registration"),
        ("registration", "mid_year"),
    ]
    assert _events("plan.advance", plan.pk) == 2


def test_two_submits_of_one_registration_make_one_submission() -> None:
    plan = race_plan()
    officer, leader = member(plan)
    assert officer.unit is not None
    target = plan.scales.get().criteria.get(code="1.2")
    registration = registration_save(
        actor=officer, plan=plan, unit=officer.unit, titles=[], targets={target.pk: Decimal(50)}
    )

    def submit() -> Registration:
        fresh = Registration.objects.get(pk=registration.pk)
        return registration_submit(actor=leader, registration=fresh)

    outcome = race(submit, submit)
    assert outcome.first.ok, outcome.first.error
    assert isinstance(outcome.second.error, DomainError)
    assert outcome.second_waited
    assert _moves("plans.registration", registration.pk) == [("draft", "submitted")]
    assert _events("registration.submit", registration.pk) == 1


def test_two_signatures_of_one_board_make_one_signature() -> None:
    plan = race_plan()
    covenant = covenant_open(
        actor=head_staff(plan), plan=plan, title="Giao ước thi đua", text="Các đơn vị cam kết"
    )
    _officer, leader = member(plan)
    unit = leader.unit
    assert unit is not None

    def sign() -> object:
        return covenant_sign(actor=leader, covenant=Covenant.objects.get(pk=covenant.pk), unit=unit)

    outcome = race(sign, sign)
    assert outcome.first.ok, outcome.first.error
    assert isinstance(outcome.second.error, DomainError)
    assert outcome.second.error.message == "Đơn vị đã ký giao ước."
    assert covenant.signatures.count() == 1
    assert _events("covenant.sign", covenant.pk) == 1
