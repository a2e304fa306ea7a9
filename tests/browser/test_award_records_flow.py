"""A board officer keeps a staff member's records in a real browser: from the unit's page in
the directory to its records, a person's page, a year and an archive grant entered through the
forms, the eligibility panel answering, then a year's ratings imported from an Excel file."""

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from tests.awards.records_world import staff_member
from tests.browser.steps import sign_in
from tests.builders.people import PASSWORD, persona
from tests.builders.reports import binh_duong
from thidua.awards.services.records import achievement_year_set, initiative_add
from thidua.awards.services.records.years import YearFacts
from thidua.orgs.models import Person
from thidua.rulebook.services.loader import rulebook_load


@pytest.fixture
def kept(transactional_db: None) -> Person:
    """The rule book, the officer, and a staff member with 2023 kept, committed before the
    browser starts."""
    rulebook_load()
    persona("canbo.binhduong")
    person = staff_member()
    actor = persona("thuongtruc")
    achievement_year_set(actor=actor, person=person, year=2023, facts=YearFacts("excellent"))
    for year in (2023, 2024):
        initiative_add(
            actor=actor, person=person, year=year, title=f"Sáng kiến {year}", level="base"
        )
    return person


def _ratings_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Năm sinh", "Chức vụ", "Xếp loại", "Danh hiệu"])
    ws.append(["Lê Văn Tâm", 1990, "Chuyên viên", "Hoàn thành tốt nhiệm vụ", None])
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_board_officer_keeps_a_staff_member_records(
    kept: Person, page: Page, tmp_path: Path
) -> None:
    page.goto("/")
    sign_in(page, "canbo.binhduong", PASSWORD)
    page.goto(f"/don-vi/{binh_duong().pk}/")
    page.get_by_test_id("unit-records").click()
    page.get_by_role("link", name=kept.full_name).first.click()
    expect(page.get_by_test_id("person-name")).to_have_text(kept.full_name)

    # 2024 excellent and the title of Chiến sĩ thi đua cơ sở from the archive.
    page.get_by_text("Ghi thành tích năm").click()
    form = page.get_by_test_id("form-nam")
    form.get_by_label("Năm").fill("2024")
    form.get_by_label("Xếp loại").select_option("excellent")
    form.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("year-2024")).to_contain_text("Hoàn thành xuất sắc nhiệm vụ")
    page.get_by_text("Nhập khen thưởng đã nhận (từ hồ sơ lưu trữ)").click()
    form = page.get_by_test_id("form-khen-thuong")
    form.get_by_label("Danh hiệu, hình thức khen thưởng").select_option("base_emulation_fighter")
    form.get_by_label("Năm").fill("2024")
    form.get_by_label("Số quyết định").fill("15/QĐ-BTCTU")
    form.get_by_label("Ngày quyết định").fill("2024-12-20")
    form.get_by_label("Cơ quan quyết định").fill("Ban Tổ chức Tỉnh ủy Bình Dương")
    form.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("grants")).to_contain_text("Chiến sĩ thi đua cơ sở")

    # Judged on 15/01/2025 the worked example of the issue is eligible for the Bằng khen.
    page.get_by_label("Xét tại ngày").fill("2025-01-15")
    page.get_by_role("button", name="Xét", exact=True).click()
    certificate = page.get_by_test_id("eligibility-commission_certificate")
    expect(certificate).to_have_attribute("data-outcome", "eligible")
    expect(certificate).to_contain_text("Điều 74")

    # A year's ratings from Excel: previewed (a new person, said so), then confirmed.
    page.goto(f"/khen-thuong/don-vi/{binh_duong().pk}/")
    page.get_by_test_id("import-link").click()
    page.get_by_label("Năm").fill("2024")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(_ratings_file(tmp_path / "xl.xlsx"))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    expect(page.get_by_test_id("new-person")).to_be_visible()
    page.get_by_role("button", name="Xác nhận và lưu").click()
    expect(page.get_by_test_id("staff")).to_contain_text("Lê Văn Tâm")
    expect(page.get_by_test_id("staff")).to_contain_text("Hoàn thành tốt nhiệm vụ")
    page.screenshot(path=str(tmp_path / "unit.png"), full_page=True)
