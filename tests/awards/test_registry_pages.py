"""The registry's pages: search without diacritics, by year and award, a page at a time;
revoked awards marked; the revocation form only for the deciding level, bad input answered
beside its field with nothing written; a unit's awards following its lineage."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders.clusters import board
from tests.builders.people import client_for
from thidua.awards.models import Grant, GrantSource
from thidua.orgs.models import Unit

D = dt.date
BINH_DUONG = "74-63"
HO_CHI_MINH = "79"
REGISTRY = "/khen-thuong/so/"


def _grant(
    unit: Unit, *, year: int = 2018, award: str = "commission_flag", **more: object
) -> Grant:
    return Grant.objects.create(
        unit=unit,
        award=award,
        year=year,
        source=GrantSource.ENTERED,
        decision_number=f"{year}-QĐ/BTCTW",
        decided_on=D(year + 1, 2, 1),
        issuer="Ban Tổ chức Trung ương",
        **more,
    )


def _subjects(page: str) -> list[str]:
    return re.findall(r'data-testid="grant-subject">(?:<a [^>]*>)?([^<]+)', page)


@pytest.mark.django_db
def test_a_search_without_diacritics_finds_the_award() -> None:
    _grant(board(BINH_DUONG))
    client = client_for("nguoingoai")  # awards are public honours: every signed-in user reads
    found = client.get(REGISTRY, {"q": "binh duong"}).content.decode()
    assert any("Bình Dương" in name for name in _subjects(found))
    assert "Cờ thi đua" in found  # the catalogue's name, not the code
    missed = client.get(REGISTRY, {"q": "ha giang"}).content.decode()
    assert _subjects(missed) == []
    assert 'data-testid="no-grants"' in missed


@pytest.mark.django_db
def test_the_filters_keep_the_year_and_the_award_asked_for() -> None:
    unit = board(BINH_DUONG)
    _grant(unit, year=2018)
    _grant(unit, year=2019, award="commission_certificate")
    client = client_for("canbo.daklak")
    by_year = client.get(REGISTRY, {"nam": "2019"}).content.decode()
    assert "2019-QĐ/BTCTW" in by_year
    assert "2018-QĐ/BTCTW" not in by_year
    by_award = client.get(REGISTRY, {"khen": "commission_flag"}).content.decode()
    assert "2018-QĐ/BTCTW" in by_award
    assert "2019-QĐ/BTCTW" not in by_award


@pytest.mark.django_db
def test_a_bad_year_is_answered_in_words_not_an_error() -> None:
    answer = client_for("canbo.daklak").get(REGISTRY, {"nam": "hai nghìn"})
    assert answer.status_code == 400
    assert 'data-testid="error-nam"' in answer.content.decode()


@pytest.mark.django_db
def test_the_registry_goes_a_page_at_a_time() -> None:
    unit = board(BINH_DUONG)
    Grant.objects.bulk_create(
        [
            Grant(
                unit=unit,
                award="commission_certificate",
                year=2000 + i % 20,
                source=GrantSource.ENTERED,
                decision_number=f"{i}-QĐ",
                decided_on=D(2021, 1, 1),
                issuer="Ban Tổ chức Trung ương",
            )
            for i in range(55)
        ]
    )
    client = client_for("canbo.daklak")
    first = client.get(REGISTRY).content.decode()
    assert len(_subjects(first)) == 50
    assert 'data-testid="next-page"' in first
    second = client.get(REGISTRY, {"trang": 2}).content.decode()
    assert len(_subjects(second)) == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username", ["lanhdao.binhduong", "canbo.daklak", "theodoi", "nguoingoai", "hoidong"]
)
def test_only_the_secretariat_revokes_an_award_entered_from_the_archive(username: str) -> None:
    grant = _grant(board(BINH_DUONG))
    client = client_for(username)
    assert 'data-testid="revoke-link"' not in client.get(REGISTRY).content.decode()
    url = f"{REGISTRY}{grant.pk}/thu-hoi/"
    assert client.get(url).status_code == 403
    answer = client.post(
        url,
        {
            "ground": "false_declaration",
            "decision": "9-QĐ",
            "revoked_on": "2020-05-01",
            "reason": "Kê khai sai.",
        },
    )
    assert answer.status_code == 403
    assert Grant.objects.get(pk=grant.pk).revoked_on is None


@pytest.mark.django_db
def test_a_revocation_without_a_ground_is_refused_beside_the_field() -> None:
    grant = _grant(board(BINH_DUONG))
    answer = client_for("thuongtruc").post(
        f"{REGISTRY}{grant.pk}/thu-hoi/",
        {"ground": "", "decision": "9-QĐ", "revoked_on": "2020-05-01", "reason": "Kê khai sai."},
    )
    assert answer.status_code == 400
    assert 'data-testid="error-ground"' in answer.content.decode()
    assert Grant.objects.get(pk=grant.pk).revoked_on is None


@pytest.mark.django_db
def test_a_revocation_before_the_award_was_decided_is_refused_in_words() -> None:
    grant = _grant(board(BINH_DUONG))
    answer = client_for("thuongtruc").post(
        f"{REGISTRY}{grant.pk}/thu-hoi/",
        {
            "ground": "forged_papers",
            "decision": "9-QĐ",
            "revoked_on": "2018-05-01",
            "reason": "Giả mạo.",
        },
    )
    assert answer.status_code == 400
    assert "không thể trước ngày quyết định" in answer.content.decode()
    assert Grant.objects.get(pk=grant.pk).revoked_on is None


@pytest.mark.django_db
def test_the_secretariat_revokes_and_the_award_stays_marked() -> None:
    grant = _grant(board(BINH_DUONG))
    client = client_for("thuongtruc")
    assert 'data-testid="revoke-link"' in client.get(REGISTRY).content.decode()
    answer = client.post(
        f"{REGISTRY}{grant.pk}/thu-hoi/",
        {
            "ground": "false_declaration",
            "decision": "9-QĐ/BTCTW",
            "revoked_on": "2020-05-01",
            "reason": "Kê khai sai số liệu.",
        },
    )
    assert answer.status_code == 302
    page = client.get(REGISTRY).content.decode()
    assert "Đã thu hồi ngày 01/05/2020" in page
    assert "Gian dối trong kê khai thành tích" in page
    assert 'data-testid="revoke-link"' not in page


@pytest.mark.django_db
def test_a_unit_page_shows_the_awards_of_the_units_it_succeeded() -> None:
    _grant(board(BINH_DUONG), year=2018)
    successor = board(HO_CHI_MINH)
    page = client_for("canbo.daklak").get(f"/khen-thuong/so/don-vi/{successor.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "2018-QĐ/BTCTW" in text
    assert "Bình Dương" in text
    assert client_for("canbo.daklak").get("/khen-thuong/so/don-vi/987654/").status_code == 404


@pytest.mark.django_db
def test_the_registry_page_reads_5_and_50_awards_in_the_same_number_of_queries() -> None:
    unit = board(BINH_DUONG)
    client = client_for("thuongtruc")

    def grants(count: int, year: int) -> int:
        Grant.objects.bulk_create(
            [
                Grant(
                    unit=unit,
                    award="commission_certificate",
                    year=year,
                    source=GrantSource.ENTERED,
                    decision_number=f"{i}-QĐ",
                    decided_on=D(year + 1, 1, 1),
                    issuer="Ban Tổ chức Trung ương",
                )
                for i in range(count)
            ]
        )
        client.get(REGISTRY, {"nam": year})
        with CaptureQueriesContext(connection) as captured:
            client.get(REGISTRY, {"nam": year})
        return len(captured)

    assert grants(5, 2015) == grants(50, 2016)
