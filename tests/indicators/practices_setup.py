"""Shared setup of the good-practice page tests: the catalogue, publishing through the service,
and what a client finds on the list."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.clusters import term
from tests.builders.people import persona
from tests.builders.reports import binh_duong, catalogue
from thidua.audit.models import AuditEvent
from thidua.core.models import StoredFile
from thidua.indicators.models import GoodPractice
from thidua.indicators.services.practices import good_practice_publish
from thidua.orgs.models import Unit

PDF = b"%PDF-1.4 dan van kheo"
PNG = b"\x89PNG\r\n\x1a\n anh"
PERSONAS = ("canbo.binhduong", "canbo.longan", "canbo.daklak", "thuongtruc", "hoidong", "theodoi")


@pytest.fixture(scope="module", autouse=True)
def catalogue_loaded(module_db: None) -> None:
    """The catalogue, the clusters that read a practice (cluster 4 in 2017 and 2018 with
    Bình Dương and Long An, cluster 3 in 2023 with Đắk Lắk) and the personas, built once for
    the module that imports this fixture, before any test counts the rows it must not add."""
    catalogue()
    for number, year in ((4, 2017), (4, 2018), (3, 2023)):
        term(number, year)
    for username in (*PERSONAS, "lanhdao.binhduong", "quantri"):
        persona(username)


def publish(
    unit: Unit | None = None,
    *,
    by: str = "canbo.binhduong",
    year: int = 2018,
    title: str = "Mô hình “Dân vận khéo” ở khu công nghiệp",
    **extra: Any,
) -> GoodPractice:
    fields: dict[str, Any] = {
        "area": "Công tác dân vận",
        "what_was_done": "Đảng viên nhận đỡ đầu từng khu nhà trọ công nhân.",
        "results": "Kết nạp 35 đảng viên là công nhân.",
        "indicator_codes": ["new_party_members_admitted"],
    } | extra
    return good_practice_publish(
        actor=persona(by), unit=unit or binh_duong(), year=year, title=title, **fields
    )


def listed(client: Client, **params: str) -> set[int]:
    """The practices a client finds on one page of the list."""
    page = client.get(reverse("indicators:practices"), params)
    assert page.status_code == 200
    return {int(pk) for pk in re.findall(r'data-testid="practice-(\d+)"', page.content.decode())}


def detail(client: Client, practice: GoodPractice) -> int:
    return client.get(reverse("indicators:practice", args=[practice.pk])).status_code


def counts() -> tuple[int, int, int]:
    return GoodPractice.objects.count(), StoredFile.objects.count(), AuditEvent.objects.count()
