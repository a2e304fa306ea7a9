"""A plan from draft to frozen scale: the head builds it, nobody else may."""

from decimal import Decimal
from typing import Any

import pytest

from tests.builders.clusters import head_of, term
from tests.builders.people import persona, staff_of
from tests.builders.plans import small_plan
from tests.builders.reports import catalogue
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.indicators.models import Indicator
from thidua.plans.models import CriterionKind, PlanStage
from thidua.plans.services.adopt import plan_adopt
from thidua.plans.services.plan import plan_advance, plan_create
from thidua.plans.services.scale import criterion_add, criterion_update, scale_issue, scale_revise

pytestmark = pytest.mark.django_db


def test_opening_registration_freezes_a_scale_that_adds_up() -> None:
    plan = small_plan(term(4, 2018))
    assert plan.stage == PlanStage.REGISTRATION
    scale = plan.scales.get()
    assert scale.is_frozen
    assert sum(c.maximum for c in scale.criteria.filter(parent=None, section="base")) == 100


def test_a_scale_whose_maxima_do_not_add_up_cannot_be_frozen() -> None:
    cluster_term = term(4, 2018)
    head = staff_of(head_of(cluster_term))
    plan = plan_create(actor=head, term=cluster_term, title="Kế hoạch thử")
    scale = plan.scales.get()
    group = criterion_add(
        actor=head,
        scale=scale,
        code="1",
        title="Nhóm",
        kind=CriterionKind.GROUP,
        maximum=Decimal(100),
    )
    criterion_add(
        actor=head,
        scale=scale,
        parent=group,
        code="1.1",
        title="Tiêu chí",
        kind=CriterionKind.MANUAL,
        maximum=Decimal(90),
    )
    with pytest.raises(ValidationFailedError) as refused:
        plan_advance(actor=head, plan=plan)
    assert "1" in refused.value.problems
    plan.refresh_from_db()
    scale.refresh_from_db()
    assert plan.stage == PlanStage.DRAFT
    assert not scale.is_frozen


def test_a_frozen_scale_changes_only_through_a_new_version_with_a_reason() -> None:
    plan = small_plan(term(4, 2018))
    head = staff_of(head_of(plan.term))
    scale = plan.scales.get()
    with pytest.raises(DomainError):
        criterion_update(actor=head, criterion=scale.criteria.get(code="1.1"), title="Khác")
    with pytest.raises(DomainError):
        scale_revise(actor=head, scale=scale, reason=" ")
    revised = scale_revise(actor=head, scale=scale, reason="Bổ sung tiêu chí theo Kết luận 03")
    criterion_update(actor=head, criterion=revised.criteria.get(code="1.1"), title="Khác")
    scale_issue(actor=head, scale=revised)
    assert revised.version == 2
    assert scale.criteria.get(code="1.1").title == "Tham mưu đề án"


def test_a_member_that_is_not_head_cannot_build_the_plan() -> None:
    cluster_term = term(4, 2018)
    with pytest.raises(PermissionDeniedError):
        plan_create(actor=persona("canbo.daklak"), term=cluster_term, title="Kế hoạch")
    with pytest.raises(PermissionDeniedError):
        plan_create(actor=persona("theodoi"), term=cluster_term, title="Kế hoạch")


def test_a_cluster_adopts_the_secretariats_sector_wide_plan_as_its_own_draft() -> None:
    secretariat = persona("thuongtruc")
    source = small_plan(term(4, 2018))
    sector_plan = plan_adopt(actor=secretariat, source=source, term=term(3, 2023))
    assert sector_plan.stage == PlanStage.DRAFT
    assert sector_plan.adopted_from == source
    copied = {c.code: (c.maximum, c.kind) for c in sector_plan.scales.get().criteria.all()}
    original = {c.code: (c.maximum, c.kind) for c in source.scales.get().criteria.all()}
    assert copied == original
    assert sector_plan.task_groups.count() == source.task_groups.count()
    group = sector_plan.scales.get().criteria.get(code="1").task_group
    assert group is not None
    assert group.plan == sector_plan


def test_a_board_outside_the_term_cannot_adopt_a_plan_for_it() -> None:
    source = small_plan(term(4, 2018))
    with pytest.raises(PermissionDeniedError):
        plan_adopt(actor=persona("lanhdao.binhduong"), source=source, term=term(3, 2023))


def test_a_criterion_links_to_an_indicator_only_when_scored_from_a_figure() -> None:
    catalogue()
    cluster_term = term(4, 2018)
    head = staff_of(head_of(cluster_term))
    plan = plan_create(actor=head, term=cluster_term, title="Kế hoạch thử")
    scale = plan.scales.get()
    indicator = Indicator.objects.get(code="new_party_members_admitted")
    fields: dict[str, Any] = {"title": "Kết nạp đảng viên", "maximum": Decimal(10)}
    with pytest.raises(ValidationFailedError) as refused:
        criterion_add(
            actor=head,
            scale=scale,
            code="1",
            kind=CriterionKind.MANUAL,
            indicator=indicator,
            **fields,
        )
    assert "Chỉ tiêu chí nhập số liệu" in " ".join(refused.value.problems["indicator_code"])
    assert not scale.criteria.exists()
    linked = criterion_add(
        actor=head, scale=scale, code="1", kind=CriterionKind.TARGET, indicator=indicator, **fields
    )
    assert linked.indicator == indicator
