"""The inbox reads in a fixed number of queries: a person serving members of three clusters and
one serving members of six, with plans in every scoring stage, sheets, a covenant and reports,
cost the same number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.builders.clusters import boards_valid_in, cluster_term, unit
from tests.builders.people import account, staff_of
from tests.builders.plans import advance_to, small_plan
from tests.builders.reports import catalogue, indicator, open_period, report
from thidua.accounts.models import Role, User
from thidua.accounts.services import role_grant
from thidua.core.inbox import InboxKind
from thidua.indicators.models import ReportStatus
from thidua.plans.models import PlanStage
from thidua.plans.services.plan import deadline_set
from thidua.plans.services.registration import covenant_open
from thidua.scoring.services.assessments import assessment_open
from thidua.web.selectors.inbox import inbox_for

pytestmark = pytest.mark.django_db
STAGES = (PlanStage.REGISTRATION, PlanStage.SELF_ASSESSMENT, PlanStage.PEER_ASSESSMENT)


def _world(clusters: int) -> User:
    """A leader (of one member board per cluster, and of each cluster's head board) over
    ``clusters`` clusters of three members, each with a plan in one of the stages in turn."""
    catalogue()
    today = timezone.localdate()
    year = today.year
    reporting = open_period(year=year, title=f"Kỳ {clusters}", days_left=20, as_of=today)
    leader = account(f"lanhdao.nhieu.{clusters}")
    department = unit("BTCTW-VDP3")
    for i in range(clusters):
        members = boards_valid_in(year, 3)
        term = cluster_term(
            20 + 10 * clusters + i, year, members, head=members[0], department=department
        )
        plan = small_plan(term, stages=("self", "peer", "department"))
        head = staff_of(members[0])
        deadline_set(
            actor=head, plan=plan, stage=plan.stage, due=timezone.now() + dt.timedelta(days=9)
        )
        covenant_open(actor=head, plan=plan, title="Giao ước", text="Nội dung")
        plan = advance_to(plan, STAGES[i % len(STAGES)])
        if plan.stage == PlanStage.SELF_ASSESSMENT:
            assessment_open(
                actor=staff_of(members[1], Role.UNIT_OFFICER),
                plan=plan,
                unit=members[1],
                stage="self",
                assessor=members[1],
            )
        for board in (members[0], members[1]):
            role_grant(actor=None, user=leader, role=Role.UNIT_LEADER, unit=board)
        report(
            members[2],
            reporting,
            {indicator("new_party_members_admitted"): 3},
            status=ReportStatus.SUBMITTED,
        )
    return User.objects.get(pk=leader.pk)


def _counted(user: User) -> tuple[int, set[str]]:
    with CaptureQueriesContext(connection) as queries:
        entries = inbox_for(user=user)
    return len(queries), {e.item.kind for e in entries}


def test_the_inbox_costs_the_same_queries_for_three_clusters_and_for_six() -> None:
    small, small_kinds = _counted(_world(3))
    large, large_kinds = _counted(_world(6))
    # The worlds really hold work of every kind the leader is asked for.
    assert {InboxKind.REGISTER, InboxKind.SIGN, InboxKind.SHEET, InboxKind.REPORT} <= small_kinds
    assert InboxKind.DECIDE in small_kinds
    assert small_kinds == large_kinds
    assert small == large, (small, large)
