"""Runs on PostgreSQL in `make test`, and again on SQLite: the ordering must not depend on
the database's collation."""

import pytest

from tests.builders.people import persona
from thidua.orgs.models import UnitKind
from thidua.orgs.selectors import unit_list_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["dak lak", "DAK LAK", "Đắk Lắk", "  đắk   LẮK "])
def test_search_ignores_case_and_diacritics(query: str) -> None:
    found = unit_list_for(user=persona("canbo.longan"), q=query, kind=UnitKind.ORGANIZATION_BOARD)
    assert [u.code for u in found] == ["BTC-66-63", "BTC-66"]


def test_search_with_words_in_any_order_and_by_code() -> None:
    user = persona("canbo.longan")
    assert unit_list_for(user=user, q="duong binh", kind=UnitKind.PROVINCIAL_COMMITTEE).count() == 1
    assert {u.code for u in unit_list_for(user=user, q="btc-79")} == {"BTC-79", "BTC-79-63"}


def test_search_as_of_a_date_keeps_only_units_valid_then() -> None:
    import datetime as dt

    user = persona("canbo.longan")
    old = unit_list_for(user=user, q="binh duong", as_of=dt.date(2018, 1, 1))
    assert {u.code for u in old} == {"TU-74-63", "BTC-74-63"}
    assert not unit_list_for(user=user, q="binh duong", as_of=dt.date(2025, 8, 1)).filter(
        kind=UnitKind.ORGANIZATION_BOARD
    )


def test_lists_sort_in_vietnamese_order() -> None:
    user = persona("canbo.longan")
    provinces = list(
        unit_list_for(user=user, kind=UnitKind.PROVINCIAL_COMMITTEE, q="tinh uy")
        .filter(valid_to__isnull=False)
        .values_list("short_name", flat=True)
    )
    assert provinces.index("Bà Rịa - Vũng Tàu") < provinces.index("Bạc Liêu")
    assert provinces.index("Bạc Liêu") < provinces.index("Bắc Giang")
    assert provinces.index("Hà Giang") < provinces.index("Hà Nam") < provinces.index("Hà Tĩnh")
    assert provinces.index("Hà Tĩnh") < provinces.index("Hải Dương")


def test_d_sorts_before_dj() -> None:
    communes = [
        name.removeprefix("Xã ")
        for name in unit_list_for(user=persona("canbo.longan"), kind=UnitKind.COMMUNE_COMMITTEE)
        .filter(short_name__startswith="Xã ")
        .values_list("short_name", flat=True)
        if name.startswith(("Xã D", "Xã Đ"))
    ]
    initials = [name[0] for name in communes]
    assert "D" in initials
    assert "Đ" in initials
    assert initials == sorted(initials, key=lambda c: c == "Đ")
