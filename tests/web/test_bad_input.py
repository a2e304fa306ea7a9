"""Input no page or API call can take gets a clear Vietnamese refusal, never a server error,
and nothing is saved: a NUL character anywhere, an offset beyond any database's integers, a
body over the size limit."""

import json

import pytest
from django.test import Client

from tests.api.reports_api_setup import catalogue_loaded, period, put_report
from tests.builders.people import client_for
from tests.builders.reports import long_an
from thidua.indicators.models import Report, ReportingPeriod

pytestmark = pytest.mark.django_db
__all__ = ["catalogue_loaded", "period"]
NUL_REFUSED = "Dữ liệu gửi lên chứa ký tự NUL (mã 0), không nhận được."


@pytest.fixture
def officer() -> Client:
    return client_for("canbo.longan")


@pytest.mark.parametrize("url", ["/api/v1/units?q=a%00b", "/api/v1/indicators?x=%00"])
def test_a_nul_in_an_api_address_is_a_400_in_json(officer: Client, url: str) -> None:
    refused = officer.get(url)
    assert refused.status_code == 400
    assert refused.json() == {"detail": NUL_REFUSED}


@pytest.mark.parametrize("url", ["/don-vi/?q=a%00b", "/chi-tieu/mo-hinh/?q=%00"])
def test_a_nul_in_a_page_search_is_a_400_page(officer: Client, url: str) -> None:
    refused = officer.get(url)
    assert refused.status_code == 400
    assert NUL_REFUSED in refused.content.decode()


def test_a_nul_in_a_json_text_is_refused_and_nothing_is_saved(
    officer: Client, period: ReportingPeriod
) -> None:
    body = {"values": [{"indicator": "staff_streamlined", "value": 5, "note": "a\u0000b"}]}
    refused = put_report(officer, period, long_an(), body)
    assert refused.status_code == 400
    assert refused.json() == {"detail": NUL_REFUSED}
    assert not Report.objects.filter(period=period, unit=long_an()).exists()


def test_the_typed_text_backslash_u0000_is_not_a_nul(
    officer: Client, period: ReportingPeriod
) -> None:
    body = {"values": [{"indicator": "staff_streamlined", "value": 5, "note": "mã \\u0000"}]}
    saved = put_report(officer, period, long_an(), body)
    assert saved.status_code == 201
    assert saved.json()["values"][0]["note"] == "mã \\u0000"


def test_a_nul_in_a_form_field_is_refused(officer: Client) -> None:
    refused = officer.post("/chi-tieu/mo-hinh/", {"title": "Mô hình\x00"})
    assert refused.status_code == 400
    assert NUL_REFUSED in refused.content.decode()


@pytest.mark.parametrize("offset", ["99999999999999999999999", "9223372036854775808", "-1"])
def test_an_offset_no_database_can_hold_is_a_422(officer: Client, offset: str) -> None:
    refused = officer.get(f"/api/v1/units?offset={offset}")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "offset"


def test_a_body_over_the_limit_is_a_413_in_json(officer: Client, period: ReportingPeriod) -> None:
    big = json.dumps({"values": [], "results": "x" * (10 * 1024 * 1024)})
    refused = put_report(officer, period, long_an(), big)
    assert refused.status_code == 413
    assert refused.json() == {"detail": "Dữ liệu gửi lên quá lớn."}
    assert not Report.objects.filter(period=period, unit=long_an()).exists()
