"""The secretariat opens the year's reporting periods from the periods page; nobody else can."""

import pytest
from django.urls import reverse

from tests.builders.people import client_for
from thidua.audit.models import AuditEvent
from thidua.indicators.models import PeriodKind, ReportingPeriod

pytestmark = pytest.mark.django_db
URL = reverse("indicators:periods")
YEAR_END = {
    "year": "2030",
    "kind": PeriodKind.YEAR,
    "title": "Tổng kết năm 2030",
    "as_of": "2030-11-30",
    "deadline": "2030-12-15T17:00",
}


def test_the_secretariat_opens_a_period_from_the_page() -> None:
    client = client_for("thuongtruc")
    assert 'data-testid="period-form"' in client.get(URL).content.decode()
    response = client.post(URL, YEAR_END)
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(year=2030, kind=PeriodKind.YEAR)
    assert period.title == "Tổng kết năm 2030"
    assert AuditEvent.objects.filter(action="reporting_period.create").exists()
    page = client.get(URL).content.decode()
    assert "Tổng kết năm 2030" in page
    assert "15/12/2030 17:00" in page


def test_a_second_year_end_period_is_refused_in_vietnamese_and_nothing_is_written() -> None:
    client = client_for("thuongtruc")
    client.post(URL, YEAR_END)
    response = client.post(URL, {**YEAR_END, "title": "Tổng kết năm 2030 (lần hai)"})
    assert response.status_code == 400
    assert "Đã có kỳ" in response.content.decode()
    assert ReportingPeriod.objects.filter(year=2030).count() == 1


@pytest.mark.parametrize(
    "username", ["canbo.binhduong", "lanhdao.binhduong", "hoidong", "theodoi", "nguoingoai"]
)
def test_others_see_no_form_and_cannot_open_a_period(username: str) -> None:
    client = client_for(username)
    assert 'data-testid="period-form"' not in client.get(URL).content.decode()
    assert client.post(URL, YEAR_END).status_code == 403
    assert not ReportingPeriod.objects.filter(year=2030).exists()
