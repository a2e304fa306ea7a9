"""API v1 on periodic reports: who may read, save, submit, decide and correct which report;
bad figures refused together at their place with nothing saved; the list scoped in a fixed
number of queries.

Cluster 4 in 2018: Bình Dương is head (canbo.binhduong officer, lanhdao.binhduong leader),
Long An a deputy; Đắk Lắk is in another cluster; theodoi observes for the supervising
department.
"""

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.reports_api_setup import (
    SHARE,
    SIXTY_ONE,
    accepted_binh_duong,
    catalogue_loaded,
    period,
    post_step,
    put_report,
    submitted,
)
from tests.builders.clusters import term
from tests.builders.people import client_for, client_of, persona, staff_of
from tests.builders.reports import binh_duong, figures, long_an, open_period, save
from thidua.accounts.services import api_token_create
from thidua.indicators import access
from thidua.indicators.models import (
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
)
from thidua.indicators.services.reports import (
    report_accept,
    report_correct,
    report_return,
    report_submit,
)
from thidua.orgs.models import OfficerRole, Unit

pytestmark = pytest.mark.django_db
D = Decimal
__all__ = ["catalogue_loaded", "period"]


def test_periods_are_listed_with_their_dates(period: ReportingPeriod) -> None:
    listed = client_for("canbo.daklak").get("/api/v1/periods")
    assert listed.status_code == 200
    mine = next(p for p in listed.json() if p["id"] == period.pk)
    assert mine == {
        "id": period.pk,
        "year": 2018,
        "kind": "ad_hoc",
        "title": "Báo cáo đột xuất năm 2018",
        "as_of": "2018-06-30",
        "deadline": mine["deadline"],
        "scope": "sector",
        "term_id": None,
        "department_id": None,
    }
    assert mine["deadline"].startswith(f"{period.deadline:%Y-%m-%d}")
    assert Client().get("/api/v1/periods").status_code == 401


def test_an_officer_saves_a_draft_with_exact_figures_and_reads_it_back(
    period: ReportingPeriod,
) -> None:
    client = client_for("canbo.binhduong")
    # Sent as raw JSON: a binary float would turn the denominator into ...98.
    body = (
        '{"values": ['
        '{"indicator": "staff_streamlined", "value": 61, "note": "Đến 30/6"},'
        '{"indicator": "staff_streamlined_share", "value": "2489", '
        '"denominator": 99999999999999.99},'
        '{"indicator": "job_position_schemes_approved", "value": "24,0", "denominator": "24"}'
        '], "results": "Hoàn thành sắp xếp bộ máy.", "directions": "Rà soát vị trí việc làm."}'
    )
    created = put_report(client, period, binh_duong(), body)
    assert created.status_code == 201, created.json()
    report = created.json()
    summary = (report["status"], report["revision"], report["unit"]["id"], report["period"]["id"])
    assert summary == ("draft", 1, binh_duong().pk, period.pk)
    values = {v["indicator"]: v for v in report["values"]}
    assert values["staff_streamlined"] == {
        "indicator": "staff_streamlined",
        "kind": "count",
        "value": "61.00",
        "denominator": None,
        "percentage": None,
        "note": "Đến 30/6",
    }
    assert values[SHARE]["denominator"] == "99999999999999.99"
    stored = ReportValue.objects.get(report_id=report["id"], indicator__code=SHARE)
    assert stored.denominator == D("99999999999999.99")
    assert values["job_position_schemes_approved"]["percentage"] == "100.00"
    assert (report["results"], report["limitations"]) == ("Hoàn thành sắp xếp bộ máy.", "")

    # Left out (null), the figures and the other sections are kept; a new section is saved.
    again = put_report(client, period, binh_duong(), {"limitations": "Tiến độ còn chậm."})
    assert again.status_code == 200
    read = client.get(f"/api/v1/reports/{report['id']}").json()
    assert read["limitations"] == "Tiến độ còn chậm."
    assert read["results"] == "Hoàn thành sắp xếp bộ máy."
    assert read["values"] == report["values"]

    share = {"indicator": SHARE, "value": 2489, "denominator": 22345}
    replaced = put_report(client, period, binh_duong(), {"values": [share]}).json()
    assert replaced["values"] == [
        {
            "indicator": SHARE,
            "kind": "share",
            "value": "2489.00",
            "denominator": "22345.00",
            "percentage": "11.14",
            "note": "",
        }
    ]


def test_an_officer_saves_but_only_the_leader_submits(period: ReportingPeriod) -> None:
    officer = client_for("canbo.binhduong")
    report_id = put_report(officer, period, binh_duong(), SIXTY_ONE).json()["id"]
    refused = post_step(officer, report_id, "submit")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Bạn không có quyền thực hiện thao tác này."
    assert Report.objects.get(pk=report_id).status == ReportStatus.DRAFT
    submitted = post_step(client_for("lanhdao.binhduong"), report_id, "submit")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["submitted_at"] is not None
    late = put_report(officer, period, binh_duong(), SIXTY_ONE)
    assert late.status_code == 400
    assert late.json()["detail"] == "Báo cáo đang ở trạng thái “Đã gửi”, không sửa được."


