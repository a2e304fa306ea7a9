"""The scale builder: only the head edits the draft tree; sums and problems follow each edit."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.clusters import head_of, term
from tests.builders.people import client_for, staff_of
from tests.builders.plans import small_plan
from thidua.accounts.models import Role, User
from thidua.orgs.models import OfficerRole
from thidua.plans.models import Criterion, CriterionKind, Plan, Scale
from thidua.plans.services.plan import plan_create
from thidua.plans.services.scale import criterion_add

pytestmark = pytest.mark.django_db
D = Decimal
HTMX = {"HX-Request": "true"}


def draft_plan() -> tuple[Plan, User]:
    """A draft with a 60-point group holding one 30-point criterion: 30 points still missing."""
    cluster_term = term(4, 2018)
    head = staff_of(head_of(cluster_term))
    plan = plan_create(actor=head, term=cluster_term, title="Kế hoạch đang soạn")
    scale = plan.scales.get()
    group = criterion_add(
        actor=head,
        scale=scale,
        code="1",
        title="Nhiệm vụ trọng tâm",
        kind=CriterionKind.GROUP,
        maximum=D(60),
    )
    criterion_add(
        actor=head,
        scale=scale,
        parent=group,
        code="1.1",
        title="Tham mưu đề án",
        kind=CriterionKind.MANUAL,
        maximum=D(30),
    )
    return plan, head


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def criterion(plan: Plan, code: str) -> Criterion:
    return Criterion.objects.get(scale__plan=plan, code=code)


def new_criterion(parent: Criterion | None, **fields: str) -> dict[str, object]:
    data: dict[str, object] = {
        "parent": parent.pk if parent else "",
        "code": "1.2",
        "title": "Kết nạp đảng viên",
        "kind": "manual",
        "section": "base",
        "maximum": "25",
    }
    data.update(fields)
    return data


def test_only_the_head_opens_the_builder() -> None:
    plan, head = draft_plan()
    url = reverse("plans:builder", args=[plan.pk])
    assert logged_in(head).get(url).status_code == 200
    assert client_for("lanhdao.binhduong").get(url).status_code == 200
    member = plan.term.memberships.filter(role=OfficerRole.MEMBER).first().unit  # type: ignore[union-attr]
    refused = [
        client_for("canbo.daklak"),
        client_for("theodoi"),
        client_for("hoidong"),
        logged_in(staff_of(member, Role.UNIT_OFFICER)),
    ]
    for client in refused:
        response = client.get(url)
        assert response.status_code == 403
        assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()


def test_adding_a_criterion_rerenders_the_tree_with_sums_and_problems() -> None:
    plan, head = draft_plan()
    client = logged_in(head)
    url = reverse("plans:criterion_add", args=[plan.pk])
    response = client.post(url, new_criterion(criterion(plan, "1")), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # the fragment only
    assert 'data-testid="node-1.2"' in html
    assert 'data-testid="sum-1">tiêu chí con: 55<' in html
    problem = re.search(r'data-testid="problem-1">(.*?)</small>', html)
    assert problem is not None
    assert problem.group(1) == (
        "Tổng điểm tối đa các tiêu chí con (55) khác điểm tối đa của nhóm (60)."
    )
    group = criterion(plan, "1")
    html = client.post(
        url,
        new_criterion(group, code="1.3", title="Đảng viên được khen thưởng", maximum="5"),
        headers=HTMX,
    ).content.decode()
    assert 'data-testid="problem-1"' not in html
    assert 'data-testid="sum-1">tiêu chí con: 60<' in html
    assert criterion(plan, "1.3").parent_id == group.pk


def test_a_child_above_its_group_maximum_is_refused_and_nothing_is_saved() -> None:
    plan, head = draft_plan()
    before = Criterion.objects.filter(scale__plan=plan).count()
    html = (
        logged_in(head)
        .post(
            reverse("plans:criterion_add", args=[plan.pk]),
            new_criterion(criterion(plan, "1"), code="1.9", maximum="61"),
            headers=HTMX,
        )
        .content.decode()
    )
    error = re.search(r'data-testid="error-maximum">(.*?)</small>', html)
    assert error is not None
    assert "Điểm tối đa vượt điểm tối đa của nhóm" in error.group(1)
    assert 'value="1.9"' in html  # the input is kept
    assert 'value="61"' in html
    assert Criterion.objects.filter(scale__plan=plan).count() == before


def test_decimal_commas_and_bands_as_lines_are_accepted() -> None:
    plan, head = draft_plan()
    client = logged_in(head)
    group = criterion(plan, "1")
    client.post(
        reverse("plans:criterion_add", args=[plan.pk]),
        new_criterion(group, code="1.2", maximum="7,5", step="0,25"),
    )
    added = criterion(plan, "1.2")
    assert (added.maximum, added.step) == (D("7.5"), D("0.25"))
    client.post(
        reverse("plans:criterion_add", args=[plan.pk]),
        new_criterion(
            group,
            code="1.3",
            kind="target",
            maximum="22,5",
            bands="100 → 1\n90 → 0,8\n≥ 50% -> 50%",
        ),
    )
    target = criterion(plan, "1.3")
    assert target.bands == [["1", "1"], ["0.9", "0.8"], ["0.5", "0.5"]]
    page = client.get(reverse("plans:builder", args=[plan.pk]) + f"?sua={target.pk}").content
    html = page.decode()
    assert "100 → 1\n90 → 0,8\n50 → 0,5</textarea>" in html
    assert 'value="22,5"' in html
    assert "đạt từ 90% chỉ tiêu: 0,8 × điểm tối đa" in html


def test_text_in_a_number_box_or_a_bad_band_is_refused() -> None:
    plan, head = draft_plan()
    before = Criterion.objects.filter(scale__plan=plan).count()
    client = logged_in(head)
    url = reverse("plans:criterion_add", args=[plan.pk])
    html = client.post(url, new_criterion(None, maximum="mười")).content.decode()
    assert "Hãy nhập một số, ví dụ 0,25." in html
    html = client.post(url, new_criterion(None, kind="target", bands="90 0,8")).content.decode()
    assert "Dòng 1: hãy viết" in html
    assert Criterion.objects.filter(scale__plan=plan).count() == before


def test_the_head_edits_and_deletes_criteria() -> None:
    plan, head = draft_plan()
    client = logged_in(head)
    node = criterion(plan, "1.1")
    data = new_criterion(None, code="1.1", title="Tham mưu đề án nhân sự", maximum="30")
    html = client.post(
        reverse("plans:criterion_edit", args=[plan.pk, node.pk]), data, headers=HTMX
    ).content.decode()
    assert "Tham mưu đề án nhân sự" in html
    node.refresh_from_db()
    assert node.title == "Tham mưu đề án nhân sự"
    assert node.parent_id == criterion(plan, "1").pk  # the parent is not moved by an edit
    group = criterion(plan, "1")
    client.post(reverse("plans:criterion_delete", args=[plan.pk, group.pk]), headers=HTMX)
    assert not Criterion.objects.filter(scale__plan=plan).exists()


def test_a_frozen_scale_cannot_be_edited_through_the_pages() -> None:
    plan = small_plan(term(4, 2018))
    client = client_for("canbo.binhduong")
    count = Criterion.objects.filter(scale__plan=plan).count()
    node = criterion(plan, "1.1")
    page = client.get(reverse("plans:builder", args=[plan.pk])).content.decode()
    assert 'data-testid="criterion-form"' not in page
    assert 'data-testid="delete-1.1"' not in page
    assert 'data-testid="scale-revise"' in page
    add = client.post(reverse("plans:criterion_add", args=[plan.pk]), new_criterion(None, code="9"))
    assert "đã ban hành; muốn sửa phải tạo phiên bản mới có lý do" in add.content.decode()
    edit_url = reverse("plans:criterion_edit", args=[plan.pk, node.pk])
    client.post(edit_url, new_criterion(None, code="1.1", title="Khác", maximum="30"))
    client.post(reverse("plans:criterion_delete", args=[plan.pk, node.pk]))
    limits = {"maximum": "90", "bonus_cap": "5", "penalty_cap": "5"}
    client.post(reverse("plans:scale_limits", args=[plan.pk]), limits)
    node.refresh_from_db()
    assert node.title == "Tham mưu đề án"
    assert Criterion.objects.filter(scale__plan=plan).count() == count
    assert plan.scales.get().maximum == D(100)


def test_a_new_version_needs_a_reason_and_is_issued_by_the_head() -> None:
    plan = small_plan(term(4, 2018))
    client = client_for("canbo.binhduong")
    revise = reverse("plans:scale_revise", args=[plan.pk])
    page = client.post(revise, {"reason": "  "}).content.decode()
    assert "Phải ghi lý do sửa đổi thang điểm." in page
    assert plan.scales.count() == 1
    assert client_for("theodoi").post(revise, {"reason": "Sửa"}).status_code == 403
    client.post(revise, {"reason": "Bổ sung tiêu chí theo Kết luận 03"})
    revised = Scale.objects.get(plan=plan, version=2)
    assert not revised.is_frozen
    node = revised.criteria.get(code="1.1")
    data = new_criterion(None, code="1.1", title="Tham mưu đề án, quy chế", maximum="30")
    client.post(reverse("plans:criterion_edit", args=[plan.pk, node.pk]), data)
    builder = client.get(reverse("plans:builder", args=[plan.pk])).content.decode()
    assert 'data-testid="scale-issue"' in builder
    assert client.post(reverse("plans:scale_issue", args=[plan.pk])).status_code == 302
    revised.refresh_from_db()
    assert revised.is_frozen
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Phiên bản 2, tối đa 100 điểm" in detail
    assert "Lý do sửa đổi: Bổ sung tiêu chí theo Kết luận 03" in detail
    assert "Tham mưu đề án, quy chế" in detail
    versions = re.search(r'data-testid="other-versions">(.*?)</ul>', detail, re.S)
    assert versions is not None
    assert "Phiên bản 1" in versions.group(1)


def test_the_head_sets_the_scale_limits_with_decimal_commas() -> None:
    plan, head = draft_plan()
    response = logged_in(head).post(
        reverse("plans:scale_limits", args=[plan.pk]),
        {"maximum": "60", "bonus_cap": "2,5", "penalty_cap": "7,5"},
        headers=HTMX,
    )
    html = response.content.decode()
    scale = plan.scales.get()
    assert (scale.maximum, scale.bonus_cap, scale.penalty_cap) == (D(60), D("2.5"), D("7.5"))
    assert 'data-testid="section-total-base">tổng 30 / tối đa 60<' in html
    bad = logged_in(head).post(
        reverse("plans:scale_limits", args=[plan.pk]),
        {"maximum": "0", "bonus_cap": "0", "penalty_cap": "0"},
    )
    assert "Điểm tối đa phải dương" in bad.content.decode()
    scale.refresh_from_db()
    assert scale.maximum == D(60)
