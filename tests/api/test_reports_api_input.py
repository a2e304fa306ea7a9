"""API v1 on periodic reports: bad figures refused together at their place with nothing
saved, the deadline, corrections with their history, and evidence files."""

import hashlib
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.reports_api_setup import (
    JSON,
    PDF,
    SHARE,
    SIXTY_ONE,
    accepted_binh_duong,
    catalogue_loaded,
    period,
    post_step,
    put_report,
    submitted,
)
from tests.builders.people import client_for, client_of, persona, staff_of
from tests.builders.reports import binh_duong, long_an, open_period
from thidua.core.models import StoredFile
from thidua.indicators.models import (
    Report,
    ReportingPeriod,
    ReportValue,
    ReportValueChange,
)

pytestmark = pytest.mark.django_db
D = Decimal
__all__ = ["catalogue_loaded", "period"]

BAD_VALUES: list[dict[str, Any]] = [
    {"indicator": "staff_streamlined", "value": 70},
    {"indicator": SHARE, "value": 61, "denominator": 50},
    {"indicator": "focal_points_reduced", "value": -3},
    {"indicator": "chi_tieu_khong_co", "value": 1},
    {"indicator": "staff_streamlined", "value": 71},
    {"indicator": "personnel_moves", "value": "mười"},
    {"indicator": "job_position_schemes_approved", "value": 3, "denominator": "NaN"},
]


def test_every_bad_figure_is_refused_at_its_place_and_nothing_is_saved(
    period: ReportingPeriod,
) -> None:
    client = client_for("canbo.binhduong")
    first = {"values": [{"indicator": "staff_streamlined", "value": 61}], "results": "Kỳ trước"}
    report_id = put_report(client, period, binh_duong(), first).json()["id"]
    counts = (Report.objects.count(), ReportValue.objects.count())
    refused = put_report(client, period, binh_duong(), {"values": BAD_VALUES, "results": "Mới"})
    assert refused.status_code == 400
    assert refused.json() == {
        "detail": "Số liệu báo cáo chưa hợp lệ, chưa lưu gì.",
        "errors": [
            {"field": "values[1]", "message": "Tử số x (61) không được lớn hơn mẫu số y (50)."},
            {"field": "values[2]", "message": "Số liệu không được âm."},
            {
                "field": "values[3]",
                "message": "Không có chỉ tiêu mã “chi_tieu_khong_co” trong danh mục.",
            },
            {
                "field": "values[4].indicator",
                "message": "Chỉ tiêu “staff_streamlined” đã có ở values[0]; "
                "mỗi chỉ tiêu chỉ nhập một lần.",
            },
            {"field": "values[5].value", "message": "“mười” không phải là số."},
            {"field": "values[6].denominator", "message": "“NaN” không phải là số hợp lệ."},
        ],
    }
    assert (Report.objects.count(), ReportValue.objects.count()) == counts
    kept = client.get(f"/api/v1/reports/{report_id}").json()
    assert [(v["indicator"], v["value"]) for v in kept["values"]] == [
        ("staff_streamlined", "61.00")
    ]
    assert kept["results"] == "Kỳ trước"


def test_unreadable_figures_alone_still_save_nothing(period: ReportingPeriod) -> None:
    client = client_for("canbo.longan")
    counts = (Report.objects.count(), ReportValue.objects.count())
    body = {
        "values": [
            {"indicator": "staff_streamlined", "value": 61},
            {"indicator": "personnel_moves", "value": "12 người"},
            {"indicator": " ", "value": 1},
        ]
    }
    refused = put_report(client, period, long_an(), body)
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {"field": "values[1].value", "message": "“12 người” không phải là số."},
        {"field": "values[2].indicator", "message": "Chưa nhập mã chỉ tiêu."},
    ]
    assert (Report.objects.count(), ReportValue.objects.count()) == counts
    # A body of the wrong shape is the API's 422, in Vietnamese, before anything is read.
    shapeless = put_report(client, period, long_an(), {"values": [{"value": 1}]})
    assert shapeless.status_code == 422
    assert shapeless.json()["detail"] == "Tham số không hợp lệ."


def test_a_draft_after_the_deadline_is_refused() -> None:
    closed = open_period(days_left=-1)
    counts = (Report.objects.count(), ReportValue.objects.count())
    refused = put_report(client_for("canbo.longan"), closed, long_an(), SIXTY_ONE)
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith(
        "Đã quá hạn nộp báo cáo kỳ “Báo cáo đột xuất năm 2018”"
    )
    assert (Report.objects.count(), ReportValue.objects.count()) == counts


