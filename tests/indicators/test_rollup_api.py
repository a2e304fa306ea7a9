"""API v1: the indicator catalogue and roll-ups, with their 401, 404 and 422 boundaries."""

from typing import Any

import pytest
from django.test import Client

from tests.builders.clusters import board, term
from tests.builders.people import client_for
from tests.builders.reports import cluster_3_2023, indicator, period, report
from thidua.indicators.models import PeriodKind, ReportStatus

pytestmark = pytest.mark.django_db


def test_anonymous_requests_get_401() -> None:
    indicator("personnel_moves")
    for url in ["/api/v1/indicators", "/api/v1/indicators/personnel_moves/rollup?sector=true"]:
        response = Client().get(url, {"year": 2023})
        assert response.status_code == 401, url
        assert response.json()["detail"] == "Vui lòng đăng nhập."


def test_the_catalogue_lists_indicators_with_their_rule() -> None:
    indicator("staff_streamlined_share")
    indicator("personnel_moves")
    rows = client_for("canbo.daklak").get("/api/v1/indicators").json()
    by_code = {row["code"]: row for row in rows}
    share = by_code["staff_streamlined_share"]
    assert (share["kind"], share["rollup"], share["direction"]) == (
        "share",
        "ratio_of_sums",
        "higher",
    )
    assert share["denominator_label"] == "Tổng biên chế được giao"
    assert set(share) == {
        "code",
        "name",
        "kind",
        "unit_of_measure",
        "direction",
        "rollup",
        "numerator_label",
        "denominator_label",
        "description",
    }


def test_cluster_3_roll_up_for_2023_through_the_api() -> None:
    members = cluster_3_2023()
    client = client_for("canbo.daklak")
    url = "/api/v1/indicators/new_party_members_admitted/rollup"
    body = client.get(url, {"cluster_term": term(3, 2023).pk, "year": 2023}).json()
    assert set(body) == {"value", "numerator", "denominator", "target", "progress", "by_unit"}
    assert body["value"] == "20777.00"
    assert (body["numerator"], body["denominator"], body["target"]) == (None, None, None)
    assert len(body["by_unit"]) == 12
    line = body["by_unit"][0]
    assert set(line) == {"unit", "value", "numerator", "denominator", "target", "progress"}
    assert set(line["unit"]) == {"id", "code", "name"}
    assert {row["unit"]["code"] for row in body["by_unit"]} == {u.code for u in members}
    assert sum(int(row["value"].split(".")[0]) for row in body["by_unit"]) == 20777


def test_a_share_through_the_api_keeps_numerator_and_denominator() -> None:
    share = indicator("staff_streamlined_share")
    ad_hoc = period(2018, PeriodKind.AD_HOC)
    report(board("77-63"), ad_hoc, {share: (2489, 22345)})
    report(board("80-63"), ad_hoc, {share: (61, 1151)})
    report(board("74-63"), ad_hoc, {share: (300, 600)})
    report(board("72-63"), ad_hoc, {share: (9000, 9000)}, status=ReportStatus.DRAFT)
    body = (
        client_for("theodoi")
        .get(
            "/api/v1/indicators/staff_streamlined_share/rollup",
            {"period": ad_hoc.pk, "cluster_term": term(4, 2018).pk},
        )
        .json()
    )
    assert (body["value"], body["numerator"], body["denominator"]) == (
        "11.83",
        "2850.00",
        "24096.00",
    )
    lines = {row["unit"]["code"]: row for row in body["by_unit"]}
    assert set(lines) == {"BTC-77-63", "BTC-80-63", "BTC-74-63"}
    assert (lines["BTC-77-63"]["numerator"], lines["BTC-77-63"]["value"]) == ("2489.00", "11.14")


def test_lineage_year_through_the_api() -> None:
    trained = indicator("cadres_trained_or_retrained")
    ad_hoc = period(2024, PeriodKind.AD_HOC)
    report(board("74-63"), ad_hoc, {trained: 120})
    url = "/api/v1/indicators/cadres_trained_or_retrained/rollup"
    client = client_for("canbo.longan")
    params: dict[str, Any] = {"period": ad_hoc.pk, "sector": "true"}
    before = client.get(url, params).json()
    after = client.get(url, {**params, "lineage_year": 2025}).json()
    assert [row["unit"]["code"] for row in before["by_unit"]] == ["BTC-74-63"]
    assert [(row["unit"]["code"], row["value"]) for row in after["by_unit"]] == [
        ("BTC-79", "120.00")
    ]


def test_an_unknown_indicator_is_404() -> None:
    response = client_for("theodoi").get(
        "/api/v1/indicators/khong_co/rollup", {"year": "2023", "sector": "true"}
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy chỉ tiêu “khong_co”."


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "hai nghìn", "sector": "true"}, "year"),
        ({"year": 2023, "sector": "true", "lineage_year": 99999}, "lineage_year"),
        ({"year": 2023, "sector": "true", "period_kind": "quy"}, "period_kind"),
        ({"year": 2023}, "scope"),
        ({"sector": "true"}, "period"),
        ({"year": 2023, "cluster_term": 999999}, "cluster_term"),
        ({"period": 999999, "sector": "true"}, "period"),
        ({"year": 2023, "department": "board"}, "department"),
    ],
)
def test_bad_parameters_are_422_in_vietnamese(params: dict[str, Any], field: str) -> None:
    indicator("personnel_moves")
    if params.get("department") == "board":
        params = {**params, "department": board("74-63").pk}
    response = client_for("theodoi").get("/api/v1/indicators/personnel_moves/rollup", params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] in {"Tham số không hợp lệ.", "Tham số tổng hợp không hợp lệ."}
    assert field in {error["field"] for error in body["errors"]}
    assert all(error["message"] for error in body["errors"])


def test_api_queries_do_not_grow_with_the_units(django_assert_max_num_queries: Any) -> None:
    trained = indicator("cadres_trained_or_retrained")
    client = client_for("theodoi")
    members = [m.unit for m in term(3, 2023).memberships.select_related("unit")]
    counts = []
    for year, units in [(2021, members[:3]), (2022, members)]:
        ad_hoc = period(year, PeriodKind.AD_HOC)
        for unit in units:
            report(unit, ad_hoc, {trained: 7})
        params: dict[str, Any] = {
            "period": ad_hoc.pk,
            "cluster_term": term(3, 2023).pk,
            "lineage_year": 2025,
        }
        with django_assert_max_num_queries(12) as captured:
            body = client.get("/api/v1/indicators/cadres_trained_or_retrained/rollup", params)
        assert body.json()["value"] == f"{7 * len(units)}.00"
        counts.append(len(captured))
    assert counts[0] == counts[1]
