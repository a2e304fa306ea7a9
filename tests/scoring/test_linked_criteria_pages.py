"""Linked criteria on the pages, in the API, in Excel and on the trace: the figure shown
read-only with the report it comes from, and a typed value refused with nothing saved."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.builders.clusters import head_of
from tests.builders.people import client_for, client_of, staff_of
from tests.builders.plans import advance_to
from tests.scoring.linked_setup import (
    HTMX,
    NEW_MEMBERS,
    REFUSAL,
    D,
    catalogue_loaded,
    other_members,
    plan,
    reported,
    self_sheet,
    year_2018,
)
from thidua.accounts.models import Role
from thidua.core.errors import ValidationFailedError
from thidua.indicators.models import ReportingPeriod
from thidua.indicators.services.reports import report_correct
from thidua.plans.models import Plan, PlanStage
from thidua.scoring.excel.build import score_sheet_build
from thidua.scoring.models import Score
from thidua.scoring.services.excel import score_sheet_upload
from thidua.scoring.services.round import explanation_open, plan_publish

pytestmark = pytest.mark.django_db
__all__ = ["catalogue_loaded", "plan", "year_2018"]


def test_a_value_typed_for_a_linked_criterion_is_refused_on_the_page_and_the_api(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a = other_members(plan)[0]
    reported(a, year_2018)
    sheet = self_sheet(plan, a, submit=False)
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
    a, b = other_members(plan)[:2]
    reported(a, year_2018)
    sheet_a = self_sheet(plan, a, submit=False)
    sheet_b = self_sheet(plan, b, submit=False)
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
    a, b = other_members(plan)[:2]
    reported(a, year_2018)
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
        sheet = self_sheet(plan, unit, submit=False)
        client = client_of(staff_of(unit, Role.UNIT_OFFICER))
        detail = client.get(f"/api/v1/assessments/{sheet.pk}").json()
        assert detail["linked"] == {"1.2": expected}
        assert "1.2" not in detail["scores"] or detail["scores"]["1.2"]["value"] is None


def test_the_excel_sheet_locks_the_linked_figure_and_refuses_another(
    plan: Plan, year_2018: ReportingPeriod
) -> None:
    a = other_members(plan)[0]
    reported(a, year_2018)
    sheet = self_sheet(plan, a, submit=False)
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
    a, b = other_members(plan)[:2]
    accepted = reported(a, year_2018)
    self_sheet(plan, a)
    self_sheet(plan, b)
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
