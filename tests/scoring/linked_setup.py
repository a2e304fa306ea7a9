"""Shared setup of the linked-criteria tests: a plan on cluster 4 in 2018 whose criterion 1.2
is linked to the new party members admitted, year-end reports, and score sheets."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tests.builders.clusters import head_of, members_of, term
from tests.builders.people import persona, staff_of
from tests.builders.plans import advance_to, small_plan
from thidua.accounts.models import Role
from thidua.core.files import stored_file_create
from thidua.indicators.models import PeriodKind, Report, ReportingPeriod, ReportStatus
from thidua.indicators.services.catalogue import indicator_catalogue_load
from thidua.indicators.services.periods import period_create
from thidua.indicators.services.reports import (
    report_accept,
    report_return,
    report_save,
    report_submit,
)
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services.registration import (
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.scoring.engine.compute import compute
from thidua.scoring.engine.types import UnitResult
from thidua.scoring.models import Assessment, Evidence
from thidua.scoring.selectors.inputs import plan_inputs
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
)

D = Decimal
NEW_MEMBERS = "new_party_members_admitted"
REFUSAL = "Số liệu của tiêu chí này lấy từ báo cáo năm đã được tiếp nhận, không nhập trên phiếu."
PDF = b"%PDF-1.4 de an"
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def catalogue_loaded() -> None:
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


def linked_plan(indicator_code: str = NEW_MEMBERS, target: int = 50) -> Plan:
    plan = small_plan(term(4, 2018), links={"1.2": indicator_code})
    criterion = plan.scales.get().criteria.get(code="1.2")
    head = staff_of(head_of(plan.term))
    # Two members register a target: enough for every test, and each registration costs
    # two staff accounts.
    for unit in other_members(plan)[:2]:
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
    return linked_plan()


def reported(
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


def self_sheet(plan: Plan, unit: Unit, *, submit: bool = True) -> Assessment:
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


def peer_sheet(plan: Plan, unit: Unit, assessor: Unit) -> Assessment:
    officer = staff_of(assessor, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="peer", assessor=assessor)
    marks = {"1.1": Mark(points=D(18)), "2.1": Mark(points=D(10)), "T.1": Mark(points=D(0))}
    assessment_fill(actor=officer, assessment=sheet, marks=marks)
    assessment_submit(actor=staff_of(assessor), assessment=sheet)
    return sheet


def result_row(plan: Plan, unit: Unit) -> UnitResult:
    result = compute(plan_inputs(plan))
    return next(r for r in result.ranking if r.unit == str(unit.pk))


def other_members(plan: Plan) -> list[Unit]:
    head = head_of(plan.term)
    return [u for u in members_of(plan.term) if u != head]
