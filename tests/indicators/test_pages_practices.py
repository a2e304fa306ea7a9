"""The good-practice library pages: who sees which practice (the unit, its cluster of that year,
the secretariat and council, everybody once featured), search without diacritics, the publish
form refusing bad input with nothing saved, featuring by the secretariat only, downloads that
never render inline, and a list whose query count does not grow with the library."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders.clusters import board
from tests.builders.people import client_for, persona
from tests.builders.reports import DAK_LAK, long_an
from tests.indicators.practices_setup import (
    PDF,
    PERSONAS,
    catalogue_loaded,
    counts,
    detail,
    listed,
    publish,
)
from thidua.indicators import access
from thidua.indicators.models import GoodPractice
from thidua.indicators.selectors.practices import good_practice_list_for
from thidua.indicators.services.practices import good_practice_feature

pytestmark = pytest.mark.django_db
__all__ = ["catalogue_loaded"]


def test_anonymous_visitors_are_sent_to_sign_in() -> None:
    practice = publish(files=[("mo-hinh.pdf", PDF)])
    stored = practice.files.get()
    anonymous = Client()
    for url in (
        reverse("indicators:practices"),
        reverse("indicators:practice", args=[practice.pk]),
        reverse("indicators:practice_publish"),
        reverse("indicators:practice_file", args=[practice.pk, stored.pk]),
    ):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]
    response = anonymous.post(
        reverse("indicators:practice_feature", args=[practice.pk]), {"featured": "1"}
    )
    assert response.status_code == 302
    assert not GoodPractice.objects.get(pk=practice.pk).featured


def test_the_cluster_of_that_year_sees_a_practice_and_another_cluster_only_once_featured() -> None:
    practice = publish()  # Bình Dương, 2018: cluster 4 with Long An as a deputy
    for username in ("canbo.binhduong", "canbo.longan", "thuongtruc", "hoidong", "theodoi"):
        client = client_for(username)
        assert practice.pk in listed(client), username
        assert detail(client, practice) == 200, username
    daklak = client_for("canbo.daklak")
    assert practice.pk not in listed(daklak)
    assert detail(daklak, practice) == 404

    assert (
        client_for("thuongtruc")
        .post(reverse("indicators:practice_feature", args=[practice.pk]), {"featured": "1"})
        .status_code
        == 302
    )
    assert practice.pk in listed(daklak)
    assert practice.pk in listed(daklak, featured="on")
    assert detail(daklak, practice) == 200


def test_the_cluster_is_the_one_of_the_practices_year() -> None:
    # Cluster 4 has terms for 2017 and 2018 only: in 2019 Long An is not Bình Dương's peer.
    practice = publish(year=2019)
    assert practice.pk not in listed(client_for("canbo.longan"))
    assert detail(client_for("canbo.longan"), practice) == 404
    assert practice.pk in listed(client_for("canbo.binhduong"))
    # The council reads the whole library, with or without a cluster that year.
    assert practice.pk in listed(client_for("hoidong"))
    assert detail(client_for("hoidong"), practice) == 200


def test_the_list_agrees_with_the_access_rule_for_every_persona() -> None:
    practices = [
        publish(),
        publish(year=2019, title="Sổ tay chi bộ điện tử"),
        publish(long_an(), by="canbo.longan", year=2017, title="Chi bộ bốn tốt"),
        publish(board(DAK_LAK), by="canbo.daklak", year=2023, title="Đảng viên ở buôn làng"),
    ]
    practices[1] = good_practice_feature(
        actor=persona("thuongtruc"), practice=practices[1], featured=True
    )
    ours = {p.pk for p in practices}
    for username in (*PERSONAS, "quantri"):
        user = persona(username)
        expected = {p.pk for p in practices if access.may_read_practice(user, p)}
        found = set(good_practice_list_for(user=user).values_list("pk", flat=True)) & ours
        assert found == expected, username
    daklak = persona("canbo.daklak")
    assert {p.pk for p in practices if access.may_read_practice(daklak, p)} == {
        practices[1].pk,
        practices[3].pk,
    }


def test_the_secretariat_sees_the_whole_library() -> None:
    publish(board(DAK_LAK), by="canbo.daklak", year=2023, title="Đảng viên ở buôn làng")
    publish(year=2019)
    every = GoodPractice.objects.count()
    assert good_practice_list_for(user=persona("thuongtruc")).count() == every
    page = client_for("thuongtruc").get(reverse("indicators:practices")).content.decode()
    assert f"{every} mô hình, cách làm" in page


def test_only_the_secretariat_features_a_practice() -> None:
    practice = publish()
    url = reverse("indicators:practice_feature", args=[practice.pk])
    before = counts()
    for username in ("canbo.binhduong", "lanhdao.binhduong", "canbo.longan", "hoidong"):
        response = client_for(username).post(url, {"featured": "1"})
        assert response.status_code == 403, username
        assert "không có quyền" in response.content.decode()
    # Who may not read the practice is not told it exists.
    assert client_for("canbo.daklak").post(url, {"featured": "1"}).status_code == 404
    assert not GoodPractice.objects.get(pk=practice.pk).featured
    assert counts() == before
    assert client_for("canbo.binhduong").get(url).status_code == 405

    here = reverse("indicators:practice", args=[practice.pk])
    assert (
        'data-testid="feature-form"' not in client_for("canbo.binhduong").get(here).content.decode()
    )
    secretariat = client_for("thuongtruc")
    page = secretariat.get(here).content.decode()
    assert "Giới thiệu toàn ngành" in page
    assert 'data-testid="feature"' in page
    assert secretariat.post(url, {"featured": "1"}).status_code == 302
    page = secretariat.get(here).content.decode()
    assert 'data-testid="unfeature"' in page
    assert "Thôi giới thiệu" in page
    # The button sets a state: sending it twice leaves the practice featured.
    assert secretariat.post(url, {"featured": "1"}).status_code == 302
    assert GoodPractice.objects.get(pk=practice.pk).featured
    assert secretariat.post(url, {"featured": "0"}).status_code == 302
    assert not GoodPractice.objects.get(pk=practice.pk).featured


def test_search_ignores_diacritics_and_case() -> None:
    dan_van = publish(title="Mô hình dân vận khéo")
    doi_moi = publish(title="Đổi mới sinh hoạt chi bộ", area="Củng cố tổ chức cơ sở đảng")
    user = persona("thuongtruc")

    def found(q: str) -> set[int]:
        ours = {dan_van.pk, doi_moi.pk}
        return set(good_practice_list_for(user=user, q=q).values_list("pk", flat=True)) & ours

    assert found("mo hinh dan van") == {dan_van.pk}
    assert found("MÔ HÌNH DÂN VẬN") == {dan_van.pk}
    assert found("  dân   VAN  ") == {dan_van.pk}
    assert found("doi moi") == {doi_moi.pk}  # đ is folded to d
    assert found("ĐỔI MỚI") == {doi_moi.pk}
    assert found("dan van sinh hoat") == set()  # every word must appear
    assert found("") == {dan_van.pk, doi_moi.pk}
    assert found("dan%kheo") == set()  # a LIKE wildcard is searched for, not obeyed

    secretariat = client_for("thuongtruc")
    assert listed(secretariat, q="mo hinh dan van") == {dan_van.pk}
    assert doi_moi.pk in listed(secretariat, area="Củng cố tổ chức cơ sở đảng")
    assert dan_van.pk not in listed(secretariat, area="Củng cố tổ chức cơ sở đảng")
    assert {dan_van.pk, doi_moi.pk} <= listed(secretariat, year="2018")
    assert not {dan_van.pk, doi_moi.pk} & listed(secretariat, year="2017")
    assert dan_van.pk in listed(secretariat, year="khong-phai-so", q="dan van")


def test_live_search_answers_with_the_results_only() -> None:
    practice = publish(title="Mô hình dân vận khéo")
    response = client_for("thuongtruc").get(
        reverse("indicators:practices"), {"q": "dan van kheo"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "<html" not in page
    assert f'data-testid="practice-{practice.pk}"' in page
    assert "HX-Request" in response["Vary"]
    restored = client_for("thuongtruc").get(
        reverse("indicators:practices"),
        {"q": "dan van kheo"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in restored.content.decode()


def test_the_list_pages_twenty_at_a_time() -> None:
    made = [publish(title=f"Mô hình phân trang số {n}") for n in range(25)]
    client = client_for("canbo.longan")
    first = listed(client, q="phan trang")
    second = listed(client, q="phan trang", trang="2")
    assert len(first) == 20
    assert len(second) == 5
    assert first | second == {p.pk for p in made}
    page = client.get(reverse("indicators:practices"), {"q": "phan trang"}).content.decode()
    assert "q=phan+trang&amp;trang=2" in page


def test_files_download_as_attachments_and_never_inline() -> None:
    practice = publish(files=[("ke-hoach.pdf", PDF)])
    other = publish(title="Mô hình khác", files=[("khac.pdf", b"%PDF-1.4 khac")])
    stored = practice.files.get()
    url = reverse("indicators:practice_file", args=[practice.pk, stored.pk])
    response = client_for("canbo.longan").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "ke-hoach.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    # Another practice's file is not reachable through this one, nor by an outsider.
    wrong = reverse("indicators:practice_file", args=[practice.pk, other.files.get().pk])
    assert client_for("canbo.longan").get(wrong).status_code == 404
    assert client_for("canbo.daklak").get(url).status_code == 404


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_list_runs_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    url = reverse("indicators:practices")
    for n in range(3):
        publish(title=f"Mô hình số {n}", files=[("a.pdf", PDF)])
    clients = {u: client_for(u) for u in ("canbo.longan", "thuongtruc", "theodoi")}
    few = {u: _queries(c, url) for u, c in clients.items()}
    for n in range(40):
        publish(title=f"Mô hình thêm số {n}")
        publish(board(DAK_LAK), by="canbo.daklak", year=2023, title=f"Đắk Lắk {n}")
    many = {u: _queries(c, url) for u, c in clients.items()}
    # Session, user, the second factor (the gate's check, or the session's device), grants,
    # the units below the user's (none for the sector-wide roles), the filter's choices, the
    # count and the page.
    assert few == {"canbo.longan": 8, "thuongtruc": 7, "theodoi": 8}
    assert many == few
    for client in clients.values():
        with django_assert_max_num_queries(8):
            assert client.get(url, {"q": "mo hinh", "year": "2018"}).status_code == 200
    # A practice's page: the same queries with one file or three.
    one = GoodPractice.objects.get(title="Mô hình số 0")
    three = publish(title="Mô hình ba tệp", files=[("a.pdf", PDF), ("b.pdf", PDF), ("c.pdf", PDF)])
    pages = [reverse("indicators:practice", args=[p.pk]) for p in (one, three)]
    reader = clients["canbo.longan"]
    assert _queries(reader, pages[0]) == _queries(reader, pages[1]) <= 11
