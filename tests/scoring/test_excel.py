"""The Excel round trip of a score sheet: real .xlsx files written, filled and read back."""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.builders.clusters import head_of, plain_members, term
from tests.builders.people import client_of, persona, staff_of
from tests.builders.plans import advance_to, small_plan
from thidua.accounts.models import Role, User
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services.scale import scale_issue, scale_revise
from thidua.scoring.excel.build import score_sheet_build
from thidua.scoring.excel.read import score_sheet_read
from thidua.scoring.models import Assessment, Score
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
    evidence_attach,
)
from thidua.scoring.services.excel import score_sheet_upload

pytestmark = pytest.mark.django_db
D = Decimal
POINTS, VALUE, EXPLANATION = "E", "F", "G"
LEAVES = {"1.1": POINTS, "1.2": VALUE, "2.1": POINTS, "2.2": VALUE, "2.3": VALUE}
LEAVES |= {"T.1": POINTS, "K.1": VALUE}


@pytest.fixture
def plan() -> Plan:
    return advance_to(small_plan(term(4, 2018)), PlanStage.SELF_ASSESSMENT)


def _head(plan: Plan) -> User:
    assert plan.term is not None
    return staff_of(head_of(plan.term))


def _sheet(plan: Plan, unit: Unit) -> Assessment:
    officer = staff_of(unit, Role.UNIT_OFFICER)
    return assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)


@pytest.fixture
def unit(plan: Plan) -> Unit:
    return plain_members(plan.term)[0]


@pytest.fixture
def officer(unit: Unit) -> User:
    return staff_of(unit, Role.UNIT_OFFICER)


@pytest.fixture
def sheet(plan: Plan, unit: Unit) -> Assessment:
    return _sheet(plan, unit)


def _rows(ws: Worksheet) -> dict[str, int]:
    """The row of each criterion code in the table (column A)."""
    return {str(row[0].value): row[0].row for row in ws.iter_rows(min_row=10) if row[0].value}


