"""The date in words of a party document's header, at the edges of the leading-zero rule."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.documents.dates import date_in_words, place_date_line


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2018, 1, 5), "ngày 05 tháng 01 năm 2018"),
        (dt.date(2018, 1, 1), "ngày 01 tháng 01 năm 2018"),
        (dt.date(2018, 2, 9), "ngày 09 tháng 02 năm 2018"),
        (dt.date(2018, 2, 10), "ngày 10 tháng 02 năm 2018"),
        (dt.date(2018, 2, 28), "ngày 28 tháng 02 năm 2018"),
        (dt.date(2018, 3, 1), "ngày 01 tháng 3 năm 2018"),
        (dt.date(2018, 3, 20), "ngày 20 tháng 3 năm 2018"),
        (dt.date(2018, 9, 30), "ngày 30 tháng 9 năm 2018"),
        (dt.date(2018, 10, 9), "ngày 09 tháng 10 năm 2018"),
        (dt.date(2018, 12, 31), "ngày 31 tháng 12 năm 2018"),
        (dt.date(2020, 2, 29), "ngày 29 tháng 02 năm 2020"),
    ],
)
def test_days_below_ten_and_january_february_take_a_leading_zero(day: dt.date, words: str) -> None:
    assert date_in_words(day) == words


def test_the_place_comes_before_the_date() -> None:
    line = place_date_line("Bình Dương", dt.date(2018, 1, 5), 2018)
    assert line == "Bình Dương, ngày 05 tháng 01 năm 2018"


def test_a_draft_leaves_day_and_month_blank_but_keeps_the_year() -> None:
    line = place_date_line("Hạ Long", None, 2019)
    assert line.startswith("Hạ Long, ngày ")
    assert line.endswith(" năm 2019")
    assert " ".join(line.split()) == "Hạ Long, ngày tháng năm 2019"
    assert not any(ch.isdigit() for ch in line.removesuffix("2019"))


def test_a_place_the_records_do_not_know_is_a_dotted_line_not_a_bare_comma() -> None:
    assert place_date_line("", dt.date(2018, 1, 5), 2018) == "……………, ngày 05 tháng 01 năm 2018"
    assert place_date_line(" ", None, 2017).startswith("……………, ngày")
