"""A board's staff accounts from Excel: the template downloaded and filled, every row checked
before anything is written, every bad row reported in Vietnamese."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.builders.clusters import board
from tests.builders.people import client_for, client_of, staff_of
from thidua.accounts.models import Role, RoleGrant, User
from thidua.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
TEMPLATE = reverse("accounts:staff_template")
IMPORT = reverse("accounts:staff_import")
HCM, CAMAU = "79", "96"

Row = tuple[str | None, ...]


def _workbook(response: object) -> Workbook:
    """The downloaded workbook (a FileResponse streams its content)."""
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]


def _filled(client: Client, rows: list[Row]) -> bytes:
    """The template as the client downloads it, with ``rows`` typed under its header."""
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    wb = _workbook(response)
    ws = wb["Tài khoản"]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            ws.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(client: Client, content: bytes, name: str = "can-bo.xlsx") -> str:
    response = client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    if response.status_code == 302:
        return ""
    assert response.status_code == 400, response.status_code
    return response.content.decode()


def _problems(page: str) -> dict[str, str]:
    return dict(
        re.findall(r"<li><strong>(Dòng \d+)</strong>: (.*?)</li>", page.split("import-problems")[1])
    )


def test_the_template_names_its_columns_and_the_units_offered() -> None:
    response = client_for("thuongtruc").get(TEMPLATE)
    wb = _workbook(response)
    header = [c.value for c in wb["Tài khoản"][1]]
    assert header == ["Họ và tên *", "Tên đăng nhập *", "Thư điện tử", "Vai trò", "Đơn vị *"]
    codes = {row[0] for row in wb["Đơn vị"].iter_rows(min_row=2, values_only=True)}
    assert {"BTC-79", "BTC-96"} <= codes
    leader = client_of(staff_of(board(HCM), Role.UNIT_LEADER)).get(TEMPLATE)
    wb = _workbook(leader)
    assert {row[0] for row in wb["Đơn vị"].iter_rows(min_row=2, values_only=True)} == {"BTC-79"}


def test_the_secretariat_creates_a_board_s_staff_from_the_filled_template() -> None:
    client = client_for("thuongtruc")
    content = _filled(
        client,
        [
            ("Nguyễn Văn An", "an.nv.hcm", "an@example.vn", "Lãnh đạo đơn vị", "BTC-79"),
            ("Trần Thị Bình", "Binh.TT.HCM", None, "Cán bộ đơn vị", "btc-79"),
            (None, None, None, None, None),  # an empty row is skipped
            ("Lê Văn Cường", "cuong.lv.hcm", None, None, board(HCM).name),
        ],
    )
    assert _upload(client, content) == ""
    made = {u.username: u for u in User.objects.filter(unit=board(HCM))}
    assert {"an.nv.hcm", "binh.tt.hcm", "cuong.lv.hcm"} <= set(made)
    assert made["an.nv.hcm"].email == "an@example.vn"
    assert not made["an.nv.hcm"].has_usable_password()  # set through a one-time link
    roles = dict(
        RoleGrant.objects.filter(user__in=made.values()).values_list("user__username", "role")
    )
    assert roles == {"an.nv.hcm": Role.UNIT_LEADER, "binh.tt.hcm": Role.UNIT_OFFICER}
    event = AuditEvent.objects.get(action="user.import")
    assert event.after is not None
    assert set(event.after["usernames"]) == {"an.nv.hcm", "binh.tt.hcm", "cuong.lv.hcm"}
    assert AuditEvent.objects.filter(action="user.create").count() >= 3


def test_every_bad_row_is_reported_and_nothing_is_written() -> None:
    client = client_for("thuongtruc")
    staff_of(board(HCM), Role.UNIT_OFFICER)  # canbo.btc-79 exists already
    content = _filled(
        client,
        [
            ("Nguyễn Văn Đúng", "dung.nv.hcm", None, "Cán bộ đơn vị", "BTC-79"),
            (None, "thieu.ten", None, None, "BTC-79"),
            ("Tên Có Dấu", "tên có dấu", None, None, "BTC-79"),
            ("Trùng Một", "trung.hcm", None, None, "BTC-79"),
            ("Trùng Hai", "trung.hcm", None, None, "BTC-79"),
            ("Đã Có", "canbo.btc-79", None, None, "BTC-79"),
            ("Sai Vai Trò", "sai.vaitro", None, "Thường trực thi đua của ngành", "BTC-79"),
            ("Sai Đơn Vị", "sai.donvi", None, None, "BTC-KHONG-CO"),
            ("Sai Thư", "sai.thu", "khong-phai-thu", None, "BTC-79"),
        ],
    )
    before = (User.objects.count(), RoleGrant.objects.count(), AuditEvent.objects.count())
    page = _upload(client, content)
    problems = _problems(page)
    assert set(problems) == {f"Dòng {n}" for n in range(3, 11) if n != 5}
    assert "Thiếu họ và tên" in problems["Dòng 3"]
    assert "chữ thường không dấu" in problems["Dòng 4"]
    assert "trùng với dòng 5" in problems["Dòng 6"]
    assert "đã tồn tại" in problems["Dòng 7"]
    assert "Vai trò" in problems["Dòng 8"]
    assert "không có trong các đơn vị" in problems["Dòng 9"]
    assert "không hợp lệ" in problems["Dòng 10"]
    assert "chưa lưu gì" in page
    assert (User.objects.count(), RoleGrant.objects.count(), AuditEvent.objects.count()) == before
    assert not User.objects.filter(username="dung.nv.hcm").exists()


def test_a_file_that_is_not_a_sheet_or_lacks_its_columns_is_refused() -> None:
    client = client_for("thuongtruc")
    page = _upload(client, b"khong phai excel", name="tai-khoan.xlsx")
    assert "không phải tệp Excel" in page
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Tên đăng nhập", "Họ và tên"])
    ws.append(["thieu.cot", "Thiếu Cột"])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert "Tệp thiếu cột: Đơn vị" in _upload(client, buffer.getvalue())
    assert not User.objects.filter(username="thieu.cot").exists()


def test_a_leader_imports_onto_their_own_unit_only() -> None:
    client = client_of(staff_of(board(HCM), Role.UNIT_LEADER))
    refused = _upload(
        client,
        _filled(
            client,
            [
                ("Người Của Mình", "minh.hcm", None, "Cán bộ đơn vị", "BTC-79"),
                ("Người Tỉnh Khác", "khac.camau", None, "Cán bộ đơn vị", "BTC-96"),
            ],
        ),
    )
    assert set(_problems(refused)) == {"Dòng 3"}
    assert not User.objects.filter(username__in=["minh.hcm", "khac.camau"]).exists()
    content = _filled(client, [("Người Của Mình", "minh.hcm", None, "Cán bộ đơn vị", "BTC-79")])
    assert _upload(client, content) == ""
    assert User.objects.get(username="minh.hcm").unit == board(HCM)


@pytest.mark.parametrize("username", ["canbo.binhduong", "hoidong", "theodoi", "nguoingoai"])
def test_nobody_else_imports_accounts(username: str) -> None:
    content = _filled(
        client_for("thuongtruc"), [("Người Lạ", "nguoi.la", None, "Cán bộ đơn vị", "BTC-79")]
    )
    client = client_for(username)
    assert client.get(TEMPLATE).status_code == 403
    response = client.post(IMPORT, {"file": SimpleUploadedFile("a.xlsx", content)})
    assert response.status_code == 403
    assert not User.objects.filter(username="nguoi.la").exists()