def _filled(content: bytes, entries: dict[str, Any]) -> bytes:
    """Type into the downloaded sheet as a user would: ``{"1.1": 27.25, "1.1/G": "text"}``."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Phieu cham"]
    rows = _rows(ws)
    for key, value in entries.items():
        code, _slash, column = key.partition("/")
        ws[f"{column or LEAVES[code]}{rows[code]}"] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _refused(sheet: Assessment, officer: User, content: bytes) -> ValidationFailedError:
    before = Score.objects.count()
    with pytest.raises(ValidationFailedError) as refused:
        score_sheet_upload(actor=officer, assessment=sheet, content=content)
    assert Score.objects.count() == before
    return refused.value


def test_the_downloaded_sheet_carries_the_tree_protection_and_validation(
    sheet: Assessment,
) -> None:
    wb = load_workbook(io.BytesIO(score_sheet_build(sheet)))
    assert wb.sheetnames == ["Phieu cham", "_thidua"]
    assert wb["_thidua"].sheet_state == "hidden"
    ws = wb["Phieu cham"]
    heading = " ".join(str(ws.cell(row=r, column=1).value) for r in range(1, 8))
    assert sheet.unit.name in heading
    assert sheet.plan.title in heading
    assert "phiên bản 1" in heading
    assert "Tự chấm" in heading
    rows = _rows(ws)
    assert list(rows) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "T.1", "K.1"]
    assert ws[f"D{rows['1.1']}"].value == 30
    assert ws[f"D{rows['2']}"].value == 40
    assert ws[f"B{rows['2']}"].font.b
    assert ws[f"B{rows['2.1']}"].alignment.indent > ws[f"B{rows['2']}"].alignment.indent
    assert "bắt buộc" in str(ws[f"H{rows['1.1']}"].value).lower()
    assert ws[f"B{rows['1.1']}"].font.name == "Times New Roman"
    assert ws.protection.sheet
    assert ws.freeze_panes == "C10"
    for code, row in rows.items():
        entry = LEAVES.get(code)
        for column in "ABCDEFGH":
            unlocked = column in {entry, EXPLANATION} and entry is not None
            assert ws[f"{column}{row}"].protection.locked is not unlocked, (code, column)
    rules = ws.data_validations.dataValidation

    def rule_at(cell: str) -> Any:
        (found,) = [r for r in rules if cell in r.sqref]
        return found

    manual = rule_at(f"E{rows['1.1']}")
    assert (manual.type, manual.operator, manual.formula1, manual.formula2) == (
        "decimal",
        "between",
        "0",
        "30",
    )
    assert "từ 0 đến 30" in manual.error
    assert manual.showErrorMessage
    pass_fail = rule_at(f"E{rows['2.1']}")
    assert (pass_fail.type, pass_fail.formula1) == ("list", '"0,10"')
    value = rule_at(f"F{rows['1.2']}")
    assert (value.type, value.operator, value.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert "không âm" in value.error


def test_a_filled_sheet_is_saved_and_comes_back_prefilled(sheet: Assessment, officer: User) -> None:
    content = _filled(
        score_sheet_build(sheet),
        {
            "1.1": "27,25",
            "1.1/G": "Đã tham mưu 3 đề án",
            "1.2": 45,
            "2.1": "10",
            "2.3": 120.5,
            "K.1": 0,
        },
    )
    assert score_sheet_upload(actor=officer, assessment=sheet, content=content) == 5
    saved = {s.criterion.code: s for s in sheet.scores.select_related("criterion")}
    assert sorted(saved) == ["1.1", "1.2", "2.1", "2.3", "K.1"]  # empty rows are not marks
    assert saved["1.1"].points == D("27.25")
    assert saved["1.1"].explanation == "Đã tham mưu 3 đề án"
    assert [saved[c].value for c in ["1.2", "2.3", "K.1"]] == [45, D("120.5"), 0]
    assert saved["2.1"].points == 10
    ws = load_workbook(io.BytesIO(score_sheet_build(sheet)))["Phieu cham"]
    rows = _rows(ws)
    assert ws[f"E{rows['1.1']}"].value == 27.25
    assert ws[f"G{rows['1.1']}"].value == "Đã tham mưu 3 đề án"


@pytest.mark.parametrize(
    ("code", "typed", "reason"),
    [
        ("1.1", 31, "Điểm 31 vượt điểm tối đa 30."),
        ("1.1", "-1", "Điểm không được âm."),
        ("1.1", "abc", "“abc” không phải là số"),
        ("1.1", "2,1", "Điểm phải theo bước 0,25."),
        ("2.1", 5, "chỉ nhận 0 hoặc 10 điểm"),
        ("1.2", "nhiều", "“nhiều” không phải là số"),
        ("2.3", -3, "Số liệu không được âm."),
        ("2.2", "1,255", "quá hai chữ số thập phân"),
    ],
)
def test_a_bad_cell_is_refused_with_its_row_and_criterion_and_nothing_is_saved(
    sheet: Assessment, officer: User, code: str, typed: Any, reason: str
) -> None:
    content = score_sheet_build(sheet)
    row = _rows(load_workbook(io.BytesIO(content))["Phieu cham"])[code]
    refused = _refused(sheet, officer, _filled(content, {"2.1": 10, code: typed}))
    assert refused.message == "Tệp Excel có lỗi, chưa lưu gì."
    place = f"Dòng {row} — tiêu chí {code}"
    assert list(refused.problems) == [place]
    assert reason in " ".join(refused.problems[place])


def test_every_bad_cell_is_reported_at_once(sheet: Assessment, officer: User) -> None:
    content = _filled(score_sheet_build(sheet), {"1.1": 99, "2.1": "x", "2.3": -1, "T.1": 1})
    refused = _refused(sheet, officer, content)
    codes = sorted(place.rsplit(" ", 1)[1] for place in refused.problems)
    assert codes == ["1.1", "2.1", "2.3"]


def test_a_moved_or_edited_row_is_refused(sheet: Assessment, officer: User) -> None:
    content = _filled(score_sheet_build(sheet), {"2.1": 10, "1.1/A": "1.9"})
    refused = _refused(sheet, officer, content)
    assert "dời chỗ" in " ".join(*refused.problems.values())


def test_the_sheet_of_another_unit_is_refused(plan: Plan, sheet: Assessment) -> None:
    other = plain_members(plan.term)[1]
    theirs = _sheet(plan, other)
    content = _filled(score_sheet_build(sheet), {"2.1": 10})
    refused = _refused(theirs, staff_of(other, Role.UNIT_OFFICER), content)
    assert f"đơn vị có mã {sheet.unit.code}, không phải" in refused.message
    assert refused.problems == {}


def test_a_sheet_of_an_older_scale_version_is_refused(plan: Plan, sheet: Assessment) -> None:
    old = _filled(score_sheet_build(sheet), {"2.1": 10})
    head = _head(plan)
    revised = scale_revise(actor=head, scale=sheet.scale, reason="Sửa theo Kết luận 03")
    scale_issue(actor=head, scale=revised)
    other = plain_members(plan.term)[1]
    fresh = _sheet(plan, other)
    assert fresh.scale.version == 2
    refused = _refused(fresh, staff_of(other, Role.UNIT_OFFICER), old)
    assert refused.message.startswith(
        "Phiếu chấm được lập cho thang điểm phiên bản 1, không phải phiên bản 2"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Ma,Diem\n1.1,20\n", "không phải tệp Excel (.xlsx) hợp lệ"),
        (b"%PDF-1.4 not a workbook", "không phải tệp Excel (.xlsx) hợp lệ"),
        (b"PK\x03\x04 broken zip", "không phải tệp Excel (.xlsx) hợp lệ"),
        (b"", "rỗng"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(
    sheet: Assessment, officer: User, content: bytes, reason: str
) -> None:
    assert reason in _refused(sheet, officer, content).message


def test_a_workbook_that_is_not_a_score_sheet_is_refused(sheet: Assessment, officer: User) -> None:
    wb = Workbook()
    wb.active["A1"] = "1.1"  # type: ignore[index]
    out = io.BytesIO()
    wb.save(out)
    assert "không phải phiếu chấm" in _refused(sheet, officer, out.getvalue()).message


def test_a_submitted_sheet_cannot_be_uploaded_again(
    sheet: Assessment, unit: Unit, officer: User
) -> None:
    marks = {"1.1": D(20), "2.1": D(10), "T.1": D(0)}
    values = {"1.2": D(40), "2.2": D(0), "2.3": D(10), "K.1": D(0)}
    assessment_fill(
        actor=officer,
        assessment=sheet,
        marks={c: Mark(points=p) for c, p in marks.items()}
        | {c: Mark(value=v) for c, v in values.items()},
    )
    score = sheet.scores.get(criterion__code="1.1")
    evidence_attach(actor=officer, score=score, name="de-an.pdf", content=b"%PDF-1.4 minh chung")
    assessment_submit(actor=staff_of(unit), assessment=sheet)
    content = _filled(score_sheet_build(sheet), {"1.1": 30})
    with pytest.raises(DomainError, match="đã gửi"):
        score_sheet_upload(actor=officer, assessment=sheet, content=content)
    assert sheet.scores.get(criterion__code="1.1").points == 20


def test_reading_does_not_need_the_sheet_to_be_writable(sheet: Assessment) -> None:
    content = _filled(score_sheet_build(sheet), {"2.1": "0", "2.2": "3"})
    assert score_sheet_read(sheet, content) == {
        "2.1": Mark(points=D(0)),
        "2.2": Mark(value=D(3)),
    }


# The pages: who may download, and what an upload answers.


def test_the_officer_and_the_head_download_an_outsider_gets_404(
    plan: Plan, sheet: Assessment, officer: User
) -> None:
    url = reverse("scoring:sheet_xlsx", args=[sheet.pk])
    response = client_of(officer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="phieu-cham-{sheet.unit.code}-self.xlsx"' in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.getvalue())).sheetnames[0] == "Phieu cham"
    assert client_of(_head(plan)).get(url).status_code == 200
    other_member = staff_of(plain_members(plan.term)[1], Role.UNIT_OFFICER)
    for outsider in [persona("canbo.daklak"), other_member]:
        assert client_of(outsider).get(url).status_code == 404
    missing = reverse("scoring:sheet_xlsx", args=[sheet.pk + 10_000])
    assert client_of(officer).get(missing).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_an_upload_with_bad_cells_lists_every_problem_and_saves_nothing(
    sheet: Assessment, officer: User
) -> None:
    content = _filled(score_sheet_build(sheet), {"1.1": 31, "2.1": "abc", "T.1": 1})
    url = reverse("scoring:sheet_xlsx_upload", args=[sheet.pk])
    upload = io.BytesIO(content)
    upload.name = "phieu.xlsx"
    response = client_of(officer).post(url, {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count('data-testid="excel-problem"') == 2
    assert "tiêu chí 1.1" in html
    assert "“abc” không phải là số" in html
    assert Score.objects.filter(assessment=sheet).count() == 0


def test_a_good_upload_redirects_to_a_local_next_only(sheet: Assessment, officer: User) -> None:
    url = reverse("scoring:sheet_xlsx_upload", args=[sheet.pk])
    client = client_of(officer)
    for next_url, expected in [
        ("/cum/?nam=2018", "/cum/?nam=2018"),
        ("https://evil.example/", "/"),
    ]:
        upload = io.BytesIO(_filled(score_sheet_build(sheet), {"2.1": 10}))
        upload.name = "phieu.xlsx"
        response = client.post(url, {"file": upload, "next": next_url})
        assert response.status_code == 302
        assert response["Location"] == expected
    assert sheet.scores.get(criterion__code="2.1").points == 10
    page = client.get("/").content.decode()
    assert "Đã lưu điểm của 1 tiêu chí từ tệp Excel." in page


def test_an_outsider_cannot_upload_and_the_head_may_not_mark(plan: Plan, sheet: Assessment) -> None:
    url = reverse("scoring:sheet_xlsx_upload", args=[sheet.pk])
    upload = io.BytesIO(_filled(score_sheet_build(sheet), {"2.1": 10}))
    upload.name = "phieu.xlsx"
    assert client_of(persona("canbo.daklak")).post(url, {"file": upload}).status_code == 404
    upload.seek(0)
    head = _head(plan)
    assert client_of(head).post(url, {"file": upload}).status_code == 403
    assert Score.objects.filter(assessment=sheet).count() == 0