def test_a_board_cannot_accept_its_own_report_and_a_deputy_can(period: ReportingPeriod) -> None:
    report = submitted(period, binh_duong(), staff_streamlined=61)
    for username in ("canbo.binhduong", "lanhdao.binhduong"):
        assert post_step(client_for(username), report.pk, "accept").status_code == 403
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    accepted = post_step(client_for("canbo.longan"), report.pk, "accept")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    again = post_step(client_for("canbo.longan"), report.pk, "accept")
    assert again.status_code == 400


def test_the_head_returns_with_a_reason_and_the_unit_reworks_and_resubmits(
    period: ReportingPeriod,
) -> None:
    report = submitted(period, long_an(), staff_streamlined=61)
    head = client_for("canbo.binhduong")
    no_reason = post_step(head, report.pk, "return", {"reason": "  "})
    assert no_reason.status_code == 400
    assert no_reason.json()["detail"] == "Phải ghi lý do trả lại."
    returned = post_step(head, report.pk, "return", {"reason": "Thiếu số liệu đề án"})
    assert returned.status_code == 200
    assert (returned.json()["status"], returned.json()["return_reason"]) == (
        "returned",
        "Thiếu số liệu đề án",
    )
    officer = client_for("canbo.longan")
    values = [
        {"indicator": "staff_streamlined", "value": 61},
        {"indicator": "job_position_schemes_approved", "value": 24, "denominator": 24},
    ]
    assert put_report(officer, period, long_an(), {"values": values}).status_code == 200
    assert post_step(client_of(staff_of(long_an())), report.pk, "submit").status_code == 200
    accepted = post_step(head, report.pk, "accept").json()
    assert (accepted["status"], accepted["return_reason"]) == ("accepted", "")
    assert len(accepted["values"]) == 2


def test_a_board_of_another_cluster_cannot_read_or_write_binh_duongs_report(
    period: ReportingPeriod,
) -> None:
    officer = client_for("canbo.binhduong")
    report_id = put_report(officer, period, binh_duong(), SIXTY_ONE).json()["id"]
    outsider = client_for("canbo.daklak")
    before = ReportValue.objects.count()
    assert outsider.get(f"/api/v1/reports/{report_id}").status_code == 404
    assert outsider.get("/api/v1/reports", {"period": period.pk}).json() == []
    assert put_report(outsider, period, binh_duong(), SIXTY_ONE).status_code == 403
    assert post_step(outsider, report_id, "submit").status_code == 404
    assert client_for("canbo.longan").get(f"/api/v1/reports/{report_id}").status_code == 404

    report_submit(actor=persona("lanhdao.binhduong"), report=Report.objects.get(pk=report_id))
    assert outsider.get(f"/api/v1/reports/{report_id}").status_code == 404
    assert outsider.get("/api/v1/reports", {"period": period.pk}).json() == []
    for step, body_ in (("accept", None), ("return", {"reason": "Không"})):
        assert post_step(outsider, report_id, step, body_).status_code == 404
    assert ReportValue.objects.count() == before
    assert Report.objects.get(pk=report_id).status == ReportStatus.SUBMITTED


def test_the_observer_reads_a_submitted_report_but_writes_nothing(
    period: ReportingPeriod,
) -> None:
    observer = client_for("theodoi")
    body = {"values": [{"indicator": "staff_streamlined", "value": 7}]}
    before = (Report.objects.count(), ReportValue.objects.count())
    refused = put_report(observer, period, long_an(), body)
    assert refused.status_code == 403
    report = submitted(period, long_an(), staff_streamlined=61)
    assert observer.get(f"/api/v1/reports/{report.pk}").json()["status"] == "submitted"
    assert post_step(observer, report.pk, "accept").status_code == 403
    assert post_step(observer, report.pk, "return", {"reason": "Xem lại"}).status_code == 403
    assert put_report(observer, period, long_an(), body).status_code == 403
    assert (Report.objects.count(), ReportValue.objects.count()) == (before[0] + 1, before[1] + 1)


def test_anonymous_requests_get_401(period: ReportingPeriod) -> None:
    report = submitted(period, long_an(), staff_streamlined=61)
    anonymous = Client()
    assert anonymous.get("/api/v1/reports").status_code == 401
    assert anonymous.get(f"/api/v1/reports/{report.pk}").status_code == 401
    assert put_report(anonymous, period, long_an(), SIXTY_ONE).status_code == 401
    assert post_step(anonymous, report.pk, "accept").status_code == 401
    assert anonymous.get("/api/v1/reports").json() == {"detail": "Vui lòng đăng nhập."}


