"""Reading a filled staff ratings sheet: one row per person, every cell checked, every problem
reported with its row and column. Nothing here touches the database."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.awards.engine.catalogue import AwardKind, Level, SubjectKind
from thidua.awards.excel.layout import (
    AWARD,
    BIRTH_YEAR,
    COLUMNS,
    DECIDED_ON,
    FORMAT,
    HEADER_SEARCH_ROWS,
    HEADINGS,
    INITIATIVES,
    NAME,
    NUMBER,
    RATING,
    SHEET,
    TITLE,
)
from thidua.awards.models import Rating
from thidua.awards.selectors.judging import catalogue
from thidua.core.errors import ValidationFailedError
from thidua.core.text import fold
from thidua.core.xlsx import refusal, workbook_open
from thidua.core.xlsx_write import IDENTITY

MAX_NAME = 200
MAX_TITLE = 200
MAX_NUMBER = 60
# More than this many initiatives recognised for one person in one year is a typing mistake.
MAX_INITIATIVES = 50
FIRST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class SheetRow:
    row: int
    name: str
    birth_year: int
    title: str
    rating: str
    award: str  # a catalogue code, or "" for none
    decision_number: str
    decided_on: dt.date | None
    initiatives: int

    @property
    def key(self) -> tuple[str, int]:
        return fold(self.name), self.birth_year


def _ratings() -> dict[str, str]:
    """Each rating's Vietnamese label, folded, with and without "nhiệm vụ"."""
    found: dict[str, str] = {}
    with translation.override("vi"):
        for value, label in Rating.choices:
            folded = fold(str(label))
            found[folded] = value
            found[folded.removesuffix(" nhiem vu")] = value
    return found


