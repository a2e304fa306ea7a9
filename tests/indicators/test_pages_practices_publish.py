"""Publishing a good practice through its page: the form, bad input refused in Vietnamese with
nothing saved, files over the limit refused before they are read, and the unit to publish for."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.builders.people import client_for, persona
from tests.builders.reports import binh_duong, long_an
from tests.indicators.practices_setup import (
    PDF,
    PNG,
    catalogue_loaded,
    counts,
)
from thidua.accounts.models import Role
from thidua.accounts.services import role_grant
from thidua.indicators.models import GoodPractice, Indicator

pytestmark = pytest.mark.django_db
__all__ = ["catalogue_loaded"]


def post_practice(client: Client, **overrides: Any) -> Any:
    data: dict[str, Any] = {
        "year": "2018",
        "title": "Mô hình “Đổi mới sinh hoạt chi bộ”",
        "area": "Củng cố tổ chức cơ sở đảng",
        "what_was_done": "Chi bộ sinh hoạt chuyên đề mỗi quý.",
        "results": "100 % chi bộ sinh hoạt chuyên đề.",
        "indicators": ["new_party_members_admitted", "weak_grassroots_orgs_consolidated"],
        "attachments": [
            SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("anh.png", PNG, "image/png"),
        ],
    } | overrides
    return client.post(reverse("indicators:practice_publish"), data)


def test_a_units_officer_publishes_through_the_page() -> None:
    officer = client_for("canbo.longan")
    form = officer.get(reverse("indicators:practice_publish")).content.decode()
    # One unit: nothing to pick, the unit goes along hidden.
    assert f'type="hidden" name="unit" value="{long_an().pk}"' in form
    assert "Đơn vị: Ban Tổ chức Tỉnh ủy Long An" in form
    response = post_practice(officer)
    assert response.status_code == 302
    practice = GoodPractice.objects.get(title="Mô hình “Đổi mới sinh hoạt chi bộ”")
    assert response["Location"] == reverse("indicators:practice", args=[practice.pk])
    assert (practice.unit, practice.year) == (long_an(), 2018)
    assert practice.published_by == persona("canbo.longan")
    assert sorted(f.name for f in practice.files.all()) == ["anh.png", "bien-ban.pdf"]
    page = officer.get(response["Location"]).content.decode()
    assert Indicator.objects.get(code="new_party_members_admitted").name in page
    assert 'data-testid="indicator-weak_grassroots_orgs_consolidated"' in page
    assert "bien-ban.pdf" in page
    assert "anh.png" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"attachments": [SimpleUploadedFile("chay.exe", b"MZ\x90", "application/x-msdos")]},
            "attachments",
            "không đúng loại cho phép",
        ),
        (
            {"attachments": [SimpleUploadedFile("gia.pdf", b"MZ\x90", "application/pdf")]},
            "attachments",
            "không khớp với đuôi .pdf",
        ),
        ({"title": "   "}, "title", "Tên mô hình, cách làm bắt buộc"),
        ({"what_was_done": ""}, "what_was_done", "Cần mô tả cách làm"),
        ({"year": "1990"}, "year", "Năm không hợp lệ"),
        ({"indicators": ["khong_co"]}, "indicators", "Có chỉ tiêu không hợp lệ"),
        ({"unit": "999999"}, "unit", "Hãy chọn một đơn vị của bạn"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_with_nothing_saved(
    overrides: dict[str, Any], field: str, message: str
) -> None:
    before = counts()
    response = post_practice(client_for("canbo.longan"), **overrides)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'data-testid="error-{field}"' in page
    assert message in page
    assert counts() == before
    if field != "title":
        assert "Mô hình “Đổi mới sinh hoạt chi bộ”" in page  # what was typed is kept


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings: Any) -> None:
    settings.EVIDENCE_MAX_BYTES = 8
    before = counts()
    response = post_practice(client_for("canbo.longan"))
    assert response.status_code == 400
    assert "vượt quá dung lượng cho phép" in response.content.decode()
    assert counts() == before


def test_one_cannot_publish_for_another_unit_or_without_a_unit() -> None:
    before = counts()
    response = post_practice(client_for("canbo.longan"), unit=str(binh_duong().pk))
    assert response.status_code == 400
    assert counts() == before
    for username in ("hoidong", "theodoi", "thuongtruc"):
        client = client_for(username)
        assert client.get(reverse("indicators:practice_publish")).status_code == 403, username
        assert post_practice(client).status_code == 403
        assert (
            'data-testid="practice-new"'
            not in client.get(reverse("indicators:practices")).content.decode()
        )
    assert counts() == before


def test_staff_of_several_units_pick_one() -> None:
    user = persona("canbo.longan")
    role_grant(actor=None, user=user, role=Role.UNIT_OFFICER, unit=binh_duong())
    client = Client()
    client.force_login(user)
    form = client.get(reverse("indicators:practice_publish")).content.decode()
    assert '<select name="unit"' in form
    assert post_practice(client, unit=str(binh_duong().pk)).status_code == 302
    assert GoodPractice.objects.get(title="Mô hình “Đổi mới sinh hoạt chi bộ”").unit == binh_duong()
