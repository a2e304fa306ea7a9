"""The date of a party document in words, as its header prints it: "ngày 05 tháng 01 năm 2018".

Pure (no Django): the builders and the renderer both call it. Short dates elsewhere (tables,
pages) go through ``thidua/core/dates.py``.
"""

from __future__ import annotations

import datetime as dt

# Hướng dẫn 36-HD/VPTW (place and date of a party document), like Nghị định 30/2020/NĐ-CP,
# Phụ lục I for state documents: a day below 10 and the months 1 and 2 take a leading zero
# ("ngày 05 tháng 01", "tháng 02"), so that nobody can add a digit after signing; months 3
# to 12 are written as they are ("tháng 3", "tháng 12").
_LAST_MONTH_WITH_ZERO = 2
_LAST_DAY_WITH_ZERO = 9

# A draft's date is left blank for the hand that signs it: room for two digits each.
_BLANK = "    "
# A place the records do not know (a cluster with no head yet) is a dotted line to write on,
# never a line that starts with a bare comma.
_PLACE_BLANK = "……………"


def _day(d: dt.date) -> str:
    return f"{d.day:02d}" if d.day <= _LAST_DAY_WITH_ZERO else str(d.day)


def _month(d: dt.date) -> str:
    return f"{d.month:02d}" if d.month <= _LAST_MONTH_WITH_ZERO else str(d.month)


def date_in_words(d: dt.date) -> str:
    """``date(2018, 1, 5)`` → "ngày 05 tháng 01 năm 2018"; ``date(2018, 3, 20)`` → "ngày 20
    tháng 3 năm 2018"."""
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def place_date_line(place: str, d: dt.date | None, year: int) -> str:
    """The header's place and date: "Bình Dương, ngày 05 tháng 01 năm 2018"; a draft without
    a date yet: "Bình Dương, ngày    tháng    năm 2018" (the year is known: the term's)."""
    place = place.strip() or _PLACE_BLANK
    if d is None:
        return f"{place}, ngày{_BLANK}tháng{_BLANK}năm {year}"
    return f"{place}, {date_in_words(d)}"
