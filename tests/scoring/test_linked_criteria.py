"""Criteria linked to an indicator read the actual value from the unit's accepted year-end
report (issue 4), never from a second entry on the score sheet.

The plan is ``small_plan`` on cluster 4 in 2018 with criterion 1.2 (target, 30 points) linked
to the new party members admitted; the first two members other than the head register a
target of 50 for it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders.people import staff_of
from tests.builders.plans import advance_to
from tests.builders.reports import indicator, period, report
from tests.scoring.linked_setup import (
    NEW_MEMBERS,
    REFUSAL,
    D,
    catalogue_loaded,
    linked_plan,
    other_members,
    peer_sheet,
    plan,
    reported,
    result_row,
    self_sheet,
    year_2018,
)
from thidua.accounts.models import Role
from thidua.core.errors import ValidationFailedError
from thidua.indicators.models import PeriodKind, ReportingPeriod, ReportStatus
from thidua.indicators.selectors.values import accepted_year_values
from thidua.indicators.services.reports import report_correct
from thidua.plans.models import Plan, PlanStage
from thidua.scoring.engine.types import Inputs, Stage
from thidua.scoring.models import Score
from thidua.scoring.selectors.inputs import plan_inputs
from thidua.scoring.services.assessments import Mark, assessment_fill

pytestmark = pytest.mark.django_db
__all__ = ["catalogue_loaded", "plan", "year_2018"]


def test_every_stage_scores_the_accepted_year_report_and_a_correction_rescores(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a, b = other_members(plan)[:2]
    accepted = reported(a, year_2018)  # 45 new members against a target of 50
    self_sheet(plan, a)
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    peer_sheet(plan, a, b)
    sheets = [s for s in plan_inputs(plan).sheets if s.unit == str(a.pk)]
    assert {s.stage for s in sheets} == {Stage.SELF, Stage.PEER}
    assert all(s.values["1.2"] == D(45) for s in sheets)
    row = result_row(plan, a)
    assert row.stage_points[("1.2", Stage.SELF)] == D(27)  # 90 % of 30 points
    assert row.stage_points[("1.2", Stage.PEER)] == D(27)
    assert row.points["1.2"] == D(27)
    report_correct(
        actor=staff_of(a),
        report=accepted,
        values={NEW_MEMBERS: (D(40), None)},
        reason="Rà soát lại danh sách kết nạp",
    )
    row = result_row(plan, a)
    assert row.points["1.2"] == D(24)  # 40 of 50: 80 % of 30 points
    assert row.stage_points[("1.2", Stage.PEER)] == D(24)


@pytest.mark.parametrize(
    "status", [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED]
)
def test_a_report_not_yet_accepted_gives_no_value(
    plan: Plan, year_2018: ReportingPeriod, status: str
) -> None:
    a = other_members(plan)[0]
    reported(a, year_2018, status)
    self_sheet(plan, a)
    assert all("1.2" not in s.values for s in plan_inputs(plan).sheets)
    assert result_row(plan, a).points["1.2"] == 0  # scored as if nothing was achieved
    assert accepted_year_values(unit_ids=[a.pk], year=2018, codes=[NEW_MEMBERS]) == {}


def test_a_mid_year_or_another_years_accepted_report_gives_no_value(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a = other_members(plan)[0]
    new_members = indicator(NEW_MEMBERS)
    report(a, period(2018, PeriodKind.MID_YEAR), {new_members: 30})
    report(a, period(2017), {new_members: 60})
    self_sheet(plan, a)
    assert all("1.2" not in s.values for s in plan_inputs(plan).sheets)
    assert result_row(plan, a).points["1.2"] == 0


def test_a_share_indicator_is_read_as_its_percentage(year_2018: ReportingPeriod) -> None:
    plan = linked_plan("job_position_schemes_approved", target=100)
    a, b = other_members(plan)[:2]
    reported(a, year_2018, job_position_schemes_approved=(18, 24))
    reported(b, year_2018, job_position_schemes_approved=(1, 3))
    found = accepted_year_values(
        unit_ids=[a.pk, b.pk], year=2018, codes=["job_position_schemes_approved"]
    )
    assert found == {
        (a.pk, "job_position_schemes_approved"): D("75.00"),
        (b.pk, "job_position_schemes_approved"): D("33.33"),
    }
    self_sheet(plan, a)
    assert result_row(plan, a).points["1.2"] == D("22.50")  # 75 % against a target of 100 %


def test_a_value_typed_for_a_linked_criterion_is_refused_by_the_service(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a = other_members(plan)[0]
    reported(a, year_2018)
    sheet = self_sheet(plan, a, submit=False)
    before = list(Score.objects.filter(assessment=sheet).values_list("pk", "points", "value"))
    officer = staff_of(a, Role.UNIT_OFFICER)
    for mark, message in [
        (Mark(value=D(45)), REFUSAL),
        (Mark(points=D(27)), "điểm do hệ thống tính"),
    ]:
        with pytest.raises(ValidationFailedError) as refused:
            assessment_fill(
                actor=officer, assessment=sheet, marks={"1.1": Mark(points=D(5)), "1.2": mark}
            )
        assert message in " ".join(refused.value.problems["1.2"])
    after = list(Score.objects.filter(assessment=sheet).values_list("pk", "points", "value"))
    assert after == before  # 1.1 kept its 20 points: nothing of the batch was written
    # An explanation alone is welcome: the figure stays the report's.
    assessment_fill(
        actor=officer, assessment=sheet, marks={"1.2": Mark(explanation="Theo báo cáo năm")}
    )
    assert Score.objects.get(assessment=sheet, criterion__code="1.2").value is None


def _queries_of_plan_inputs(plan: Plan) -> tuple[int, Inputs]:
    fresh = Plan.objects.get(pk=plan.pk)
    with CaptureQueriesContext(connection) as queries:
        inputs = plan_inputs(fresh)
    return len(queries), inputs


def test_plan_inputs_reads_the_reports_in_a_fixed_number_of_queries(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    units = other_members(plan)
    reported(units[0], year_2018)
    self_sheet(plan, units[0])
    few, inputs = _queries_of_plan_inputs(plan)
    assert len(inputs.sheets) == 1
    for number, unit in enumerate(units[1:], start=1):
        reported(unit, year_2018, new_party_members_admitted=40 + number)
        self_sheet(plan, unit)
    many, inputs = _queries_of_plan_inputs(plan)
    assert len(inputs.sheets) == len(units) > 3
    assert many == few <= 7  # one more than a plan without links: the figures, all at once
    assert {s.values["1.2"] for s in inputs.sheets} == {D(45)} | {
        D(40 + n) for n in range(1, len(units))
    }
