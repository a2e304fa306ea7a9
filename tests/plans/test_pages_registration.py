"""Registration: a member prepares and its leader submits; the head accepts or returns; outsiders
are refused. And the lists kept inside a board."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders.clusters import board, members_of, term
from tests.builders.people import client_for, staff_of
from tests.builders.plans import small_plan
from tests.builders.reports import catalogue
from thidua.accounts.models import Role, User
from thidua.core.errors import ValidationFailedError
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans.models import (
    Criterion,
    Plan,
    Registration,
    RegistrationItem,
    RegistrationStatus,
    UnitEmulationEntry,
    UnitEmulationList,
)
from thidua.plans.services.registration import registration_save, registration_submit

pytestmark = pytest.mark.django_db
D = Decimal


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def plain_members(plan: Plan) -> list[Unit]:
    return [
        m.unit
        for m in plan.term.memberships.select_related("unit").order_by("unit__code")  # type: ignore[union-attr]
        if m.role == OfficerRole.MEMBER
    ]


def target_of(plan: Plan) -> Criterion:
    return Criterion.objects.get(scale__plan=plan, code="1.2")


def save_and_submit(plan: Plan, unit: Unit, target: str = "10") -> Registration:
    registration_save(
        actor=staff_of(unit, Role.UNIT_OFFICER),
        plan=plan,
        unit=unit,
        titles=["merit_certificate"],
        targets={target_of(plan).pk: D(target)},
    )
    registration = Registration.objects.get(plan=plan, unit=unit)
    return registration_submit(actor=staff_of(unit), registration=registration)


def test_a_members_officer_saves_its_registration_but_cannot_submit_or_decide() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan)[0]
    officer = logged_in(staff_of(member, Role.UNIT_OFFICER))
    url = reverse("plans:registration", args=[plan.pk])
    page = officer.get(url).content.decode()
    assert 'data-testid="registration-form"' in page
    assert 'data-testid="registration-submit"' not in page
    assert reverse("plans:unit_list", args=[member.pk, 2018]) in page
    target = target_of(plan)
    response = officer.post(
        url,
        {
            "don_vi": member.pk,
            "titles": ["emulation_flag", "leading_unit"],
            f"target_{target.pk}": "12,5",
            "note": "Phấn đấu dẫn đầu cụm",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(plan=plan, unit=member)
    assert registration.titles == ["emulation_flag", "leading_unit"]
    assert registration.items.get(criterion=target).target == D("12.5")
    page = officer.get(url).content.decode()
    assert 'value="12,5"' in page
    assert (
        officer.post(
            reverse("plans:registration_submit", args=[plan.pk]), {"don_vi": member.pk}
        ).status_code
        == 403
    )
    registration_submit(actor=staff_of(member), registration=registration)
    accept = reverse("plans:registration_accept", args=[plan.pk, registration.pk])
    assert officer.post(accept).status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_the_leader_submits_and_the_head_accepts_with_criteria_that_do_not_apply() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan)[0]
    target = target_of(plan)
    officer = logged_in(staff_of(member, Role.UNIT_OFFICER))
    officer.post(
        reverse("plans:registration", args=[plan.pk]),
        {"don_vi": member.pk, f"target_{target.pk}": "8"},
    )
    leader = logged_in(staff_of(member))
    response = leader.post(
        reverse("plans:registration_submit", args=[plan.pk]), {"don_vi": member.pk}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(plan=plan, unit=member)
    assert registration.status == RegistrationStatus.SUBMITTED
    table = client_for("canbo.binhduong").get(reverse("plans:registration", args=[plan.pk]))
    assert f'data-testid="accept-{member.code}"' in table.content.decode()
    relative = Criterion.objects.get(scale__plan=plan, code="2.3")
    client_for("canbo.binhduong").post(
        reverse("plans:registration_accept", args=[plan.pk, registration.pk]),
        {"not_applicable": [relative.pk]},
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACCEPTED
    assert RegistrationItem.objects.get(
        registration=registration, criterion=relative
    ).not_applicable
    own = leader.get(reverse("plans:registration", args=[plan.pk])).content.decode()
    assert 'data-testid="registration-form"' not in own  # accepted: read only
    assert "Đã chấp nhận" in own


def test_a_submission_without_its_targets_is_refused_with_the_codes() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan)[0]
    leader = logged_in(staff_of(member))
    leader.post(reverse("plans:registration", args=[plan.pk]), {"don_vi": member.pk})
    page = leader.post(reverse("plans:registration_submit", args=[plan.pk]), {"don_vi": member.pk})
    assert "Chưa đăng ký chỉ tiêu cho các tiêu chí: 1.2." in page.content.decode()
    assert Registration.objects.get(plan=plan, unit=member).status == RegistrationStatus.DRAFT


def test_a_zero_target_is_refused_and_the_input_kept() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan)[0]
    target = target_of(plan)
    page = (
        logged_in(staff_of(member))
        .post(
            reverse("plans:registration", args=[plan.pk]),
            {"don_vi": member.pk, f"target_{target.pk}": "0", "note": "Ghi chú"},
        )
        .content.decode()
    )
    assert "Chỉ tiêu của tiêu chí 1.2 phải lớn hơn 0." in page
    assert "Ghi chú</textarea>" in page
    assert not Registration.objects.filter(plan=plan, unit=member).exists()


def test_returning_needs_a_reason_which_the_member_then_reads() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan)[0]
    registration = save_and_submit(plan, member)
    head = client_for("canbo.binhduong")
    url = reverse("plans:registration_return", args=[plan.pk, registration.pk])
    page = head.post(url, {"reason": "   "}).content.decode()
    error = re.search(r'data-testid="row-error">(.*?)</p>', page)
    assert error is not None
    assert error.group(1) == "Phải ghi lý do trả lại."
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert head.post(url, {"reason": "Chỉ tiêu kết nạp thấp hơn năm trước"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.RETURNED
    own = (
        logged_in(staff_of(member, Role.UNIT_OFFICER))
        .get(reverse("plans:registration", args=[plan.pk]))
        .content.decode()
    )
    assert "Cụm trưởng trả lại: Chỉ tiêu kết nạp thấp hơn năm trước" in own
    assert 'data-testid="registration-form"' in own  # editable again


def test_a_board_outside_the_cluster_is_refused() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan)[0]
    client = client_for("canbo.daklak")
    url = reverse("plans:registration", args=[plan.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"don_vi": member.pk, "note": "x"}).status_code == 403
    assert not Registration.objects.filter(plan=plan).exists()


def test_the_observer_reads_the_table_but_changes_nothing() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan)[0]
    registration = save_and_submit(plan, member)
    client = client_for("theodoi")
    page = client.get(reverse("plans:registration", args=[plan.pk])).content.decode()
    assert f'data-testid="row-{member.code}"' in page
    assert 'data-testid="registration-form"' not in page
    assert '<form method="post" action="/ke-hoach/' not in page
    posts = [
        (reverse("plans:registration", args=[plan.pk]), {"don_vi": member.pk}),
        (reverse("plans:registration_submit", args=[plan.pk]), {"don_vi": member.pk}),
        (reverse("plans:registration_accept", args=[plan.pk, registration.pk]), {}),
        (reverse("plans:registration_return", args=[plan.pk, registration.pk]), {"reason": "x"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_a_member_sees_its_own_registration_not_the_others() -> None:
    plan = small_plan(term(4, 2018))
    first, second = plain_members(plan)[:2]
    save_and_submit(plan, second)
    page = (
        logged_in(staff_of(first, Role.UNIT_OFFICER))
        .get(reverse("plans:registration", args=[plan.pk]))
        .content.decode()
    )
    assert f'data-testid="row-{first.code}"' in page
    assert f'data-testid="row-{second.code}"' not in page
    assert 'data-testid="accept-' not in page


def test_the_registration_table_runs_the_same_queries_however_many_registered(
    django_assert_max_num_queries: object,
) -> None:
    plan = small_plan(term(4, 2018))
    members = plain_members(plan)
    client = client_for("canbo.binhduong")
    url = reverse("plans:registration", args=[plan.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    save_and_submit(plan, members[0])
    few = count()
    for unit in members[1:]:
        save_and_submit(plan, unit)
    assert count() == few
    assert len(members_of(plan.term)) == 11
    with django_assert_max_num_queries(13):  # type: ignore[operator]
        client.get(url)


def test_a_units_staff_keep_its_list_and_its_leader_approves() -> None:
    unit = board("74-63")
    url = reverse("plans:unit_list", args=[unit.pk, 2018])
    officer = client_for("canbo.binhduong")
    assert 'data-testid="unit-list-form"' in officer.get(url).content.decode()
    row = officer.get(
        reverse("plans:unit_list_row", args=[unit.pk, 2018]), headers={"HX-Request": "true"}
    )
    assert row.content.decode().lstrip().startswith("<tr>")
    bad = officer.post(
        url,
        {
            "name": ["Nguyễn Văn An", "Phòng Tổ chức đảng"],
            "content": ["Hoàn thành xuất sắc nhiệm vụ", "Tham mưu đề án"],
            "title": ["emulation_soldier", ""],
        },
    ).content.decode()
    assert "Danh hiệu không hợp lệ." in bad
    assert "Phòng Tổ chức đảng" in bad
    assert not UnitEmulationEntry.objects.filter(emulation_list__unit=unit).exists()
    response = officer.post(
        url,
        {
            "name": ["Nguyễn Văn An", "Phòng Tổ chức đảng", ""],
            "content": ["Hoàn thành xuất sắc nhiệm vụ", "Tham mưu đề án", ""],
            "title": ["emulation_soldier", "excellent_collective", ""],
        },
    )
    assert response.status_code == 302
    emulation_list = UnitEmulationList.objects.get(unit=unit, year=2018)
    assert [e.name for e in emulation_list.entries.all()] == ["Nguyễn Văn An", "Phòng Tổ chức đảng"]
    approve = reverse("plans:unit_list_approve", args=[unit.pk, 2018])
    assert officer.post(approve).status_code == 403
    assert client_for("lanhdao.binhduong").post(approve).status_code == 302
    emulation_list.refresh_from_db()
    assert emulation_list.status == RegistrationStatus.ACCEPTED
    page = officer.get(url).content.decode()
    assert "Đã duyệt" in page
    assert 'data-testid="unit-list-form"' not in page


def test_a_units_list_is_closed_to_other_boards() -> None:
    url = reverse("plans:unit_list", args=[board("74-63").pk, 2018])
    for username in ["canbo.daklak", "canbo.longan", "theodoi"]:
        client = client_for(username)
        assert client.get(url).status_code == 403, username
        data = {"name": ["A"], "content": ["B"], "title": ["advanced_worker"]}
        assert client.post(url, data).status_code == 403, username
    assert not UnitEmulationList.objects.filter(unit=board("74-63")).exists()


def test_a_member_is_offered_collective_titles_only_and_an_individual_one_is_refused() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan)[0]
    officer = logged_in(staff_of(member, Role.UNIT_OFFICER))
    url = reverse("plans:registration", args=[plan.pk])
    page = officer.get(url).content.decode()
    assert 'value="excellent_collective"' in page
    assert 'value="emulation_flag"' in page
    assert 'value="advanced_worker"' not in page
    assert 'value="emulation_soldier"' not in page
    response = officer.post(
        url,
        {"don_vi": member.pk, "titles": ["advanced_worker"], f"target_{target_of(plan).pk}": "1"},
    )
    assert 'data-testid="error-titles"' in response.content.decode()
    assert not Registration.objects.filter(plan=plan, unit=member).exists()
    with pytest.raises(ValidationFailedError) as refused:
        registration_save(
            actor=staff_of(member, Role.UNIT_OFFICER),
            plan=plan,
            unit=member,
            titles=["emulation_soldier"],
            targets={},
        )
    assert "dành cho cá nhân" in str(refused.value.problems["titles"])


def test_a_target_field_shows_the_unit_of_measure_of_its_indicator() -> None:
    catalogue()
    plan = small_plan(term(4, 2018), links={"1.2": "staff_streamlined"})
    member = plain_members(plan)[0]
    page = (
        logged_in(staff_of(member, Role.UNIT_OFFICER))
        .get(reverse("plans:registration", args=[plan.pk]))
        .content.decode()
    )
    target = target_of(plan)
    assert re.search(rf'for="id_target_{target.pk}"[^>]*>[^<]*\(người\)', page)