def test_a_correction_keeps_the_history_and_reads_back(period: ReportingPeriod) -> None:
    report = accepted_binh_duong(period)
    leader = client_for("lanhdao.binhduong")
    url = f"/api/v1/reports/{report.pk}/correct"
    body = {
        "values": [
            {"indicator": "staff_streamlined", "value": "63"},
            {"indicator": SHARE, "value": 63, "denominator": 1150},
            {"indicator": "focal_points_reduced", "value": 4},
        ],
        "reason": "Bổ sung 2 trường hợp nghỉ hưu trước tuổi",
    }
    assert client_for("canbo.binhduong").post(url, body, content_type=JSON).status_code == 403
    assert client_for("canbo.daklak").post(url, body, content_type=JSON).status_code == 404
    corrected = leader.post(url, body, content_type=JSON)
    assert corrected.status_code == 200, corrected.json()
    assert (corrected.json()["status"], corrected.json()["revision"]) == ("accepted", 2)

    read = client_for("canbo.longan").get(f"/api/v1/reports/{report.pk}").json()
    values = {v["indicator"]: (v["value"], v["percentage"]) for v in read["values"]}
    assert values == {
        "staff_streamlined": ("63.00", None),
        SHARE: ("63.00", "5.48"),
        "focal_points_reduced": ("4.00", None),
    }
    history = [
        (c["indicator"], c["old_value"], c["old_denominator"], c["new_value"], c["revision"])
        for c in read["corrections"]
    ]
    assert sorted(history) == [
        ("focal_points_reduced", None, None, "4.00", 2),
        ("staff_streamlined", "61.00", None, "63.00", 2),
        (SHARE, "61.00", "1150.00", "63.00", 2),
    ]
    assert {c["reason"] for c in read["corrections"]} == {body["reason"]}
    leader_user = persona("lanhdao.binhduong")
    assert {c["changed_by"] for c in read["corrections"]} == {
        leader_user.get_full_name() or leader_user.username
    }

    # A second correction adds to the history; a bad one changes nothing.
    second = {"values": [{"indicator": "staff_streamlined", "value": 64}], "reason": "Rà soát"}
    assert client_for("canbo.longan").post(url, second, content_type=JSON).status_code == 200
    bad = {
        "values": [
            {"indicator": "staff_streamlined", "value": 65},
            {"indicator": SHARE, "value": 70, "denominator": 60},
            {"indicator": "focal_points_reduced", "value": "bốn"},
        ],
        "reason": "Sai",
    }
    counts = (ReportValue.objects.count(), ReportValueChange.objects.count())
    refused = leader.post(url, bad, content_type=JSON)
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Số liệu điều chỉnh chưa hợp lệ, chưa lưu gì."
    assert [e["field"] for e in refused.json()["errors"]] == ["values[1]", "values[2].value"]
    assert (ReportValue.objects.count(), ReportValueChange.objects.count()) == counts
    only_bad = {"values": [{"indicator": "focal_points_reduced", "value": "bốn"}], "reason": "Sai"}
    alone = leader.post(url, only_bad, content_type=JSON)
    assert alone.json()["errors"] == [
        {"field": "values[0].value", "message": "“bốn” không phải là số."}
    ]
    final = leader.get(f"/api/v1/reports/{report.pk}").json()
    assert final["revision"] == 3
    assert {v["indicator"]: v["value"] for v in final["values"]}["staff_streamlined"] == "64.00"
    assert [
        (c["old_value"], c["new_value"], c["revision"])
        for c in final["corrections"]
        if c["indicator"] == "staff_streamlined"
    ] == [("61.00", "63.00", 2), ("63.00", "64.00", 3)]


def test_a_draft_cannot_be_corrected(period: ReportingPeriod) -> None:
    report = submitted(period, long_an(), staff_streamlined=61)
    body = {"values": [{"indicator": "staff_streamlined", "value": 62}], "reason": "Sửa"}
    refused = post_step(client_of(staff_of(long_an())), report.pk, "correct", body)
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Chỉ điều chỉnh số liệu của báo cáo đã được tiếp nhận."


def test_evidence_is_attached_and_read_back_and_a_forbidden_type_is_refused(
    period: ReportingPeriod,
) -> None:
    officer = client_for("canbo.longan")
    report_id = put_report(officer, period, long_an(), SIXTY_ONE).json()["id"]
    url = f"/api/v1/reports/{report_id}/files"
    stored = officer.post(url, {"file": SimpleUploadedFile("bao-cao.pdf", PDF)})
    assert stored.status_code == 201, stored.json()
    files = officer.get(f"/api/v1/reports/{report_id}").json()["files"]
    assert files == [
        {
            "id": stored.json()["id"],
            "name": "bao-cao.pdf",
            "sha256": hashlib.sha256(PDF).hexdigest(),
            "size": len(PDF),
        }
    ]
    with StoredFile.objects.get(pk=files[0]["id"]).file.open("rb") as kept:
        assert kept.read() == PDF
    count = StoredFile.objects.count()
    refused = officer.post(url, {"file": SimpleUploadedFile("chay.exe", b"MZ\x90\x00")})
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("Tệp “chay.exe” không đúng loại cho phép")
    outsider = client_for("canbo.daklak").post(url, {"file": SimpleUploadedFile("x.pdf", PDF)})
    assert outsider.status_code == 404
    assert StoredFile.objects.count() == count
