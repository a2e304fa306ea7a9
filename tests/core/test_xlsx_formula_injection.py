"""Text typed by one official never becomes a live formula in a spreadsheet another official
downloads (OWASP formula injection): it is written as text, quote-prefixed, and unchanged."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.builders.people import client_for, persona, staff_of
from tests.builders.reports import figures, long_an, open_period, reporting_setting, save
from thidua.core.xlsx_write import put
from thidua.indicators.services.reports import report_submit

HYPERLINK = '=HYPERLINK("http://ke-gian.example/x","Bấm vào đây")'


def _first_sheet(wb: Workbook) -> Worksheet:
    sheet = wb.worksheets[0]
    assert isinstance(sheet, Worksheet)
    return sheet


def _formulas(content: bytes) -> list[str]:
    """The sheets of the file that hold a formula element."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return [
            name
            for name in package.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in package.read(name)
        ]


@pytest.mark.parametrize(
    "text",
    [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=1+1"],
)
def test_a_text_that_starts_like_a_formula_is_written_as_text(text: str) -> None:
    wb = Workbook()
    put(_first_sheet(wb), 1, 1, text)
    buffer = io.BytesIO()
    wb.save(buffer)
    assert _formulas(buffer.getvalue()) == []
    cell = _first_sheet(load_workbook(io.BytesIO(buffer.getvalue())))["A1"]
    assert cell.data_type == "s"
    assert cell.quotePrefix
    # The text is unchanged (with lxml, which python-docx brings, openpyxl keeps a CR).
    assert cell.value == text


def test_plain_text_and_numbers_are_written_as_they_are() -> None:
    wb = Workbook()
    put(_first_sheet(wb), 1, 1, "6 tháng đầu năm")
    put(_first_sheet(wb), 1, 2, -5)
    buffer = io.BytesIO()
    wb.save(buffer)
    sheet = _first_sheet(load_workbook(io.BytesIO(buffer.getvalue())))
    assert (sheet["A1"].value, sheet["A1"].quotePrefix) == ("6 tháng đầu năm", False)
    assert (sheet["B1"].value, sheet["B1"].data_type) == (-5, "n")


@pytest.mark.django_db
def test_a_report_note_comes_back_as_text_in_the_sheet_its_reader_downloads() -> None:
    reporting_setting()
    period = open_period()
    draft = save(
        persona("canbo.longan"),
        long_an(),
        period,
        figures(staff_streamlined=61),
        notes={"staff_streamlined": HYPERLINK},
    )
    report_submit(actor=staff_of(long_an()), report=draft)
    url = reverse("indicators:report_excel", args=[period.pk, long_an().pk])
    downloaded = client_for("canbo.binhduong").get(url)  # the head of the cluster reads it
    assert downloaded.status_code == 200
    content = b"".join(downloaded.streaming_content)  # type: ignore[attr-defined]
    assert _formulas(content) == []
    sheet = _first_sheet(load_workbook(io.BytesIO(content)))
    notes = [cell for row in sheet.iter_rows() for cell in row if cell.value == HYPERLINK]
    assert len(notes) == 1
    assert notes[0].data_type == "s"
