"""The Excel import of a year's ratings and titles for a board's staff, with real .xlsx files
written by openpyxl: the whole file is checked, every bad cell reported with its row and column,
nothing written unless all is valid, and the same file imported twice changes nothing."""

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.awards.records_world import staff_member
from tests.builders.people import client_for, persona
from tests.builders.reports import binh_duong
from thidua.audit.models import AuditEvent
from thidua.awards.models import AchievementYear, Grant, Initiative
from thidua.awards.services.records.importing import import_apply, import_plan
from thidua.core.errors import PermissionDeniedError, ValidationFailedError
from thidua.orgs.models import Person, Position

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Họ và tên",
    "Năm sinh",
    "Chức vụ",
    "Xếp loại",
    "Danh hiệu",
    "Số quyết định",
    "Ngày quyết định",
    "Số sáng kiến",
]


def xlsx(rows: list[list[Any]], *, title_lines: int = 2) -> bytes:
    """A file as a board makes it: a title or two, the heading, one row per person."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for line in range(title_lines):
        ws.append([f"BAN TỔ CHỨC TỈNH ỦY — dòng {line + 1}"])
    ws.append(HEADINGS)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


GOOD_ROWS: list[list[Any]] = [
    # Typed without diacritics and in capitals: still the staff member born in 1985.
    [
        "NGUYEN THI HONG NHUNG",
        1985,
        "Chuyên viên",
        "Hoàn thành xuất sắc nhiệm vụ",
        "CSTĐCS",
        "15/QĐ-BTCTU",
        dt.date(2024, 12, 20),
        1,
    ],
    # Not on the staff: created, with a position in the board.
    [
        "Lê Văn Tâm",
        "1990",
        "Phó Trưởng phòng",
        "hoàn thành tốt",
        "LĐTT",
        "16/QĐ-BTCTU",
        "20/12/2024",
        None,
    ],
    ["Phạm Thị Lan", 1978.0, "Chuyên viên chính", "Hoàn thành nhiệm vụ", None, None, None, 0],
]


def test_a_file_is_previewed_then_written_then_changes_nothing_again() -> None:
    board = binh_duong()
    known = staff_member()
    officer = persona("canbo.binhduong")
    content = xlsx(GOOD_ROWS)
    plan = import_plan(actor=officer, unit=board, year=2024, content=content)
    assert [r.person for r in plan.rows] == [known, None, None]
    assert (plan.new_people, plan.ratings, plan.grants, plan.initiatives) == (2, 3, 2, 1)
    assert not AchievementYear.objects.exists()  # a preview writes nothing
    import_apply(actor=officer, unit=board, year=2024, content=content)
    tam = Person.objects.get(full_name="Lê Văn Tâm", birth_year=1990)
    assert Position.objects.filter(person=tam, unit=board, title="Phó Trưởng phòng").exists()
    years = dict(
        AchievementYear.objects.filter(year=2024).values_list("person__full_name", "rating")
    )
    assert years == {
        "Nguyễn Thị Hồng Nhung": "excellent",
        "Lê Văn Tâm": "good",
        "Phạm Thị Lan": "completed",
    }
    assert set(AchievementYear.objects.values_list("source", flat=True)) == {"imported"}
    grants = Grant.objects.order_by("award")
    assert [(g.person, g.award, g.source, g.issuer) for g in grants] == [
        (tam, "advanced_worker", "imported", board.name),
        (known, "base_emulation_fighter", "imported", board.name),
    ]
    assert Initiative.objects.filter(person=known, year=2024).count() == 1
    events = AuditEvent.objects.count()
    again = import_plan(actor=officer, unit=board, year=2024, content=content)
    assert not again.writes
    import_apply(actor=officer, unit=board, year=2024, content=content)
    assert AuditEvent.objects.count() == events
    assert Person.objects.filter(full_name="Lê Văn Tâm").count() == 1
    assert Grant.objects.count() == 2
    assert Initiative.objects.count() == 1


BAD_ROWS: list[list[Any]] = [
    ["", 1985, "Chuyên viên", "Hoàn thành xuất sắc nhiệm vụ", None, None, None, None],
    ["Lê Văn Tâm", "199O", "Chuyên viên", "Xuất sắc lắm", "CSTĐ", None, None, -1],
    ["Phạm Thị Lan", 1978, "", "Hoàn thành tốt nhiệm vụ", "LĐTT", "1/QĐ", "31/02/2024", "hai"],
    ["Phạm Thị Lan", 1978, "Chuyên viên", "Hoàn thành tốt nhiệm vụ", None, "2/QĐ", None, None],
    [
        "Ngô Văn Bình",
        1970,
        "Chuyên viên",
        "Hoàn thành tốt nhiệm vụ",
        "LĐTT",
        "3/QĐ",
        "20/12/2023",
        1,
    ],
]


def test_a_bad_file_reports_every_bad_cell_and_writes_nothing() -> None:
    board = binh_duong()
    staff_member()
    officer = persona("canbo.binhduong")
    before = (Person.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationFailedError) as refused:
        import_apply(actor=officer, unit=board, year=2024, content=xlsx(BAD_ROWS))
    places = set(refused.value.problems)
    assert places == {
        "Dòng 4, cột A (Họ và tên)",
        "Dòng 5, cột B (Năm sinh)",
        "Dòng 5, cột D (Xếp loại)",
        "Dòng 5, cột E (Danh hiệu)",
        "Dòng 5, cột F (Số quyết định)",
        "Dòng 5, cột G (Ngày quyết định)",
        "Dòng 5, cột H (Số sáng kiến)",
        "Dòng 6, cột C (Chức vụ)",
        "Dòng 6, cột G (Ngày quyết định)",
        "Dòng 6, cột H (Số sáng kiến)",
        "Dòng 7, cột E (Danh hiệu)",
        "Dòng 8, cột G (Ngày quyết định)",
    }, places
    assert "“Xuất sắc lắm” không phải một trong bốn mức" in " ".join(
        refused.value.problems["Dòng 5, cột D (Xếp loại)"]
    )
    assert (Person.objects.count(), AuditEvent.objects.count()) == before
    assert not AchievementYear.objects.exists()
    assert not Grant.objects.exists()


def test_the_same_person_twice_in_a_file_is_refused() -> None:
    row = ["Lê Văn Tâm", 1990, "Chuyên viên", "Hoàn thành tốt nhiệm vụ", None, None, None, None]
    with pytest.raises(ValidationFailedError) as refused:
        import_plan(
            actor=persona("canbo.binhduong"),
            unit=binh_duong(),
            year=2024,
            content=xlsx([row, ["le van tam", *row[1:]]]),
        )
    assert refused.value.problems == {"Dòng 5, cột A (Họ và tên)": ["Người này đã có ở dòng 4."]}


def test_a_file_that_is_not_excel_is_refused_whole() -> None:
    with pytest.raises(ValidationFailedError) as refused:
        import_plan(
            actor=persona("canbo.binhduong"), unit=binh_duong(), year=2024, content=b"PK\x03\x04no"
        )
    assert "không phải tệp Excel" in refused.value.message


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
def test_who_may_not_keep_the_board_records_may_not_import(username: str) -> None:
    with pytest.raises(PermissionDeniedError):
        import_apply(actor=persona(username), unit=binh_duong(), year=2024, content=xlsx(GOOD_ROWS))
    assert not AchievementYear.objects.exists()
    url = reverse("awards:import", kwargs={"unit_id": binh_duong().pk})
    client = client_for(username)
    assert client.get(url).status_code == 403
    upload = io.BytesIO(xlsx(GOOD_ROWS))
    upload.name = "xep-loai.xlsx"
    assert client.post(url, {"year": "2024", "file": upload}).status_code == 403
    template = reverse("awards:import_template", kwargs={"unit_id": binh_duong().pk})
    assert client.get(template).status_code == 403
    assert not AchievementYear.objects.exists()


def test_the_template_filled_and_uploaded_is_previewed_then_confirmed() -> None:
    board = binh_duong()
    known = staff_member()
    client = client_for("canbo.binhduong")
    template = client.get(
        reverse("awards:import_template", kwargs={"unit_id": board.pk}) + "?nam=2024"
    )
    assert template.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(template.streaming_content)))  # type: ignore[attr-defined]
    ws = wb["Xep loai"]
    assert [c.value for c in ws[4]] == HEADINGS
    assert (ws["A5"].value, ws["B5"].value) == (known.full_name, 1985)
    ws["D5"] = "Hoàn thành xuất sắc nhiệm vụ"
    ws["E5"], ws["F5"], ws["G5"], ws["H5"] = "CSTĐCS", "15/QĐ-BTCTU", dt.date(2024, 12, 20), 2
    buffer = io.BytesIO()
    wb.save(buffer)
    url = reverse("awards:import", kwargs={"unit_id": board.pk})
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "xep-loai.xlsx"
    preview = client.post(url, {"year": "2024", "file": upload})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'data-testid="preview-summary"' in page
    assert not AchievementYear.objects.exists()
    content = preview.context["content"]
    done = client.post(url, {"year": "2024", "content": content, "confirm": "1"})
    assert done.status_code == 302
    assert AchievementYear.objects.get(person=known, year=2024).rating == "excellent"
    assert Grant.objects.get(person=known).award == "base_emulation_fighter"
    assert Initiative.objects.filter(person=known).count() == 2
    again = client.post(url, {"year": "2024", "content": content})
    assert 'data-testid="preview-nothing"' in again.content.decode()
    # The template names its year: uploaded for another year, it is refused.
    other = io.BytesIO(buffer.getvalue())
    other.name = "xep-loai.xlsx"
    refused = client.post(url, {"year": "2023", "file": other})
    assert refused.status_code == 400
    assert "năm 2024, không phải năm 2023" in refused.content.decode()


def test_the_upload_page_shows_every_bad_cell() -> None:
    url = reverse("awards:import", kwargs={"unit_id": binh_duong().pk})
    upload = io.BytesIO(xlsx(BAD_ROWS))
    upload.name = "xep-loai.xlsx"
    response = client_for("lanhdao.binhduong").post(url, {"year": "2024", "file": upload})
    assert response.status_code == 400
    assert response.content.decode().count('data-testid="excel-problem"') == 12
    assert not AchievementYear.objects.exists()
