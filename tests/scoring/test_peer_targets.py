"""A member that never sent its registration is not scored by its peers, unless the head
includes it with a reason (issue 14)."""

import pytest
from django.urls import reverse

from tests.builders.assessments import registered
from tests.builders.clusters import head_of, plain_members, term
from tests.builders.people import client_of, persona, staff_of
from tests.builders.plans import advance_to, small_plan
from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.plans.models import PeerTargetInclusion, Plan, PlanStage
from thidua.plans.selectors.laggards import laggards_of
from thidua.plans.services.peers import peer_target_include
from thidua.scoring.services.assessments import assessment_open

pytestmark = pytest.mark.django_db


def _plan() -> tuple[Plan, list]:  # type: ignore[type-arg]
    """A and B register; C never does."""
    plan = advance_to(small_plan(term(4, 2018)), PlanStage.REGISTRATION)
    a, b, c = plain_members(plan.term)[:3]
    registered(plan, [a, b])
    return plan, [a, b, c]


def test_peers_do_not_score_a_member_that_never_registered() -> None:
    plan, (a, b, c) = _plan()
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    officer = staff_of(a, Role.UNIT_OFFICER)
    with pytest.raises(PermissionDeniedError):
        assessment_open(actor=officer, plan=plan, unit=c, stage="peer", assessor=a)
    assessment_open(actor=officer, plan=plan, unit=b, stage="peer", assessor=a)
    page = client_of(officer).get(reverse("scoring:plan", args=[plan.pk])).content.decode()
    assert f'data-testid="slot-peer-{c.pk}"' not in page
    assert f'data-testid="slot-peer-{b.pk}"' in page


def test_the_head_includes_it_with_a_reason_and_peers_then_score_it() -> None:
    plan, (a, _b, c) = _plan()
    head = staff_of(head_of(plan.term))
    client = client_of(head)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="unregistered"' in page
    assert c.name in page
    response = client.post(
        reverse("plans:peer_include", args=[plan.pk]),
        {"don_vi": c.pk, "ly_do": "Gửi muộn bản giấy."},
    )
    assert response.status_code == 302
    assert PeerTargetInclusion.objects.get(plan=plan, unit=c).reason == "Gửi muộn bản giấy."
    assert AuditEvent.objects.filter(action="plan.peer_include").exists()
    plan = advance_to(Plan.objects.get(pk=plan.pk), PlanStage.PEER_ASSESSMENT)
    assessment_open(
        actor=staff_of(a, Role.UNIT_OFFICER), plan=plan, unit=c, stage="peer", assessor=a
    )


def test_the_laggards_count_only_sheets_on_peer_targets() -> None:
    plan, (a, _b, _c) = _plan()
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    counts = {lag.unit.pk: lag.missing for lag in laggards_of(plan)}
    # A owes a sheet to each registered member but itself: B only (C and the rest never
    # registered, and the cluster has more members than these three).
    assert counts[a.pk].startswith("còn 1 ")


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_inclusion_needs_a_reason(reason: str) -> None:
    plan, (_a, _b, c) = _plan()
    with pytest.raises(ValidationFailedError):
        peer_target_include(actor=staff_of(head_of(plan.term)), plan=plan, unit=c, reason=reason)
    assert not PeerTargetInclusion.objects.exists()


def test_a_registered_member_needs_no_inclusion() -> None:
    plan, (a, _b, _c) = _plan()
    with pytest.raises(DomainError):
        peer_target_include(actor=staff_of(head_of(plan.term)), plan=plan, unit=a, reason="x")


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
def test_only_the_head_includes(username: str) -> None:
    plan, (_a, _b, c) = _plan()
    with pytest.raises(PermissionDeniedError):
        peer_target_include(actor=persona(username), plan=plan, unit=c, reason="x")
    response = client_of(persona(username)).post(
        reverse("plans:peer_include", args=[plan.pk]), {"don_vi": c.pk, "ly_do": "x"}
    )
    assert response.status_code in {403, 404}
    assert not PeerTargetInclusion.objects.exists()


def test_a_plain_member_cannot_include_and_is_not_offered_the_form() -> None:
    plan, (a, _b, c) = _plan()
    client = client_of(staff_of(a))
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'data-testid="unregistered"' not in page
    response = client.post(
        reverse("plans:peer_include", args=[plan.pk]), {"don_vi": c.pk, "ly_do": "x"}
    )
    assert response.status_code == 403
    assert not PeerTargetInclusion.objects.exists()
