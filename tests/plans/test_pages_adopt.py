"""A sector-wide plan issued by the secretariat and adopted by a cluster, through the pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.builders.clusters import plain_members, term
from tests.builders.people import client_for, client_of, staff_of
from tests.builders.plans import small_plan
from thidua.accounts.models import Role
from thidua.plans.models import Criterion, CriterionKind, Plan, PlanStage

pytestmark = pytest.mark.django_db
D = Decimal


def _sector_plan() -> Plan:
    client = client_for("thuongtruc")
    response = client.post(
        reverse("plans:create") + "?nam=2018",
        {
            "term": "",
            "title": "Hướng dẫn thi đua toàn ngành năm 2018",
            "maximum": "100",
            "bonus_cap": "0",
            "penalty_cap": "0",
        },
    )
    assert response.status_code == 302
    return Plan.objects.get(title="Hướng dẫn thi đua toàn ngành năm 2018")


def test_the_secretariat_issues_a_sector_wide_plan() -> None:
    plan = _sector_plan()
    assert plan.term is None
    assert plan.is_sector_wide
    assert (plan.year, plan.stage) == (2018, PlanStage.DRAFT)


def test_a_cluster_head_may_not_issue_a_sector_wide_plan() -> None:
    term(4, 2018)  # Bình Dương heads cluster 4
    client = client_for("canbo.binhduong")
    before = Plan.objects.count()
    response = client.post(
        reverse("plans:create") + "?nam=2018",
        {
            "term": "",
            "title": "Kế hoạch không cụm",
            "maximum": "100",
            "bonus_cap": "0",
            "penalty_cap": "0",
        },
    )
    assert response.status_code == 200  # the form comes back: a term is required for a head
    assert Plan.objects.count() == before


def test_a_cluster_head_adopts_a_plan_as_its_draft_and_a_plain_member_may_not() -> None:
    cluster_term = term(4, 2018)
    sector = _sector_plan()
    head_client = client_for("canbo.binhduong")
    page = head_client.get(reverse("plans:detail", args=[sector.pk])).content.decode()
    assert 'data-testid="adopt-form"' in page
    member = plain_members(small_plan(cluster_term).term)[0]
    outsider = client_of(staff_of(member, Role.UNIT_OFFICER))
    page = outsider.get(reverse("plans:detail", args=[sector.pk])).content.decode()
    assert 'data-testid="adopt-form"' not in page
    before = Plan.objects.count()
    refused = outsider.post(
        reverse("plans:adopt", args=[sector.pk]), {"term": cluster_term.pk, "title": "Sao chép"}
    )
    assert refused.status_code == 403
    assert Plan.objects.count() == before
    response = head_client.post(
        reverse("plans:adopt", args=[sector.pk]),
        {"term": cluster_term.pk, "title": "Kế hoạch cụm 4 theo hướng dẫn toàn ngành"},
    )
    copy = Plan.objects.get(title="Kế hoạch cụm 4 theo hướng dẫn toàn ngành")
    assert response.status_code == 302
    assert (copy.term, copy.adopted_from, copy.stage) == (cluster_term, sector, PlanStage.DRAFT)


def test_a_plan_is_not_offered_for_adoption_to_its_own_cluster() -> None:
    source = small_plan(term(4, 2018))
    page = client_for("canbo.binhduong").get(reverse("plans:detail", args=[source.pk]))
    assert 'data-testid="adopt-form"' not in page.content.decode()


def test_an_adopted_plan_carries_the_source_scale_and_tasks() -> None:
    source = small_plan(term(4, 2018))
    other = term(1, 2025)
    source.year = other.year  # a plan is offered to the clusters of its own year
    source.save(update_fields=["year"])
    response = client_for("thuongtruc").post(
        reverse("plans:adopt", args=[source.pk]), {"term": other.pk, "title": "Bản áp dụng"}
    )
    assert response.status_code == 302
    copy = Plan.objects.get(adopted_from=source)
    copied = set(Criterion.objects.filter(scale__plan=copy).values_list("code", "kind", "maximum"))
    original = set(
        Criterion.objects.filter(scale__plan=source).values_list("code", "kind", "maximum")
    )
    assert copied == original
    assert ("1.2", CriterionKind.TARGET, D(30)) in copied
    assert copy.task_groups.count() == 2
