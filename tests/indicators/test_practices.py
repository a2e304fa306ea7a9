"""The good-practice library: a unit publishes, its cluster and the secretariat read, the
secretariat features one for the whole sector."""

import pytest

from tests.builders.clusters import term
from tests.builders.people import persona
from tests.builders.reports import catalogue, long_an
from thidua.audit.models import AuditEvent
from thidua.core.errors import NotFoundError, PermissionDeniedError, ValidationFailedError
from thidua.core.models import StoredFile
from thidua.core.text import fold
from thidua.indicators import access
from thidua.indicators.models import GoodPractice
from thidua.indicators.selectors.practices import good_practice_get_for
from thidua.indicators.services.practices import good_practice_feature, good_practice_publish

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 mo hinh"


@pytest.fixture(scope="module", autouse=True)
def _catalogue(module_db: None) -> None:
    """The catalogue, cluster 4 of 2018 (Long An and Bình Dương) and cluster 3 of 2023
    (Đắk Lắk), and the personas, built once for the module, before any test counts the rows
    it must not add."""
    catalogue()
    term(4, 2018)
    term(3, 2023)
    for username in ("canbo.longan", "canbo.binhduong", "canbo.daklak", "thuongtruc", "hoidong"):
        persona(username)
    persona("theodoi")


def _publish(**overrides: object) -> GoodPractice:
    fields: dict[str, object] = {
        "actor": persona("canbo.longan"),
        "unit": long_an(),
        "year": 2018,
        "title": "Mô hình “Chi bộ bốn tốt” ở khu dân cư",
        "area": "Củng cố tổ chức cơ sở đảng",
        "what_was_done": "Sắp xếp lại chi bộ, giao chỉ tiêu phát triển đảng viên theo quý.",
        "results": "Kết nạp 120 đảng viên mới.",
        "indicator_codes": ["new_party_members_admitted"],
        "files": [("mo-hinh.pdf", PDF)],
    }
    fields.update(overrides)
    return good_practice_publish(**fields)  # type: ignore[arg-type]


def _counts() -> tuple[int, int]:
    return GoodPractice.objects.count(), StoredFile.objects.count()


def test_a_unit_publishes_a_practice_with_its_indicators_and_files() -> None:
    practice = _publish()
    assert practice.published_by == persona("canbo.longan")
    assert [i.code for i in practice.indicators.all()] == ["new_party_members_admitted"]
    assert [f.name for f in practice.files.all()] == ["mo-hinh.pdf"]
    assert not practice.featured
    # Search ignores diacritics: the folded query meets the stored key.
    assert (
        GoodPractice.objects.filter(search_key__contains=fold("chi bo bon tot")).get() == practice
    )
    assert AuditEvent.objects.filter(action="good_practice.publish", object_id=str(practice.pk))


def test_a_practice_with_bad_input_is_refused_whole() -> None:
    before = _counts()
    with pytest.raises(ValidationFailedError) as refused:
        _publish(
            title=" ",
            indicator_codes=["no_such_code"],
            files=[("mo-hinh.pdf", PDF), ("chay.exe", b"MZ\x90")],
        )
    assert set(refused.value.problems) == {"title", "indicator_codes", "files"}
    assert _counts() == before


def test_a_practice_with_a_file_over_the_limit_is_refused(settings: object) -> None:
    settings.EVIDENCE_MAX_BYTES = 8  # type: ignore[attr-defined]
    before = _counts()
    with pytest.raises(ValidationFailedError, match="chưa lưu gì"):
        _publish()
    assert _counts() == before


def test_only_the_units_staff_publish_for_it() -> None:
    before = _counts()
    for username in ("canbo.daklak", "canbo.binhduong", "hoidong", "theodoi"):
        with pytest.raises(PermissionDeniedError):
            _publish(actor=persona(username))
    assert _counts() == before


def test_the_cluster_reads_a_practice_and_the_sector_once_it_is_featured() -> None:
    practice = _publish()
    for username in ("canbo.longan", "canbo.binhduong", "thuongtruc", "hoidong", "theodoi"):
        assert access.may_read_practice(persona(username), practice), username
    with pytest.raises(NotFoundError):
        good_practice_get_for(user=persona("canbo.daklak"), pk=practice.pk)

    for username in ("canbo.longan", "canbo.binhduong", "hoidong"):
        with pytest.raises(PermissionDeniedError):
            good_practice_feature(actor=persona(username), practice=practice, featured=True)
    assert not GoodPractice.objects.get(pk=practice.pk).featured

    practice = good_practice_feature(actor=persona("thuongtruc"), practice=practice, featured=True)
    assert practice.featured
    assert good_practice_get_for(user=persona("canbo.daklak"), pk=practice.pk) == practice
    practice = good_practice_feature(actor=persona("thuongtruc"), practice=practice, featured=False)
    assert not access.may_read_practice(persona("canbo.daklak"), practice)