def _titles() -> dict[str, str]:
    """The titles a board grants its staff (Lao động tiên tiến, Chiến sĩ thi đua cơ sở), by
    their abbreviation and their name, folded."""
    found: dict[str, str] = {}
    for award in catalogue():
        if (
            award.kind == AwardKind.TITLE
            and award.level == Level.UNIT
            and award.goes_to(SubjectKind.INDIVIDUAL)
        ):
            found[fold(award.abbreviation)] = award.code
            found[fold(award.name)] = award.code
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _whole(value: Any) -> int | None:
    """A whole number typed as a number or as text; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text.isdigit() else None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a calendar day)
        except ValueError:
            continue
    return None


def _place(row: int, column: int) -> str:
    return _("Dòng %(row)s, cột %(letter)s (%(name)s)") % {
        "row": row,
        "letter": get_column_letter(column),
        "name": COLUMNS[column],
    }


def _header_row(ws: Worksheet) -> int:
    wanted = fold(HEADINGS[NAME])
    for row in range(1, HEADER_SEARCH_ROWS + 1):
        if fold(_text(ws.cell(row=row, column=NAME).value)) == wanted:
            return row
    raise refusal(
        _(
            "Không tìm thấy dòng tiêu đề (ô “%(heading)s” ở cột A) trong %(n)s dòng đầu; "
            "hãy dùng tệp mẫu."
        )
        % {"heading": HEADINGS[NAME], "n": HEADER_SEARCH_ROWS}
    )


def _identity_check(wb: Any, *, unit_code: str, year: int) -> None:
    """A file made from the template names its unit and year: refuse it for another one."""
    if IDENTITY not in wb.sheetnames:
        return
    facts = {
        str(k): "" if v is None else str(v)
        for k, v, *_rest in wb[IDENTITY].iter_rows(max_col=2, values_only=True)
        if k is not None
    }
    if facts.get("format") != FORMAT:
        return
    if facts.get("unit_code") != unit_code:
        raise refusal(
            _("Tệp mẫu này được lập cho đơn vị có mã %(other)s, không phải đơn vị đang nhập.")
            % {"other": facts.get("unit_code") or "?"}
        )
    if facts.get("year") != str(year):
        raise refusal(
            _("Tệp mẫu này được lập cho năm %(other)s, không phải năm %(year)s.")
            % {"other": facts.get("year") or "?", "year": year}
        )


def sheet_read(content: bytes, *, unit_code: str, year: int) -> list[SheetRow]:
    """Every row of the file; every bad cell of every row reported at once (the whole file is
    refused with ``ValidationFailedError``, each problem under "Dòng r, cột X (name)")."""
    wb = workbook_open(content)
    _identity_check(wb, unit_code=unit_code, year=year)
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    header = _header_row(ws)
    ratings, titles = _ratings(), _titles()
    problems: dict[str, list[str]] = {}
    rows: list[SheetRow] = []
    seen: dict[tuple[str, int], int] = {}
    for cells in ws.iter_rows(min_row=header + 1, max_col=INITIATIVES):
        values = [c.value for c in cells]
        if all(_text(v) == "" for v in values):
            continue
        row = cells[0].row
        assert isinstance(row, int)  # noqa: S101 (a cell read from a sheet has its row)
        parsed = _row(row, values, ratings, titles, year, problems)
        if parsed is None:
            continue
        if parsed.key in seen:
            problems.setdefault(_place(row, NAME), []).append(
                _("Người này đã có ở dòng %(row)s.") % {"row": seen[parsed.key]}
            )
            continue
        seen[parsed.key] = row
        rows.append(parsed)
    if problems:
        raise ValidationFailedError(_("Tệp Excel có lỗi, chưa lưu gì."), problems)
    if not rows:
        raise refusal(_("Tệp không có dòng nào dưới dòng tiêu đề."))
    return rows


def _row(
    row: int,
    values: list[Any],
    ratings: dict[str, str],
    titles: dict[str, str],
    year: int,
    problems: dict[str, list[str]],
) -> SheetRow | None:
    found: dict[int, list[str]] = {}

    def bad(column: int, message: str) -> None:
        found.setdefault(column, []).append(message)

    value = dict(zip(range(1, INITIATIVES + 1), values, strict=False))
    name = _text(value.get(NAME))
    if not name:
        bad(NAME, _("Chưa nhập họ và tên."))
    elif len(name) > MAX_NAME:
        bad(NAME, _("Tối đa %(n)s ký tự.") % {"n": MAX_NAME})
    birth_year = _whole(value.get(BIRTH_YEAR))
    this_year = timezone.localdate().year
    if birth_year is None or not FIRST_BIRTH_YEAR <= birth_year <= this_year:
        bad(
            BIRTH_YEAR,
            _("“%(text)s” không phải năm sinh (bốn chữ số, từ %(first)s).")
            % {"text": _text(value.get(BIRTH_YEAR)), "first": FIRST_BIRTH_YEAR},
        )
    title = _text(value.get(TITLE))
    if not title:
        bad(TITLE, _("Chưa nhập chức vụ."))
    elif len(title) > MAX_TITLE:
        bad(TITLE, _("Tối đa %(n)s ký tự.") % {"n": MAX_TITLE})
    rating_text = _text(value.get(RATING))
    rating = ratings.get(fold(rating_text), "")
    if not rating:
        bad(
            RATING,
            _(
                "“%(text)s” không phải một trong bốn mức: Hoàn thành xuất sắc nhiệm vụ, Hoàn "
                "thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, Không hoàn thành nhiệm vụ."
            )
            % {"text": rating_text},
        )
    award_text = _text(value.get(AWARD))
    award = titles.get(fold(award_text), "") if award_text else ""
    if award_text and not award:
        bad(AWARD, _("“%(text)s” không phải LĐTT hoặc CSTĐCS.") % {"text": award_text})
    number = _text(value.get(NUMBER))
    raw_day = value.get(DECIDED_ON)
    decided_on = _day(raw_day)
    if award_text:
        if not number:
            bad(NUMBER, _("Có danh hiệu thì phải có số quyết định."))
        if raw_day is None or _text(raw_day) == "":
            bad(DECIDED_ON, _("Có danh hiệu thì phải có ngày quyết định."))
    elif number or _text(raw_day):
        bad(AWARD, _("Có quyết định nhưng chưa ghi danh hiệu."))
    if len(number) > MAX_NUMBER:
        bad(NUMBER, _("Tối đa %(n)s ký tự.") % {"n": MAX_NUMBER})
    if _text(raw_day) and decided_on is None:
        bad(
            DECIDED_ON,
            _("“%(text)s” không phải ngày (dd/mm/yyyy).") % {"text": _text(raw_day)},
        )
    elif decided_on is not None and decided_on.year < year:
        bad(DECIDED_ON, _("Ngày quyết định không được trước năm %(year)s.") % {"year": year})
    elif decided_on is not None and decided_on > timezone.localdate():
        bad(DECIDED_ON, _("Ngày không được sau hôm nay."))
    raw_count = value.get(INITIATIVES)
    initiatives = 0 if _text(raw_count) == "" else _whole(raw_count)
    if initiatives is None or not 0 <= initiatives <= MAX_INITIATIVES:
        bad(
            INITIATIVES,
            _("“%(text)s” không phải số nguyên từ 0 đến %(n)s.")
            % {"text": _text(raw_count), "n": MAX_INITIATIVES},
        )
    for column, messages in sorted(found.items()):
        problems.setdefault(_place(row, column), []).extend(messages)
    if found or birth_year is None or initiatives is None:
        return None
    return SheetRow(
        row=row,
        name=name,
        birth_year=birth_year,
        title=title,
        rating=rating,
        award=award,
        decision_number=number,
        decided_on=decided_on,
        initiatives=initiatives,
    )
