"""A plan's stages on its page: the head opens the next one (told first who has not finished
the current one), sets deadlines in order, and a deadline already past needs a reason."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.assessments import registered
from tests.builders.clusters import members_of, term
from tests.builders.people import client_for, staff_of
from tests.builders.plans import small_plan
from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent
from thidua.orgs.models import ClusterTerm, OfficerRole, Unit
from thidua.plans.models import PlanStage, StageDeadline

pytestmark = pytest.mark.django_db


def plain_member(cluster_term: ClusterTerm) -> Unit:
    """A member that is neither head nor deputy: its staff hold no head powers."""
    membership = cluster_term.memberships.filter(role=OfficerRole.MEMBER).order_by("unit__code")
    return membership.select_related("unit").first().unit  # type: ignore[union-attr]


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_head_opens_the_next_stage_and_others_may_not() -> None:
    plan = small_plan(term(4, 2018))
    url = reverse("plans:advance", args=[plan.pk])
    assert client_for("canbo.daklak").post(url).status_code == 403
    officer = staff_of(plain_member(plan.term), Role.UNIT_OFFICER)  # type: ignore[arg-type]
    assert logged_in(officer).post(url).status_code == 403
    plan.refresh_from_db()
    assert plan.stage == PlanStage.REGISTRATION
    response = client_for("canbo.binhduong").post(url, {"xac_nhan": "registration"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.stage == PlanStage.MID_YEAR


def test_moving_on_names_the_members_who_have_not_registered_and_needs_a_confirmation() -> None:
    plan = small_plan(term(4, 2018))
    registered_unit, *others = members_of(plan.term)
    registered(plan, [registered_unit])
    head = client_for("canbo.binhduong")
    url = reverse("plans:advance", args=[plan.pk])
    page = head.post(url).content.decode()
    plan.refresh_from_db()
    assert plan.stage == PlanStage.REGISTRATION  # not moved without the confirmation
    named = re.findall(r'data-testid="laggard">([^<:]+): chưa gửi đăng ký thi đua', page)
    assert sorted(named) == sorted(unit.name for unit in others)
    assert 'name="xac_nhan" value="registration"' in page
    # A confirmation given for another stage (a stale page) does not count.
    head.post(url, {"xac_nhan": "draft"})
    plan.refresh_from_db()
    assert plan.stage == PlanStage.REGISTRATION
    assert head.post(url, {"xac_nhan": "registration"}).status_code == 302
    plan.refresh_from_db()
    assert plan.stage == PlanStage.MID_YEAR


def test_nobody_to_name_means_no_confirmation_is_asked() -> None:
    plan = small_plan(term(4, 2018))
    registered(plan, members_of(plan.term))
    response = client_for("canbo.binhduong").post(reverse("plans:advance", args=[plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.stage == PlanStage.MID_YEAR


def test_the_head_sets_deadlines_in_order_only() -> None:
    plan = small_plan(term(4, 2018))
    client = client_for("canbo.binhduong")
    url = reverse("plans:deadline_set", args=[plan.pk])
    assert (
        client.post(url, {"stage": "self_assessment", "due": "2030-11-30T17:00"}).status_code == 302
    )
    page = client.post(url, {"stage": "registration", "due": "2030-12-15T17:00"}).content.decode()
    assert "Hạn của các giai đoạn phải theo đúng thứ tự." in page
    assert list(StageDeadline.objects.filter(plan=plan).values_list("stage", flat=True)) == [
        "self_assessment"
    ]
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "hạn 30/11/2030 17:00" in detail
    assert (
        client_for("theodoi")
        .post(url, {"stage": "registration", "due": "2018-03-01T17:00"})
        .status_code
        == 403
    )


def test_a_deadline_already_past_needs_a_reason_and_then_the_pages_agree_it_is_shut() -> None:
    plan = small_plan(term(4, 2018))
    client = client_for("canbo.binhduong")
    url = reverse("plans:deadline_set", args=[plan.pk])
    page = client.post(url, {"stage": "registration", "due": "2018-03-01T17:00"}).content.decode()
    assert "Hạn chót này đã qua" in page
    assert not StageDeadline.objects.filter(plan=plan).exists()
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "đang diễn ra" in detail
    member_page = client_for("canbo.longan").get(reverse("plans:registration", args=[plan.pk]))
    assert 'data-testid="registration-form"' in member_page.content.decode()

    reason = "Ghi nhận hạn đăng ký theo công văn của cụm"
    response = client.post(
        url, {"stage": "registration", "due": "2018-03-01T17:00", "reason": reason}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="plan.deadline", object_id=str(plan.pk)).last()
    assert event is not None
    assert isinstance(event.after, dict)
    assert event.after["reason"] == reason
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "đã hết hạn, chờ chuyển giai đoạn" in detail
    assert "đang diễn ra" not in detail
    member_page = client_for("canbo.longan").get(reverse("plans:registration", args=[plan.pk]))
    assert 'data-testid="registration-form"' not in member_page.content.decode()
