"""The migrations that moved plans' data keep it: the workflow history taken over by ``core``,
and the criteria's indicator codes turned into keys of the catalogue.

Each test migrates the database back to the state before the move, writes rows there through
the historical models, and migrates forward again. PostgreSQL runs schema changes inside the
test's transaction, so everything is rolled back afterwards.
"""

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

from tests.builders.clusters import term
from tests.builders.people import persona
from tests.builders.reports import catalogue

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="schema changes inside a test: PostgreSQL"
    ),
]


@pytest.fixture(autouse=True)
def _a_year_in_use() -> None:
    """A cluster term, an account and the catalogue, there before the migrations are undone."""
    term(4, 2018)
    persona("quantri")
    catalogue()


BEFORE = [("plans", "0001_initial"), ("core", "0001_initial"), ("indicators", "0001_initial")]


def _fire_deferred_checks() -> None:
    """Run the deferred foreign-key checks of the rows written so far: PostgreSQL refuses to
    alter a table (dropping a key that points at it, too) while trigger events are pending."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _migrate_back() -> tuple[MigrationExecutor, StateApps]:
    executor = MigrationExecutor(connection)
    _fire_deferred_checks()
    executor.migrate(BEFORE)
    return executor, executor.loader.project_state(BEFORE).apps


def _migrate_forward(executor: MigrationExecutor) -> None:
    """Forward one migration at a time, as ``migrate`` commits each one: here every step shares
    the test's transaction, so the deferred foreign-key checks of the rows written before are
    fired between steps (PostgreSQL refuses to alter a table with trigger events pending)."""
    executor.loader.build_graph()
    for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes()):
        _fire_deferred_checks()
        executor.migrate([(migration.app_label, migration.name)])
        executor.loader.build_graph()


def _old_criterion(apps: StateApps, code: str, indicator_code: str) -> Any:
    user = apps.get_model("accounts", "User").objects.first()
    term = apps.get_model("orgs", "ClusterTerm").objects.first()
    plan = apps.get_model("plans", "Plan").objects.create(
        term=term, sector=term.cluster.sector, year=term.year, title="Kế hoạch cũ"
    )
    scale = apps.get_model("plans", "Scale").objects.create(
        plan=plan, version=1, maximum=100, bonus_cap=0, penalty_cap=0
    )
    apps.get_model("plans", "Transition").objects.create(
        object_type="plans.plan",
        object_id=plan.pk,
        from_status="draft",
        to_status="registration",
        by=user,
        reason="Lịch sử trước khi chuyển",
    )
    return apps.get_model("plans", "Criterion").objects.create(
        scale=scale,
        code=code,
        title="Kết nạp đảng viên",
        kind="target",
        maximum=10,
        indicator_code=indicator_code,
    )


def test_the_workflow_history_and_the_indicator_links_survive_the_move() -> None:
    from thidua.core.models import Transition
    from thidua.plans.models import Criterion

    executor, old = _migrate_back()
    history_before = old.get_model("plans", "Transition").objects.count()
    linked = _old_criterion(old, "1.2", "new_party_members_admitted")
    plain = _old_criterion(old, "1.3", "")
    _migrate_forward(executor)

    assert Transition.objects.count() == history_before + 2
    user = old.get_model("accounts", "User").objects.first()
    moved = Transition.objects.filter(reason="Lịch sử trước khi chuyển")
    assert [(t.object_type, t.to_status, t.by_id) for t in moved] == 2 * [
        ("plans.plan", "registration", user.pk)
    ]
    indicator = Criterion.objects.get(pk=linked.pk).indicator
    assert indicator is not None
    assert indicator.code == "new_party_members_admitted"
    assert Criterion.objects.get(pk=plain.pk).indicator is None


def test_a_link_to_a_code_outside_the_catalogue_stops_the_migration_naming_it() -> None:
    executor, old = _migrate_back()
    _old_criterion(old, "1.2", "chi_tieu_da_xoa")
    with pytest.raises(RuntimeError, match=r"tiêu chí 1\.2: “chi_tieu_da_xoa”"):
        _migrate_forward(executor)
