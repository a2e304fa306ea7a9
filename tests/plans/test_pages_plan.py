"""The plan pages: the list by year, the plan itself and the head's controls, per persona."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders.clusters import head_of, term
from tests.builders.people import client_for, staff_of
from tests.builders.plans import small_plan
from thidua.accounts.models import Role
from thidua.orgs.models import ClusterTerm, OfficerRole, Unit
from thidua.plans.models import Combine, CriterionKind, Plan, PlanStage, TieRule
from thidua.plans.services.plan import plan_create
from thidua.plans.services.scale import criterion_add

pytestmark = pytest.mark.django_db
D = Decimal


def plain_member(cluster_term: ClusterTerm) -> Unit:
    """A member that is neither head nor deputy: its staff hold no head powers."""
    membership = cluster_term.memberships.filter(role=OfficerRole.MEMBER).order_by("unit__code")
    return membership.select_related("unit").first().unit  # type: ignore[union-attr]


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_list_shows_the_years_plans_with_cluster_and_stage() -> None:
    plan = small_plan(term(4, 2018))
    html = client_for("canbo.daklak").get(reverse("plans:list") + "?nam=2018").content.decode()
    row = re.search(r'data-testid="plan-list">(.*?)</table>', html, re.S)
    assert row is not None
    assert plan.title in row.group(1)
    assert reverse("plans:detail", args=[plan.pk]) in row.group(1)
    assert "Cụm thi đua số 4" in row.group(1)
    assert "Đăng ký thi đua" in row.group(1)
    assert (
        plan.title
        not in client_for("canbo.daklak").get(reverse("plans:list") + "?nam=2017").content.decode()
    )


def test_only_those_who_may_manage_a_term_are_offered_to_create_a_plan() -> None:
    term(4, 2018)  # Bình Dương heads cluster 4
    url = reverse("plans:list") + "?nam=2018"
    assert 'data-testid="plan-create"' in client_for("canbo.binhduong").get(url).content.decode()
    assert 'data-testid="plan-create"' not in client_for("theodoi").get(url).content.decode()
    assert client_for("theodoi").get(reverse("plans:create") + "?nam=2018").status_code == 403


def test_the_head_creates_a_plan_for_its_term_with_decimal_commas() -> None:
    cluster_term = term(4, 2018)
    client = client_for("canbo.binhduong")
    url = reverse("plans:create") + "?nam=2018"
    form = client.get(url).content.decode()
    assert "Cụm thi đua số 4" in form
    response = client.post(
        url,
        {
            "term": cluster_term.pk,
            "title": "Kế hoạch thi đua năm 2018",
            "basis": "Kết luận số 03-KL/BTCTW\nQuy chế 01-QC/CTĐ",
            "maximum": "100",
            "bonus_cap": "2,5",
            "penalty_cap": "5",
        },
    )
    plan = Plan.objects.get(term=cluster_term, title="Kế hoạch thi đua năm 2018")
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert plan.scales.get().bonus_cap == D("2.5")


def test_a_plan_without_a_title_or_with_a_foreign_term_is_not_created() -> None:
    before = Plan.objects.count()
    client = client_for("canbo.binhduong")
    url = reverse("plans:create") + "?nam=2018"
    data = {
        "term": term(4, 2018).pk,
        "title": " ",
        "maximum": "100",
        "bonus_cap": "0",
        "penalty_cap": "0",
    }
    assert client.post(url, data).status_code == 200
    foreign = dict(data, title="Kế hoạch cụm khác", term=term(3, 2023).pk)
    page = client.post(url, foreign)
    assert page.status_code == 200
    assert 'data-testid="error-term"' in page.content.decode()
    assert Plan.objects.count() == before


def test_the_detail_shows_basis_tasks_stages_scale_and_configuration() -> None:
    plan = small_plan(term(4, 2018))
    html = client_for("canbo.daklak").get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert '<html lang="vi">' in html
    assert "<li>Kết luận số 03-KL/BTCTW ngày 16-3-2017</li>" in html
    assert "Công tác tổ chức, cán bộ" in html
    assert "Công tác đảng viên" in html
    current = re.search(r'aria-current="step">(.*?)</li>', html, re.S)
    assert current is not None
    assert "Đăng ký thi đua" in current.group(1)
    for code in ["1", "1.1", "1.2", "2.3", "T.1", "K.1"]:
        assert f'data-testid="node-{code}"' in html
    assert 'data-testid="section-bonus"' in html
    assert 'data-testid="section-penalty"' in html
    assert "Bước điểm 0,25" in html
    assert "Phiên bản 1, tối đa 100 điểm" in html
    assert "Tự chấm; Chấm chéo" in html
    assert "Trung bình cộng" in html
    assert "Giữ đồng hạng" in html
    assert f'href="/cham-diem/ke-hoach/{plan.pk}/"' in html
    assert reverse("plans:registration", args=[plan.pk]) in html
    assert reverse("plans:covenant", args=[plan.pk]) in html


def test_head_controls_show_only_to_those_who_may_manage() -> None:
    plan = small_plan(term(4, 2018))
    url = reverse("plans:detail", args=[plan.pk])
    head_page = client_for("lanhdao.binhduong").get(url).content.decode()
    for testid in ["advance", "builder-link", "configure-link", "task-group-form"]:
        assert f'data-testid="{testid}"' in head_page, testid
    officer = staff_of(plain_member(plan.term), Role.UNIT_OFFICER)  # type: ignore[arg-type]
    for client in [client_for("canbo.daklak"), client_for("theodoi"), logged_in(officer)]:
        page = client.get(url).content.decode()
        for testid in ["advance", "builder-link", "configure-link", "task-group-form"]:
            assert f'data-testid="{testid}"' not in page, testid
        assert "Lưu hạn" not in page


def test_the_detail_runs_the_same_queries_however_many_criteria(
    django_assert_max_num_queries: object,
) -> None:
    cluster_term = term(4, 2018)
    head = staff_of(head_of(cluster_term))
    plan = plan_create(actor=head, term=cluster_term, title="Kế hoạch đếm truy vấn")
    scale = plan.scales.get()
    group = criterion_add(
        actor=head, scale=scale, code="1", title="Nhóm", kind=CriterionKind.GROUP, maximum=D(100)
    )
    client = logged_in(head)
    url = reverse("plans:detail", args=[plan.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for i in range(1, 21):
        criterion_add(
            actor=head,
            scale=scale,
            parent=group,
            code=f"1.{i}",
            title=f"Tiêu chí {i}",
            kind=CriterionKind.MANUAL,
            maximum=D(5),
        )
    assert count() == few
    with django_assert_max_num_queries(13):  # type: ignore[operator]
        client.get(url)


def test_a_scale_that_does_not_add_up_keeps_the_plan_in_draft_with_the_reasons() -> None:
    cluster_term = term(4, 2018)
    head = staff_of(head_of(cluster_term))
    plan = plan_create(actor=head, term=cluster_term, title="Kế hoạch chưa khớp")
    group = criterion_add(
        actor=head,
        scale=plan.scales.get(),
        code="1",
        title="Nhóm",
        kind=CriterionKind.GROUP,
        maximum=D(100),
    )
    criterion_add(
        actor=head,
        scale=plan.scales.get(),
        parent=group,
        code="1.1",
        title="Tiêu chí",
        kind=CriterionKind.MANUAL,
        maximum=D(90),
    )
    page = logged_in(head).post(reverse("plans:advance", args=[plan.pk])).content.decode()
    assert "Thang điểm chưa khớp, chưa thể ban hành." in page
    assert "Tiêu chí 1: Tổng điểm tối đa các tiêu chí con (90) khác điểm tối đa của nhóm" in page
    plan.refresh_from_db()
    assert plan.stage == PlanStage.DRAFT


def test_the_head_names_key_task_groups() -> None:
    plan = small_plan(term(4, 2018))
    url = reverse("plans:task_group_set", args=[plan.pk])
    response = client_for("canbo.binhduong").post(
        url, {"number": "3", "title": "Bảo vệ chính trị nội bộ"}
    )
    assert response.status_code == 302
    assert plan.task_groups.get(number=3).title == "Bảo vệ chính trị nội bộ"
    page = client_for("canbo.binhduong").post(url, {"number": "4", "title": ""}).content.decode()
    assert 'data-testid="error-title"' in page
    assert not plan.task_groups.filter(number=4).exists()


def _config(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "assessor_stages": ["self", "peer", "head"],
        "peer_mode": "all",
        "peer_method": "trimmed_mean",
        "combine": "weighted",
        "weight_self": "0,3",
        "weight_peer": "0,5",
        "weight_head": "0,2",
        "tie_rule_1": "group_higher",
        "tie_group_1": "1",
        "tie_rule_2": "bonus_higher",
        "dispute_threshold": "2,5",
    }
    data.update(overrides)
    return data


def test_the_head_configures_scoring_and_the_plan_reads_it_in_words() -> None:
    plan = small_plan(term(4, 2018))
    client = client_for("canbo.binhduong")
    url = reverse("plans:configure", args=[plan.pk])
    assert client.post(url, _config()).status_code == 302
    plan.refresh_from_db()
    assert plan.combine == Combine.WEIGHTED
    assert plan.weights == {"self": "0.3", "peer": "0.5", "head": "0.2"}
    assert plan.tie_breaks == [
        {"rule": TieRule.GROUP_HIGHER, "group": "1"},
        {"rule": TieRule.BONUS_HIGHER},
    ]
    assert plan.dispute_threshold == D("2.5")
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Trung bình bỏ điểm cao nhất và thấp nhất" in html
    assert "Tự chấm × 0,3;" in html
    assert "<li>Điểm nhóm tiêu chí 1 cao hơn</li><li>Điểm thưởng cao hơn</li>" in html
    assert "2,5 điểm" in html


def test_a_configuration_without_self_assessment_or_group_code_is_refused() -> None:
    plan = small_plan(term(4, 2018))
    client = client_for("canbo.binhduong")
    url = reverse("plans:configure", args=[plan.pk])
    page = client.post(url, _config(assessor_stages=["peer"])).content.decode()
    assert "Kế hoạch phải có vòng tự chấm." in page
    assert 'value="0,5"' in page  # what was typed stays
    page = client.post(url, _config(tie_group_1="")).content.decode()
    assert "Quy tắc theo điểm nhóm cần mã nhóm tiêu chí." in page
    plan.refresh_from_db()
    assert plan.combine == Combine.PRECEDENCE
    assert plan.assessor_stages == ["self", "peer"]
    assert client_for("hoidong").get(url).status_code == 403


def test_the_term_page_lists_its_plans() -> None:
    plan = small_plan(term(4, 2018))
    html = client_for("canbo.longan").get(reverse("web:term", args=[term(4, 2018).pk])).content
    listed = re.search(r'data-testid="term-plans">(.*?)</ul>', html.decode(), re.S)
    assert listed is not None
    assert reverse("plans:detail", args=[plan.pk]) in listed.group(1)
    assert "Kế hoạch thi đua" in client_for("theodoi").get("/").content.decode()


def test_the_observer_cannot_post_anything() -> None:
    plan = small_plan(term(4, 2018))
    node = plan.scales.get().criteria.get(code="1.1")
    bd = head_of(plan.term)
    client = client_for("theodoi")
    urls = [
        reverse("plans:create") + "?nam=2018",
        reverse("plans:advance", args=[plan.pk]),
        reverse("plans:deadline_set", args=[plan.pk]),
        reverse("plans:task_group_set", args=[plan.pk]),
        reverse("plans:configure", args=[plan.pk]),
        reverse("plans:criterion_add", args=[plan.pk]),
        reverse("plans:criterion_edit", args=[plan.pk, node.pk]),
        reverse("plans:criterion_delete", args=[plan.pk, node.pk]),
        reverse("plans:scale_limits", args=[plan.pk]),
        reverse("plans:scale_revise", args=[plan.pk]),
        reverse("plans:scale_issue", args=[plan.pk]),
        reverse("plans:registration", args=[plan.pk]),
        reverse("plans:registration_submit", args=[plan.pk]),
        reverse("plans:covenant_open", args=[plan.pk]),
        reverse("plans:covenant_sign", args=[plan.pk]),
        reverse("plans:unit_list", args=[bd.pk, 2018]),
        reverse("plans:unit_list_approve", args=[bd.pk, 2018]),
    ]
    data = {"title": "x", "text": "x", "reason": "x", "don_vi": bd.pk, "number": "5"}
    for url in urls:
        assert client.post(url, data).status_code == 403, url
    plan.refresh_from_db()
    assert plan.stage == PlanStage.REGISTRATION
    assert plan.scales.count() == 1
    assert not plan.task_groups.filter(number=5).exists()
