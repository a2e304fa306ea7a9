"""The plan interchange document: export and import round trips."""

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders.clusters import head_of, term
from tests.builders.people import persona, staff_of
from tests.builders.plans import small_plan
from tests.scoring.interchange_builders import played_year
from tests.scoring.interchange_schema import schema_errors
from thidua.audit.models import AuditEvent
from thidua.plans.models import CriterionKind, Plan, PlanStage
from thidua.plans.services.plan import plan_advance, plan_create
from thidua.plans.services.scale import criterion_add, criterion_update, scale_issue, scale_revise
from thidua.scoring.interchange.access import plan_import
from thidua.scoring.interchange.export import plan_document
from thidua.scoring.models import Evidence

pytestmark = pytest.mark.django_db


def _portable(document: dict[str, Any]) -> dict[str, Any]:
    """What must survive a round trip: all but the moment of export and the source's ids."""
    return {k: v for k, v in document.items() if k not in {"exported_at", "source"}}


def test_a_year_archived_and_imported_in_full_comes_back_the_same(
    settings: Any, tmp_path: Path
) -> None:
    plan = played_year(settings, tmp_path)
    original = json.loads(json.dumps(plan_document(plan), ensure_ascii=False))
    assert original["format"] == "thidua.plan"
    assert original["complete"] is True
    assert original["scales"][0]["criteria"][1]["maximum"] == "30.00"
    assert original["results"]["ranking"][0]["tied_with"] == ["BTC-80-63"]
    assert original["results"]["payload"]["ranking"][0]["unit"] == "BTC-74-63"
    assert len(original["plan"]["deadlines"]) == 6
    assert schema_errors(original) == {}

    restored = plan_import(
        actor=persona("thuongtruc"), document=original, term=term(4, 2018), mode="full"
    )

    assert restored.pk != plan.pk
    assert restored.stage == PlanStage.EXPLANATION
    assert _portable(plan_document(restored)) == _portable(original)
    # The evidence file was already kept here (same hash), so the new score links it again.
    assert Evidence.objects.filter(score__assessment__plan=restored).count() == 2
    event = AuditEvent.objects.filter(action="plan.import", object_id=str(restored.pk)).get()
    assert event.after is not None
    assert event.after["mode"] == "full"
    assert event.after["scores"] == 17
    assert event.after["files_not_carried"] == []


def test_evidence_not_kept_here_is_listed_in_the_audit_event(settings: Any, tmp_path: Path) -> None:
    plan = played_year(settings, tmp_path)
    document = plan_document(plan)
    missing = "ab" * 32
    document["assessments"][0]["scores"][0]["evidence"] = [
        {"name": "bien-ban.pdf", "sha256": missing, "size": 10}
    ]
    restored = plan_import(
        actor=persona("quantri"), document=document, term=term(4, 2018), mode="full"
    )
    event = AuditEvent.objects.get(action="plan.import", object_id=str(restored.pk))
    assert event.after is not None
    assert [f["sha256"] for f in event.after["files_not_carried"]] == [missing]


def test_another_cluster_reuses_the_latest_scale_as_a_draft(settings: Any, tmp_path: Path) -> None:
    source = small_plan(term(4, 2018))
    head = staff_of(head_of(source.term))
    revised = scale_revise(actor=head, scale=source.scales.get(), reason="Bổ sung")
    criterion_update(actor=head, criterion=revised.criteria.get(code="1.1"), title="Đề án mới")
    scale_issue(actor=head, scale=revised)
    target_term = term(1, 2025)
    target_head = staff_of(head_of(target_term))

    reused = plan_import(
        actor=target_head, document=plan_document(source), term=target_term, mode="scale"
    )

    assert reused.stage == PlanStage.DRAFT
    assert reused.term == target_term
    assert reused.year == 2025
    assert reused.assessor_stages == ["self", "peer"]
    scale = reused.scales.get()
    assert scale.version == 1
    assert not scale.is_frozen
    mine = list(scale.criteria.order_by("position").values_list("code", "maximum", "title"))
    theirs = list(revised.criteria.order_by("position").values_list("code", "maximum", "title"))
    assert mine == theirs
    parent, group = scale.criteria.get(code="1.1").parent, scale.criteria.get(code="1").task_group
    assert parent is not None
    assert parent.code == "1"
    assert group is not None
    assert group.number == 1
    assert not reused.registrations.exists()
    assert not reused.assessments.exists()
    plan_advance(actor=target_head, plan=reused)  # the copied scale adds up and can be issued


def test_dates_keep_their_moment_across_the_trip(settings: Any, tmp_path: Path) -> None:
    plan = played_year(settings, tmp_path)
    frozen = plan.scales.get().frozen_at
    document = plan_document(plan)
    assert dt.datetime.fromisoformat(document["scales"][0]["frozen_at"]) == frozen
    restored = plan_import(actor=None, document=document, term=term(4, 2018), mode="full")
    assert restored.scales.get().frozen_at == frozen


def _draft_plan_of(criteria: int) -> Plan:
    """A draft plan of cluster 4 in 2018 whose scale holds ``criteria`` criteria of equal
    weight (``criteria`` divides 100, the scale's maximum)."""
    head = staff_of(head_of(term(4, 2018)))
    plan = plan_create(actor=head, term=term(4, 2018), title=f"Kế hoạch {criteria} tiêu chí")
    scale = plan.scales.get()
    for number in range(1, criteria + 1):
        criterion_add(
            actor=head,
            scale=scale,
            code=str(number),
            title=f"Tiêu chí {number}",
            kind=CriterionKind.MANUAL,
            maximum=Decimal(100 // criteria),
        )
    return plan


def _queries_of(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_export_and_import_cost_the_same_queries_for_a_small_and_a_large_scale() -> None:
    """A query per criterion would show as more queries for the larger scale."""
    admin = persona("quantri")
    # Once unmeasured: the policy reads the actor's grants once a day and keeps them.
    plan_import(
        actor=admin, document=plan_document(_draft_plan_of(2)), term=term(4, 2018), mode="scale"
    )
    counts = []
    for size in (2, 10):
        plan = Plan.objects.get(pk=_draft_plan_of(size).pk)
        document = plan_document(plan)
        exported = _queries_of(partial(plan_document, plan))
        imported = _queries_of(
            partial(plan_import, actor=admin, document=document, term=term(4, 2018), mode="scale")
        )
        counts.append((exported, imported))
    assert counts[0] == counts[1]


def test_export_and_import_take_a_fixed_number_of_queries(
    settings: Any, tmp_path: Path, django_assert_max_num_queries: Any
) -> None:
    plan = played_year(settings, tmp_path)
    admin = persona("quantri")
    with django_assert_max_num_queries(22):
        document = plan_document(plan)
    with django_assert_max_num_queries(35):
        plan_import(actor=admin, document=document, term=term(4, 2018), mode="full")


@pytest.mark.usefixtures("demo_in_test")
def test_the_published_demo_year_survives_an_archive_round_trip() -> None:
    cluster_term = term(4, 2017)
    plan = Plan.objects.get(term=cluster_term, stage=PlanStage.PUBLISHED)
    original = json.loads(json.dumps(plan_document(plan), ensure_ascii=False))
    assert original["results"]["ranking"][0]["rank"] == 1
    assert len(original["registrations"]) == 11
    assert schema_errors(original) == {}
    restored = plan_import(
        actor=persona("quantri"), document=original, term=cluster_term, mode="full"
    )
    assert _portable(plan_document(restored)) == _portable(original)
