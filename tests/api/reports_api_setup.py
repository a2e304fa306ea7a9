"""Shared setup of the report API tests: the catalogue, an open period, request helpers."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tests.builders.people import persona, staff_of
from tests.builders.reports import binh_duong, figures, open_period, reporting_setting, save
from thidua.accounts.models import Role
from thidua.indicators.models import (
    Report,
    ReportingPeriod,
)
from thidua.indicators.services.reports import report_accept, report_submit
from thidua.orgs.models import Unit

pytestmark = pytest.mark.django_db

D = Decimal
JSON = "application/json"
PDF = b"%PDF-1.4 bao cao so ket 6 thang"
SHARE = "staff_streamlined_share"
SIXTY_ONE = {"values": [{"indicator": "staff_streamlined", "value": 61}]}


@pytest.fixture(scope="module", autouse=True)
def catalogue_loaded(module_db: None) -> None:
    """The catalogue, the clusters and the personas of the report tests (built once for the
    module that imports this fixture)."""
    reporting_setting()


@pytest.fixture
def period() -> ReportingPeriod:
    return open_period()


def put_report(client: Client, period: ReportingPeriod, unit: Unit, body: Any, **extra: Any) -> Any:
    url = f"/api/v1/periods/{period.pk}/units/{unit.pk}/report"
    data = body if isinstance(body, str) else json.dumps(body)
    return client.put(url, data, content_type=JSON, **extra)


def post_step(client: Client, report_id: int, step: str, body: Any = None) -> Any:
    url = f"/api/v1/reports/{report_id}/{step}"
    if body is None:
        return client.post(url)
    return client.post(url, body, content_type=JSON)


def submitted(period: ReportingPeriod, unit: Unit, **values: object) -> Report:
    """``unit``'s report saved by an officer and submitted by its leader, through the services."""
    draft = save(staff_of(unit, Role.UNIT_OFFICER), unit, period, figures(**values))
    return report_submit(actor=staff_of(unit), report=draft)


def accepted_binh_duong(period: ReportingPeriod) -> Report:
    report = submitted(period, binh_duong(), staff_streamlined=61, **{SHARE: (61, 1150)})
    return report_accept(actor=persona("canbo.longan"), report=report)
