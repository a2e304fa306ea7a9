"""Opening a cluster's or a department's period through the API, over HTTP."""

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import bearer, call
from tests.builders.clusters import term, unit
from tests.builders.people import persona
from thidua.indicators.models import PeriodScope, ReportingPeriod

pytestmark = pytest.mark.django_db(transaction=True)
PERIOD = {
    "year": 2018,
    "kind": "year",
    "title": "Tổng kết năm 2018 cụm 4",
    "as_of": "2018-11-30",
    "deadline": "2030-12-15T17:00:00+07:00",
}


def test_the_secretariat_opens_a_cluster_period_and_bad_targets_are_400(
    live_server: LiveServer,
) -> None:
    url = f"{live_server.url}/api/v1/periods"
    auth = bearer(persona("thuongtruc"))
    cluster_4 = term(4, 2018)
    opened = call(
        url, "POST", {**PERIOD, "scope": "cluster", "term_id": cluster_4.pk}, Authorization=auth
    )
    assert opened.status == 200, opened.body
    assert (opened.body["scope"], opened.body["term_id"]) == ("cluster", cluster_4.pk)
    assert ReportingPeriod.objects.get(pk=opened.body["id"]).scope == PeriodScope.CLUSTER
    overlap = call(
        url,
        "POST",
        {**PERIOD, "scope": "department", "department_id": unit("BTCTW-VDP3").pk},
        Authorization=auth,
    )
    assert overlap.status == 400
    assert "Tổng kết năm 2018 cụm 4" in overlap.body["detail"]
    unknown = call(
        url, "POST", {**PERIOD, "scope": "cluster", "term_id": 999_999}, Authorization=auth
    )
    assert unknown.status == 400
    assert unknown.body["errors"][0]["field"] == "term_id"
    other_year = call(
        url,
        "POST",
        {**PERIOD, "kind": "mid_year", "scope": "cluster", "term_id": term(4, 2017).pk},
        Authorization=auth,
    )
    assert other_year.status == 400
    assert other_year.body["errors"][0]["field"] == "term_id"
    idle = call(
        url,
        "POST",
        {
            **PERIOD,
            "year": 2019,
            "as_of": "2019-11-30",
            "scope": "department",
            "department_id": unit("BTCTW-VDP3").pk,
        },
        Authorization=auth,
    )
    assert idle.status == 400
    assert idle.body["errors"][0]["field"] == "department_id"
    assert ReportingPeriod.objects.count() == 1
