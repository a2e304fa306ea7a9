"""The covenant: the head opens it, each member's leader signs once, the page lists who has not."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.builders.clusters import term
from tests.builders.people import client_for, staff_of
from tests.builders.plans import small_plan
from thidua.accounts.models import Role, User
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans.models import Covenant, CovenantSignature, Plan
from thidua.plans.services.registration import covenant_open

pytestmark = pytest.mark.django_db


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def plain_member(plan: Plan) -> Unit:
    membership = plan.term.memberships.filter(role=OfficerRole.MEMBER)  # type: ignore[union-attr]
    return membership.select_related("unit").order_by("unit__code").first().unit  # type: ignore[union-attr]


def opened(plan: Plan) -> Covenant:
    return covenant_open(
        actor=staff_of(plan.term.memberships.get(role="head").unit),  # type: ignore[union-attr]
        plan=plan,
        title="Giao ước thi đua năm 2018",
        text="Các đơn vị thành viên cam kết thực hiện tốt nhiệm vụ năm 2018.",
    )


def unsigned(html: str) -> list[str]:
    block = re.search(r'data-testid="unsigned">(.*?)</ul>', html, re.S)
    assert block is not None
    return re.findall(r"<li>(.*?)</li>", block.group(1))


def test_the_head_opens_the_covenant_and_a_member_may_not() -> None:
    plan = small_plan(term(4, 2018))
    url = reverse("plans:covenant_open", args=[plan.pk])
    data = {"title": "Giao ước thi đua năm 2018", "text": "Cam kết thi đua."}
    officer = logged_in(staff_of(plain_member(plan), Role.UNIT_OFFICER))
    assert officer.post(url, data).status_code == 403
    assert client_for("theodoi").post(url, data).status_code == 403
    assert not Covenant.objects.filter(plan=plan).exists()
    head = client_for("canbo.binhduong")
    page = head.get(reverse("plans:covenant", args=[plan.pk])).content.decode()
    assert 'data-testid="covenant-open-form"' in page
    assert head.post(url, {"title": "Giao ước", "text": " "}).status_code == 200
    assert not Covenant.objects.filter(plan=plan).exists()
    assert head.post(url, data).status_code == 302
    page = head.get(reverse("plans:covenant", args=[plan.pk])).content.decode()
    assert "Cam kết thi đua." in page
    assert len(unsigned(page)) == 11


def test_a_leader_signs_once_and_the_unsigned_list_shrinks() -> None:
    plan = small_plan(term(4, 2018))
    opened(plan)
    member = plain_member(plan)
    leader_user = staff_of(member)
    leader_user.first_name, leader_user.last_name = "An", "Nguyễn Văn"
    leader_user.save()
    leader = logged_in(leader_user)
    url = reverse("plans:covenant", args=[plan.pk])
    page = leader.get(url).content.decode()
    assert 'data-testid="sign"' in page
    assert member.name in unsigned(page)
    before = len(unsigned(page))
    response = leader.post(reverse("plans:covenant_sign", args=[plan.pk]), {"don_vi": member.pk})
    assert response.status_code == 302
    page = leader.get(url).content.decode()
    assert len(unsigned(page)) == before - 1
    assert member.name not in unsigned(page)
    assert 'data-testid="sign"' not in page
    signed = re.search(r'data-testid="signed">(.*?)</table>', page, re.S)
    assert signed is not None
    signature = CovenantSignature.objects.get(covenant__plan=plan, unit=member)
    when = timezone.localtime(signature.signed_at).strftime("%d/%m/%Y %H:%M")
    assert f"<td>{member.name}</td><td>{leader_user.get_full_name()}</td><td>{when}</td>" in (
        signed.group(1)
    )
    again = leader.post(reverse("plans:covenant_sign", args=[plan.pk]), {"don_vi": member.pk})
    assert "Đơn vị đã ký giao ước." in again.content.decode()
    assert CovenantSignature.objects.filter(covenant__plan=plan).count() == 1


def test_an_officer_who_is_not_a_leader_cannot_sign() -> None:
    plan = small_plan(term(4, 2018))
    opened(plan)
    member = plain_member(plan)
    officer = logged_in(staff_of(member, Role.UNIT_OFFICER))
    page = officer.get(reverse("plans:covenant", args=[plan.pk])).content.decode()
    assert 'data-testid="sign"' not in page
    response = officer.post(reverse("plans:covenant_sign", args=[plan.pk]), {"don_vi": member.pk})
    assert response.status_code == 403
    other = logged_in(staff_of(member))  # a leader, but of another member than the one posted
    head_unit = plan.term.memberships.get(role="head").unit  # type: ignore[union-attr]
    assert (
        other.post(
            reverse("plans:covenant_sign", args=[plan.pk]), {"don_vi": head_unit.pk}
        ).status_code
        == 403
    )
    assert not CovenantSignature.objects.filter(covenant__plan=plan).exists()


def test_the_covenant_page_is_the_clusters_own() -> None:
    plan = small_plan(term(4, 2018))
    opened(plan)
    url = reverse("plans:covenant", args=[plan.pk])
    assert client_for("canbo.daklak").get(url).status_code == 403
    assert client_for("theodoi").get(url).status_code == 200
    data = {"don_vi": plain_member(plan).pk}
    assert (
        client_for("theodoi").post(reverse("plans:covenant_sign", args=[plan.pk]), data).status_code
        == 403
    )
