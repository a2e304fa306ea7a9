"""One way to write a date and a time everywhere: dd/mm/yyyy, then hh:mm, in local time."""

import datetime as dt
import re
from pathlib import Path

from thidua.core.dates import date_text, datetime_text

CODE = Path(__file__).resolve().parents[2] / "thidua"


def test_date_then_time_in_the_site_s_time_zone() -> None:
    moment = dt.datetime(2018, 1, 5, 10, 0, tzinfo=dt.UTC)  # 17:00 in Hà Nội
    assert datetime_text(moment) == "05/01/2018 17:00"
    assert date_text(dt.date(2018, 1, 5)) == "05/01/2018"


def test_no_template_or_module_writes_the_time_before_the_date() -> None:
    offenders = [
        str(path.relative_to(CODE))
        for path in CODE.glob("**/*")
        if path.suffix in {".html", ".py"}
        and re.search(r"H:i d/m/Y|%H:%M %d/%m/%Y", path.read_text())
    ]
    assert offenders == []
