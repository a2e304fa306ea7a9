"""Criteria linked to an indicator read the actual value from the unit's accepted year-end
report (issue 4), never from a second entry on the score sheet.

The plan is ``small_plan`` on cluster 4 in 2018 with criterion 1.2 (target, 30 points) linked
to the new party members admitted; the first two members other than the head register a
target of 50 for it.
"""

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import client_for, persona, term
from tests.indicators.rollup_data import indicator, period, report
from tests.plan_fixtures import advance_to, client_of, head_of, members_of, small_plan, staff_of
from thidua.accounts.models import Role
from thidua.core.errors import ValidationFailedError
from thidua.core.files import stored_file_create
from thidua.indicators.catalogue import indicator_catalogue_load
from thidua.indicators.models import PeriodKind, Report, ReportingPeriod, ReportStatus
from thidua.indicators.selectors_values import accepted_year_values
from thidua.indicators.services import period_create
from thidua.indicators.services_reports import (
    report_accept,
    report_correct,
    report_return,
    report_save,
    report_submit,
)
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services_registration import (
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.scoring import engine
from thidua.scoring.excel import score_sheet_build, score_sheet_upload
from thidua.scoring.inputs import plan_inputs
from thidua.scoring.models import Assessment, Evidence, Score
from thidua.scoring.services import Mark, assessment_fill, assessment_open, assessment_submit
from thidua.scoring.services_round import explanation_open, plan_publish

pytestmark = pytest.mark.django_db
D = Decimal
NEW_MEMBERS = "new_party_members_admitted"
REFUSAL = "Số liệu của tiêu chí này lấy từ báo cáo năm đã được tiếp nhận, không nhập trên phiếu."
PDF = b"%PDF-1.4 de an"
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _catalogue() -> None:
    indicator_catalogue_load(actor=None)


@pytest.fixture
def year_2018() -> ReportingPeriod:
    return period_create(
        actor=persona("thuongtruc"),
        year=2018,
        kind=PeriodKind.YEAR,
        title="Tổng kết năm 2018",
        as_of=dt.date(2018, 11, 30),
        deadline=timezone.now() + dt.timedelta(days=30),
    )


def _linked_plan(indicator_code: str = NEW_MEMBERS, target: int = 50) -> Plan:
    plan = small_plan(term(4, 2018), links={"1.2": indicator_code})
    criterion = plan.scales.get().criteria.get(code="1.2")
    head = staff_of(head_of(plan.term))
    # Two members register a target: enough for every test, and each registration costs
    # two staff accounts.
    for unit in _others(plan)[:2]:
        registration = registration_save(
            actor=staff_of(unit, Role.UNIT_OFFICER),
            plan=plan,
            unit=unit,
            titles=[],
            targets={criterion.pk: D(target)},
        )
        registration_submit(actor=staff_of(unit), registration=registration)
        registration_accept(actor=head, registration=registration)
    return advance_to(plan, PlanStage.SELF_ASSESSMENT)


@pytest.fixture
def plan() -> Plan:
    return _linked_plan()


def _reported(
    unit: Unit, year: ReportingPeriod, status: str = ReportStatus.ACCEPTED, **values: Any
) -> Report:
    """The unit's year-end report through the services, taken as far as ``status``."""
    figures = {
        code: (D(v[0]), D(v[1])) if isinstance(v, tuple) else (D(v), None)
        for code, v in (values or {NEW_MEMBERS: 45}).items()
    }
    saved = report_save(
        actor=staff_of(unit, Role.UNIT_OFFICER),
        unit=unit,
        period=year,
        values=figures,
        results="Kết nạp đảng viên vượt kế hoạch.",
        limitations="",
        directions="",
    )
    if status == ReportStatus.DRAFT:
        return saved
    saved = report_submit(actor=staff_of(unit), report=saved)
    if status == ReportStatus.RETURNED:
        return report_return(actor=persona("thuongtruc"), report=saved, reason="Thiếu số liệu")
    if status == ReportStatus.ACCEPTED:
        return report_accept(actor=persona("thuongtruc"), report=saved)
    return saved


def _self_sheet(plan: Plan, unit: Unit, *, submit: bool = True) -> Assessment:
    """The unit's self-assessment with every criterion but the linked 1.2 marked."""
    officer = staff_of(unit, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    marks = {
        "1.1": Mark(points=D(20)),
        "2.1": Mark(points=D(10)),
        "2.2": Mark(value=D(0)),
        "2.3": Mark(value=D(100)),
        "T.1": Mark(points=D(0)),
        "K.1": Mark(value=D(0)),
    }
    scores = assessment_fill(actor=officer, assessment=sheet, marks=marks)
    if submit:
        Evidence.objects.create(
            score=next(s for s in scores if s.criterion.code == "1.1"),
            file=stored_file_create(name="de-an.pdf", content=PDF),
            uploaded_by=officer,
        )
        # Nothing was typed for 1.2, and the sheet is complete all the same.
        assessment_submit(actor=staff_of(unit), assessment=sheet)
    return sheet


def _peer_sheet(plan: Plan, unit: Unit, assessor: Unit) -> Assessment:
    officer = staff_of(assessor, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="peer", assessor=assessor)
    marks = {"1.1": Mark(points=D(18)), "2.1": Mark(points=D(10)), "T.1": Mark(points=D(0))}
    assessment_fill(actor=officer, assessment=sheet, marks=marks)
    assessment_submit(actor=staff_of(assessor), assessment=sheet)
    return sheet


def _row(plan: Plan, unit: Unit) -> engine.UnitResult:
    result = engine.compute(plan_inputs(plan))
    return next(r for r in result.ranking if r.unit == str(unit.pk))


def _others(plan: Plan) -> list[Unit]:
    head = head_of(plan.term)
    return [u for u in members_of(plan.term) if u != head]


def test_every_stage_scores_the_accepted_year_report_and_a_correction_rescores(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a, b = _others(plan)[:2]
    accepted = _reported(a, year_2018)  # 45 new members against a target of 50
    _self_sheet(plan, a)
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    _peer_sheet(plan, a, b)
    sheets = [s for s in plan_inputs(plan).sheets if s.unit == str(a.pk)]
    assert {s.stage for s in sheets} == {engine.Stage.SELF, engine.Stage.PEER}
    assert all(s.values["1.2"] == D(45) for s in sheets)
    row = _row(plan, a)
    assert row.stage_points[("1.2", engine.Stage.SELF)] == D(27)  # 90 % of 30 points
    assert row.stage_points[("1.2", engine.Stage.PEER)] == D(27)
    assert row.points["1.2"] == D(27)
    report_correct(
        actor=staff_of(a),
        report=accepted,
        values={NEW_MEMBERS: (D(40), None)},
        reason="Rà soát lại danh sách kết nạp",
    )
    row = _row(plan, a)
    assert row.points["1.2"] == D(24)  # 40 of 50: 80 % of 30 points
    assert row.stage_points[("1.2", engine.Stage.PEER)] == D(24)


@pytest.mark.parametrize(
    "status", [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED]
)
def test_a_report_not_yet_accepted_gives_no_value(
    plan: Plan, year_2018: ReportingPeriod, status: str
) -> None:
    a = _others(plan)[0]
    _reported(a, year_2018, status)
    _self_sheet(plan, a)
    assert all("1.2" not in s.values for s in plan_inputs(plan).sheets)
    assert _row(plan, a).points["1.2"] == 0  # scored as if nothing was achieved
    assert accepted_year_values(unit_ids=[a.pk], year=2018, codes=[NEW_MEMBERS]) == {}


def test_a_mid_year_or_another_years_accepted_report_gives_no_value(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a = _others(plan)[0]
    new_members = indicator(NEW_MEMBERS)
    report(a, period(2018, PeriodKind.MID_YEAR), {new_members: 30})
    report(a, period(2017), {new_members: 60})
    _self_sheet(plan, a)
    assert all("1.2" not in s.values for s in plan_inputs(plan).sheets)
    assert _row(plan, a).points["1.2"] == 0


def test_a_share_indicator_is_read_as_its_percentage(year_2018: ReportingPeriod) -> None:
    plan = _linked_plan("job_position_schemes_approved", target=100)
    a, b = _others(plan)[:2]
    _reported(a, year_2018, job_position_schemes_approved=(18, 24))
    _reported(b, year_2018, job_position_schemes_approved=(1, 3))
    found = accepted_year_values(
        unit_ids=[a.pk, b.pk], year=2018, codes=["job_position_schemes_approved"]
    )
    assert found == {
        (a.pk, "job_position_schemes_approved"): D("75.00"),
        (b.pk, "job_position_schemes_approved"): D("33.33"),
    }
    _self_sheet(plan, a)
    assert _row(plan, a).points["1.2"] == D("22.50")  # 75 % against a target of 100 %


def test_a_value_typed_for_a_linked_criterion_is_refused_by_the_service(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a = _others(plan)[0]
    _reported(a, year_2018)
    sheet = _self_sheet(plan, a, submit=False)
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


def test_a_value_typed_for_a_linked_criterion_is_refused_on_the_page_and_the_api(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a = _others(plan)[0]
    _reported(a, year_2018)
    sheet = _self_sheet(plan, a, submit=False)
    before = Score.objects.count()
    criterion = sheet.scale.criteria.get(code="1.2")
    client = client_of(staff_of(a, Role.UNIT_OFFICER))
    url = reverse("scoring:mark_save", args=[sheet.pk, criterion.pk])
    html = client.post(url, {"value": "50"}, headers=HTMX).content.decode()
    assert REFUSAL in html
    assert client.post(url, {"value": "50"}).status_code == 400
    api = client.put(
        f"/api/v1/assessments/{sheet.pk}/scores",
        {"1.1": {"points": 25}, "1.2": {"value": 50}},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert api.json()["errors"] == [{"field": "1.2", "message": REFUSAL}]
    assert Score.objects.count() == before
    assert Score.objects.get(assessment=sheet, criterion__code="1.1").points == D(20)


def _section(html: str, code: str) -> str:
    start = html.index(f'data-testid="criterion-{code}"')
    return html[start : html.index("</section>", start)]


def test_the_sheet_shows_the_linked_figure_read_only_with_its_source(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a, b = _others(plan)[:2]
    _reported(a, year_2018)
    sheet_a = _self_sheet(plan, a, submit=False)
    sheet_b = _self_sheet(plan, b, submit=False)
    client = client_of(staff_of(a, Role.UNIT_OFFICER))
    page = client.get(reverse("scoring:sheet", args=[sheet_a.pk])).content.decode()
    linked = _section(page, "1.2")
    assert 'data-testid="linked-value">45<' in linked
    assert "Nguồn: Tổng kết năm 2018" in linked
    assert 'name="value"' not in linked  # no entry for the figure, only the explanation
    assert 'name="explanation"' in linked
    # 20 + 27 (45 of 50) + 10 + 10 (no returned paper) + 20 (best of one) = 87 on this sheet.
    assert 'data-testid="total">87<' in page
    other = client_of(staff_of(b, Role.UNIT_OFFICER))
    page = other.get(reverse("scoring:sheet", args=[sheet_b.pk])).content.decode()
    linked = _section(page, "1.2")
    assert "chưa có báo cáo năm được tiếp nhận" in linked
    assert 'data-testid="linked-value">—<' in linked
    assert 'data-testid="total">60<' in page


def test_the_api_gives_the_linked_figure_with_its_source(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a, b = _others(plan)[:2]
    _reported(a, year_2018)
    for unit, expected in [
        (a, {"indicator": NEW_MEMBERS, "value": "45.00", "source": "Tổng kết năm 2018"}),
        (
            b,
            {
                "indicator": NEW_MEMBERS,
                "value": None,
                "source": "chưa có báo cáo năm được tiếp nhận",
            },
        ),
    ]:
        sheet = _self_sheet(plan, unit, submit=False)
        client = client_of(staff_of(unit, Role.UNIT_OFFICER))
        detail = client.get(f"/api/v1/assessments/{sheet.pk}").json()
        assert detail["linked"] == {"1.2": expected}
        assert "1.2" not in detail["scores"] or detail["scores"]["1.2"]["value"] is None


def test_the_excel_sheet_locks_the_linked_figure_and_refuses_another(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a = _others(plan)[0]
    _reported(a, year_2018)
    sheet = _self_sheet(plan, a, submit=False)
    officer = staff_of(a, Role.UNIT_OFFICER)
    content = score_sheet_build(sheet)
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Phieu cham"]
    row = next(r[0].row for r in ws.iter_rows(min_row=10) if r[0].value == "1.2")
    assert ws[f"F{row}"].value == 45
    assert ws[f"F{row}"].protection.locked
    assert not ws[f"G{row}"].protection.locked  # the explanation is still an entry
    assert "Tổng kết năm 2018" in str(ws[f"C{row}"].value)
    assert not any(f"F{row}" in rule.sqref for rule in ws.data_validations.dataValidation)
    # Sent back as it came, with an explanation: the figure is not a mark, the note is.
    ws[f"G{row}"] = "Số liệu theo báo cáo năm"
    out = io.BytesIO()
    wb.save(out)
    assert score_sheet_upload(actor=officer, assessment=sheet, content=out.getvalue()) == 7
    assert Score.objects.get(assessment=sheet, criterion__code="1.2").value is None
    ws[f"F{row}"] = 50
    ws[f"G{row}"] = "Sửa số liệu"
    out = io.BytesIO()
    wb.save(out)
    before = list(Score.objects.filter(assessment=sheet).values_list("explanation", "value"))
    with pytest.raises(ValidationFailedError) as refused:
        score_sheet_upload(actor=officer, assessment=sheet, content=out.getvalue())
    assert [REFUSAL] in refused.value.problems.values()
    after = list(Score.objects.filter(assessment=sheet).values_list("explanation", "value"))
    assert after == before


def test_the_trace_names_the_report_behind_a_linked_figure(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a, b = _others(plan)[:2]
    accepted = _reported(a, year_2018)
    _self_sheet(plan, a)
    _self_sheet(plan, b)
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    head = staff_of(head_of(plan.term))
    explanation_open(actor=head, plan=plan)
    plan.refresh_from_db()
    plan_publish(actor=head, plan=plan)
    client = client_for("canbo.longan")
    html = client.get(reverse("scoring:trace", args=[plan.pk, a.pk])).content.decode()
    assert "Số liệu thực hiện 45, nguồn: Tổng kết năm 2018" in html
    assert 'data-testid="trace-corrected"' not in html
    html = client.get(reverse("scoring:trace", args=[plan.pk, b.pk])).content.decode()
    assert "nguồn: chưa có báo cáo năm được tiếp nhận" in html
    report_correct(
        actor=staff_of(a), report=accepted, values={NEW_MEMBERS: (D(48), None)}, reason="Bổ sung"
    )
    html = client.get(reverse("scoring:trace", args=[plan.pk, a.pk])).content.decode()
    assert "Số liệu thực hiện 48, nguồn: Tổng kết năm 2018 (số liệu đã điều chỉnh lần 1)" in html
    assert 'data-testid="trace-corrected"' in html


def _queries_of_plan_inputs(plan: Plan) -> tuple[int, engine.Inputs]:
    fresh = Plan.objects.get(pk=plan.pk)
    with CaptureQueriesContext(connection) as queries:
        inputs = plan_inputs(fresh)
    return len(queries), inputs


def test_plan_inputs_reads_the_reports_in_a_fixed_number_of_queries(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    units = _others(plan)
    _reported(units[0], year_2018)
    _self_sheet(plan, units[0])
    few, inputs = _queries_of_plan_inputs(plan)
    assert len(inputs.sheets) == 1
    for number, unit in enumerate(units[1:], start=1):
        _reported(unit, year_2018, new_party_members_admitted=40 + number)
        _self_sheet(plan, unit)
    many, inputs = _queries_of_plan_inputs(plan)
    assert len(inputs.sheets) == len(units) > 3
    assert many == few <= 7  # one more than a plan without links: the figures, all at once
    assert {s.values["1.2"] for s in inputs.sheets} == {D(45)} | {
        D(40 + n) for n in range(1, len(units))
    }
