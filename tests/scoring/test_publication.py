"""Publication keeps the ranking of the submitted sheets as it was worked out by hand."""

from decimal import Decimal

import pytest

from tests.builders.assessments import published_plan
from thidua.plans.models import PlanStage
from thidua.scoring.models import Publication

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_published_ranking_is_the_one_worked_out_by_hand() -> None:
    plan, (a, b, c) = published_plan()  # the arithmetic is in its docstring
    assert plan.stage == PlanStage.PUBLISHED
    publication = Publication.objects.get(plan=plan)
    rows = {r.unit_id: r for r in publication.rows.all()}
    top = [(r.rank, r.total, r.base, r.bonus, r.penalty) for r in (rows[u.pk] for u in (a, b, c))]
    assert top == [
        (1, D("95.00"), D("93.00"), D("2.00"), D("0.00")),
        (2, D("85.67"), D("85.67"), D("0.00"), D("0.00")),
        (3, D("67.00"), D("71.00"), D("1.00"), D("5.00")),
    ]
    # The eight members without a sheet score nothing and share the fourth place.
    rest = [r for unit_id, r in rows.items() if unit_id not in {a.pk, b.pk, c.pk}]
    assert len(rest) == 8
    assert {(r.rank, r.total) for r in rest} == {(4, D("0.00"))}
    payload = publication.payload["ranking"]
    assert [(p["unit"], p["rank"], p["total"]) for p in payload[:3]] == [
        (str(a.pk), 1, "95.00"),
        (str(b.pk), 2, "85.67"),
        (str(c.pk), 3, "67.00"),
    ]
