"""A case to judge: the subject, its yearly history, its pending matters and discipline, the
award and the judging date; and the one reader that builds it from JSON (the API's body, the
rule book's "thử áp dụng"), reporting every bad fact at once under its name.

A fact left out of a year is unknown (None), not zero: the engine answers "cannot tell" when a
condition needs it, rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from thidua.awards.engine.catalogue import SubjectKind
from thidua.rulebook.engine.facts import FactsInvalid
from thidua.rulebook.engine.types import Message, gettext_noop


class Rating(StrEnum):
    """The year's task-completion rating, best first (domain.md §8)."""

    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"

    @property
    def rank(self) -> int:
        """Higher is better: the order of the four levels, not a legal number."""
        return len(_ORDER) - _ORDER.index(self)

    def at_least(self, other: Rating) -> bool:
        return self.rank >= other.rank

    @property
    def label(self) -> str:
        return _RATING_LABELS[self]


_ORDER = [Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED]
_RATING_LABELS = {
    Rating.EXCELLENT: gettext_noop("hoàn thành xuất sắc nhiệm vụ"),
    Rating.GOOD: gettext_noop("hoàn thành tốt nhiệm vụ"),
    Rating.COMPLETED: gettext_noop("hoàn thành nhiệm vụ"),
    Rating.NOT_COMPLETED: gettext_noop("không hoàn thành nhiệm vụ"),
}


@dataclass(frozen=True, slots=True)
class YearRecord:
    year: int
    rating: Rating | None = None
    titles: frozenset[str] = frozenset()  # emulation titles received that year (award codes)
    awards: frozenset[str] = frozenset()  # forms of award received that year (award codes)
    initiatives: int | None = None  # initiatives and research recognised that year
    # Of those, recognised at ministry level or higher (Chiến sĩ thi đua cấp bộ, Điều 22).
    initiatives_ministry: int | None = None
    members: int | None = None  # a collective's headcount
    members_completed: int | None = None
    members_ldtt: int | None = None
    members_cstdcs: int | None = None
    leads_cluster: bool | None = None  # the unit led its emulation cluster that year

    def received(self, code: str) -> bool:
        return code in self.titles or code in self.awards