def test_a_bearer_token_saves_like_the_session(period: ReportingPeriod) -> None:
    _token, key = api_token_create(actor=None, user=persona("canbo.longan"), name="phần mềm")
    body = {"values": [{"indicator": "staff_streamlined", "value": 5}]}
    saved = put_report(Client(), period, long_an(), body, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert saved.status_code == 201
    assert saved.json()["values"][0]["value"] == "5.00"


def _ids(client: Client, **params: Any) -> set[int]:
    response = client.get("/api/v1/reports", params)
    assert response.status_code == 200, response.json()
    return {r["id"] for r in response.json()}


def test_the_list_holds_exactly_the_reports_each_persona_may_read(
    period: ReportingPeriod,
) -> None:
    save(persona("canbo.longan"), long_an(), period, figures(staff_streamlined=3))
    accepted_binh_duong(open_period(title="Báo cáo bổ sung năm 2018"))
    themed = submitted(
        open_period(title="Báo cáo chuyên đề năm 2018"), long_an(), focal_points_reduced=1
    )
    returned = submitted(
        open_period(title="Báo cáo nhanh năm 2018"), binh_duong(), focal_points_reduced=2
    )
    returned = report_return(actor=persona("canbo.longan"), report=returned, reason="Bổ sung")
    # Bình Dương heads cluster 4 in 2018 only: Long An's report of 2016 is not its business.
    earlier = submitted(
        open_period(year=2016, title="Báo cáo năm 2016"), long_an(), focal_points_reduced=5
    )
    everything = list(Report.objects.select_related("unit", "period"))
    assert {r.status for r in everything} == set(ReportStatus.values)
    for username in (
        "canbo.binhduong",
        "lanhdao.binhduong",
        "canbo.longan",
        "canbo.daklak",
        "theodoi",
        "hoidong",
        "thuongtruc",
        "quantri",
    ):
        user = persona(username)
        expected = {r.pk for r in everything if access.may_read(user, r)}
        assert _ids(client_for(username)) == expected, username
    long_an_draft = Report.objects.get(period=period, unit=long_an()).pk
    assert _ids(client_for("canbo.longan"), period=period.pk, status="draft") == {long_an_draft}
    assert _ids(client_for("canbo.daklak"), period=period.pk) == set()
    head = client_for("canbo.binhduong")
    assert _ids(head, period=period.pk) == set()  # Long An's is still its own draft
    assert _ids(head, unit=long_an().pk, status="submitted") == {themed.pk}
    assert earlier.pk not in _ids(head)
    assert earlier.pk in _ids(client_for("hoidong"))
    assert returned.pk in _ids(head)  # its own, returned by the deputy
    assert returned.pk not in _ids(client_for("canbo.longan"))
    bad = client_for("canbo.longan").get("/api/v1/reports", {"status": "xong"})
    assert bad.status_code == 422


def _members(count: int) -> list[Unit]:
    """Plain members of cluster 4 in 2018, neither head nor deputy."""
    memberships = term(4, 2018).memberships.select_related("unit").order_by("unit__code")
    return [m.unit for m in memberships if m.role == OfficerRole.MEMBER][:count]


def _list_queries(client: Client, period: ReportingPeriod) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/reports", {"period": period.pk})
    assert response.status_code == 200
    return len(queries), len(response.json())


def test_the_list_runs_the_same_number_of_queries_however_many_reports(
    period: ReportingPeriod,
) -> None:
    submitted(period, long_an(), staff_streamlined=1)
    clients = {name: client_for(name) for name in ("canbo.binhduong", "thuongtruc", "theodoi")}
    before = {name: _list_queries(c, period) for name, c in clients.items()}
    for unit in _members(4):
        submitted(period, unit, staff_streamlined=2)
    after = {name: _list_queries(c, period) for name, c in clients.items()}
    for name in clients:
        assert after[name][1] == before[name][1] + 4, name
        assert after[name][0] == before[name][0], name
        assert after[name][0] <= 7, name
    # One report of Long An's as the head reads it: the same queries with one figure and one
    # step of history, or with three figures, a correction and four steps.
    head = clients["canbo.binhduong"]
    one = Report.objects.get(period=period, unit=long_an())
    several = submitted(
        open_period(title="Báo cáo bổ sung năm 2018"),
        long_an(),
        staff_streamlined=61,
        focal_points_reduced=2,
        **{SHARE: (61, 1150)},
    )
    several = report_return(actor=persona("thuongtruc"), report=several, reason="Thiếu số liệu")
    several = report_submit(actor=staff_of(long_an()), report=several)
    several = report_accept(actor=persona("thuongtruc"), report=several)
    report_correct(
        actor=persona("thuongtruc"),
        report=several,
        values=figures(staff_streamlined=62, focal_points_reduced=3),
        reason="Bổ sung",
    )
    details = []
    for report in (one, several):
        with CaptureQueriesContext(connection) as queries:
            assert head.get(f"/api/v1/reports/{report.pk}").status_code == 200
        details.append(len(queries))
    # One for the second factor's gate (thidua.accounts.middleware).
    assert details[0] == details[1] <= 11
