"""The award catalogue as plain values: each award's code, Vietnamese name, abbreviation, kind,
the subjects it goes to and the level that grants it.

The data lives in ``awards/data/catalogue.yaml`` (the Commission's own flag and certificate and
the sector medal are named there, as configuration); ``catalogue_parse`` checks it whole, so a
broken file fails at start-up with every problem named, not on the first request.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from thidua.rulebook.engine.types import gettext_noop


class SubjectKind(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"

    @property
    def label(self) -> str:
        return _SUBJECT_LABELS[self]


_SUBJECT_LABELS = {
    SubjectKind.INDIVIDUAL: gettext_noop("Cá nhân"),
    SubjectKind.COLLECTIVE: gettext_noop("Tập thể"),
}


class AwardKind(StrEnum):
    TITLE = "title"  # danh hiệu thi đua
    CERTIFICATE = "certificate"  # Bằng khen, Giấy khen
    FLAG = "flag"  # Cờ thi đua
    MEDAL = "medal"  # Kỷ niệm chương


class Level(StrEnum):
    """Who grants the award (Luật 06/2022/QH15, chương về thẩm quyền)."""

    UNIT = "unit"
    MINISTRY = "ministry"
    GOVERNMENT = "government"

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.UNIT: gettext_noop("Thủ trưởng cơ quan, đơn vị"),
    Level.MINISTRY: gettext_noop("Cấp bộ, ban, ngành (Ban Tổ chức Trung ương)"),
    Level.GOVERNMENT: gettext_noop("Chính phủ, Thủ tướng Chính phủ"),
}


@dataclass(frozen=True, slots=True)
class Award:
    code: str
    name: str  # Vietnamese, as the decision writes it
    abbreviation: str
    kind: AwardKind
    subjects: tuple[SubjectKind, ...]
    level: Level
    configurable: bool = False
    prize_rule: str = ""  # the rule book's key of its prize money's multiple, if any

    def goes_to(self, kind: SubjectKind) -> bool:
        return kind in self.subjects


@dataclass(frozen=True, slots=True)
class Catalogue:
    awards: tuple[Award, ...]

    def __iter__(self) -> Iterator[Award]:
        return iter(self.awards)

    def get(self, code: str) -> Award | None:
        return next((a for a in self.awards if a.code == code), None)

    def ministry_certificates(self) -> frozenset[str]:
        """The codes of the Bằng khen granted at ministry level (what Art. 73.1.b asks held)."""
        return frozenset(
            a.code
            for a in self.awards
            if a.kind == AwardKind.CERTIFICATE and a.level == Level.MINISTRY
        )


class CatalogueInvalid(ValueError):  # noqa: N818
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


E = TypeVar("E", bound=StrEnum)


def _choice(enum: type[E], value: object, where: str, problems: list[str]) -> E | None:
    try:
        return enum(str(value))
    except ValueError:
        problems.append(f"{where}: {value!r} is not one of {[e.value for e in enum]}")
        return None


def catalogue_parse(document: object) -> Catalogue:
    """The catalogue from the YAML document (``{"awards": [...]}``); every problem at once."""
    problems: list[str] = []
    entries = document.get("awards") if isinstance(document, Mapping) else None
    if not isinstance(entries, list):
        raise CatalogueInvalid(["the file must hold a list under 'awards'"])
    awards: list[Award] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"awards[{index}]"
        if not isinstance(entry, Mapping):
            problems.append(f"{where}: not a mapping")
            continue
        code, name = entry.get("code"), entry.get("name")
        if not isinstance(code, str) or not code or not isinstance(name, str) or not name:
            problems.append(f"{where}: code and name are required texts")
            continue
        if code in seen:
            problems.append(f"{where}: code {code!r} twice")
        seen.add(code)
        kind = _choice(AwardKind, entry.get("kind"), where, problems)
        level = _choice(Level, entry.get("level"), where, problems)
        raw_subjects = entry.get("subjects")
        subjects = (
            [_choice(SubjectKind, s, where, problems) for s in raw_subjects]
            if isinstance(raw_subjects, list) and raw_subjects
            else []
        )
        if not subjects:
            problems.append(f"{where}: subjects must list individual and/or collective")
        if kind is None or level is None or None in subjects:
            continue
        awards.append(
            Award(
                code=code,
                name=name,
                abbreviation=str(entry.get("abbreviation") or ""),
                kind=kind,
                subjects=tuple(s for s in subjects if s is not None),
                level=level,
                configurable=bool(entry.get("configurable", False)),
                prize_rule=str(entry.get("prize") or ""),
            )
        )
    if problems:
        raise CatalogueInvalid(problems)
    return Catalogue(tuple(awards))
