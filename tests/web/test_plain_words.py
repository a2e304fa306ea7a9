"""People read words, not codes: an indicator's code never shows on a report page nor in the
Excel files they read, and the sector export's title says "Tổng kết năm 2019" once."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.builders.clusters import board
from tests.builders.people import client_for, staff_of
from tests.builders.reports import indicator, open_period, period, report, reporting_setting
from thidua.accounts.models import Role
from thidua.indicators.excel.sheet import SHEET
from thidua.indicators.models import Indicator

pytestmark = pytest.mark.django_db


def _visible_text(html: str) -> str:
    """What a reader sees: the text between tags, without the tags and their attributes."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_report_page_names_indicators_and_never_shows_their_codes() -> None:
    reporting_setting()
    unit = board("80-63")
    reporting_period = open_period()
    report(unit, reporting_period, {indicator("staff_streamlined"): 12})
    page = client_for("canbo.longan").get(
        reverse("indicators:report", args=[reporting_period.pk, unit.pk])
    )
    assert page.status_code == 200
    text = _visible_text(page.content.decode())
    assert indicator("staff_streamlined").name in text
    shown_codes = [
        code for code in Indicator.objects.values_list("code", flat=True) if code in text
    ]
    assert shown_codes == []


def test_the_report_sheet_keeps_its_codes_in_a_hidden_column() -> None:
    reporting_setting()
    unit = board("80-63")
    reporting_period = open_period()
    staff_of(unit, Role.UNIT_OFFICER)
    response = client_for("canbo.longan").get(
        reverse("indicators:report_excel", args=[reporting_period.pk, unit.pk])
    )
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    ws = load_workbook(io.BytesIO(content))[SHEET]
    assert ws.column_dimensions["A"].hidden
    assert not ws.column_dimensions["B"].hidden
    codes = {str(row[0].value) for row in ws.iter_rows(min_row=8) if row[0].value}
    assert "staff_streamlined" in codes


def test_the_sector_export_title_says_the_period_once_and_no_code() -> None:
    share = indicator("staff_streamlined_share")
    report(board("80-63"), period(2019), {share: (61, 1151)})
    response = client_for("theodoi").get(
        reverse("web:dashboard_sector_excel") + "?chi_tieu=staff_streamlined_share&nam=2019"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    for sheet in workbook.worksheets:
        title = str(sheet["A2"].value)
        assert title == f"Chỉ tiêu: {share.name} · Tổng kết năm 2019", sheet.title