@dataclass(frozen=True, slots=True)
class Discipline:
    """A discipline served from ``start`` to ``end`` (None: not yet ended)."""

    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Case:
    subject: SubjectKind
    award: str
    judged_on: dt.date
    history: Mapping[int, YearRecord]
    pending: tuple[str, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    dissolved_on: dt.date | None = None
    year: int | None = None  # the achievement year judged; None: the latest one given

    @property
    def target_year(self) -> int | None:
        if self.year is not None:
            return self.year
        known = [y for y in self.history if y <= self.judged_on.year]
        return max(known) if known else None


YEAR_FIELDS = (
    "initiatives",
    "initiatives_ministry",
    "members",
    "members_completed",
    "members_ldtt",
    "members_cstdcs",
)
_MUST_NOT_EXCEED = (
    ("members_completed", "members"),
    ("members_ldtt", "members"),
    ("members_cstdcs", "members"),
)


def _json(value: object) -> object:
    """A JSON fact may arrive as text (the page's box); empty text is a fact left out, and
    text that is not JSON stays text (a date), for its own check to judge."""
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class _Reader:
    def __init__(self) -> None:
        self.problems: dict[str, list[Message]] = {}

    def refuse(self, where: str, msgid: str, **params: str | int) -> None:
        self.problems.setdefault(where, []).append(Message(msgid, params))

    def date(self, value: object, where: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.refuse(where, gettext_noop("Ngày phải viết dạng YYYY-MM-DD."))
        return None

    def count(self, value: object, where: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.refuse(where, gettext_noop("Phải là một số nguyên không âm."))
            return None
        return value

    def codes(self, value: object, where: str) -> frozenset[str]:
        if value is None:
            return frozenset()
        if not isinstance(value, list) or not all(isinstance(c, str) and c for c in value):
            self.refuse(where, gettext_noop("Phải là danh sách mã danh hiệu, hình thức khen."))
            return frozenset()
        return frozenset(value)

    def year(self, key: object, entry: object, where: str) -> YearRecord | None:
        try:
            year = int(str(key))
        except ValueError:
            self.refuse(where, gettext_noop("Năm phải là một số, ví dụ “2024”."))
            return None
        if not isinstance(entry, Mapping):
            self.refuse(where, gettext_noop("Mỗi năm phải là một bảng tên → giá trị."))
            return None
        known = {"rating", "titles", "awards", "leads_cluster", *YEAR_FIELDS}
        for name in sorted(str(k) for k in entry if k not in known):
            self.refuse(f"{where}.{name}", gettext_noop("Không có dữ kiện này trong một năm."))
        rating: Rating | None = None
        if entry.get("rating") is not None:
            try:
                rating = Rating(str(entry["rating"]))
            except ValueError:
                self.refuse(
                    f"{where}.rating",
                    gettext_noop("Xếp loại phải là excellent, good, completed hoặc not_completed."),
                )
        leads = entry.get("leads_cluster")
        if leads is not None and not isinstance(leads, bool):
            self.refuse(f"{where}.leads_cluster", gettext_noop("Phải là true hoặc false."))
            leads = None
        counts = {name: self.count(entry.get(name), f"{where}.{name}") for name in YEAR_FIELDS}
        for part, whole in _MUST_NOT_EXCEED:
            share, total = counts[part], counts[whole]
            if share is not None and total is not None and share > total:
                self.refuse(f"{where}.{part}", gettext_noop("Không thể nhiều hơn số thành viên."))
        ministry, every = counts["initiatives_ministry"], counts["initiatives"]
        if ministry is not None and every is not None and ministry > every:
            self.refuse(
                f"{where}.initiatives_ministry",
                gettext_noop("Không thể nhiều hơn số sáng kiến, đề tài được công nhận."),
            )
        return YearRecord(
            year=year,
            rating=rating,
            titles=self.codes(entry.get("titles"), f"{where}.titles"),
            awards=self.codes(entry.get("awards"), f"{where}.awards"),
            leads_cluster=leads,
            **counts,
        )


def case_read(
    facts: object, *, subject: SubjectKind, award: str, judged_on: dt.date, prefix: str = ""
) -> Case:
    """The case from ``{"history": {...}, "pending": [...], "discipline": [{start, end}],
    "dissolved_on": "YYYY-MM-DD", "year": 2024}``; raises ``FactsInvalid`` with every problem
    under its name (``history.2023.rating``), prefixed with ``prefix``."""
    reader = _Reader()
    if not isinstance(facts, Mapping):
        raise FactsInvalid({"": [Message(gettext_noop("Dữ kiện phải là một bảng tên → giá trị."))]})
    raw = {name: _json(value) for name, value in facts.items()}
    history: dict[int, YearRecord] = {}
    years = raw.get("history")
    if years is not None:
        if not isinstance(years, Mapping):
            reader.refuse(
                f"{prefix}history", gettext_noop("Lịch sử phải là bảng năm → thành tích.")
            )
        else:
            for key, entry in years.items():
                record = reader.year(key, entry, f"{prefix}history.{key}")
                if record is not None:
                    history[record.year] = record
    for year in history:
        if year > judged_on.year:
            reader.refuse(
                f"{prefix}history.{year}",
                gettext_noop("Năm %(year)s sau ngày xét: chưa có thành tích để xét."),
                year=year,
            )
    pending = raw.get("pending")
    pending_list: tuple[str, ...] = ()
    if pending is not None:
        if not isinstance(pending, list) or not all(isinstance(p, str) and p for p in pending):
            reader.refuse(
                f"{prefix}pending", gettext_noop("Phải là danh sách vụ việc đang xem xét.")
            )
        else:
            pending_list = tuple(pending)
    periods: list[Discipline] = []
    discipline = raw.get("discipline")
    if discipline is not None:
        if not isinstance(discipline, list):
            reader.refuse(
                f"{prefix}discipline", gettext_noop("Phải là danh sách thời gian kỷ luật.")
            )
        else:
            for index, entry in enumerate(discipline):
                where = f"{prefix}discipline.{index}"
                if not isinstance(entry, Mapping) or entry.get("start") is None:
                    reader.refuse(where, gettext_noop("Mỗi kỷ luật cần ngày bắt đầu (start)."))
                    continue
                start = reader.date(entry.get("start"), f"{where}.start")
                end = reader.date(entry.get("end"), f"{where}.end")
                if start is not None and end is not None and end < start:
                    reader.refuse(f"{where}.end", gettext_noop("Ngày kết thúc trước ngày bắt đầu."))
                elif start is not None:
                    periods.append(Discipline(start, end))
    dissolved_on = reader.date(raw.get("dissolved_on"), f"{prefix}dissolved_on")
    asked_year = reader.count(raw.get("year"), f"{prefix}year")
    if asked_year is not None and asked_year > judged_on.year:
        reader.refuse(f"{prefix}year", gettext_noop("Năm xét sau ngày xét."))
    if reader.problems:
        raise FactsInvalid(reader.problems)
    return Case(
        subject=subject,
        award=award,
        judged_on=judged_on,
        history=history,
        pending=pending_list,
        discipline=tuple(sorted(periods, key=lambda p: p.start)),
        dissolved_on=dissolved_on,
        year=asked_year,
    )
