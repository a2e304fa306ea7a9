"""What every engine reads rules through: citations, confidence marks, dated rule values, the
rule set in force on one date, and the explained verdict of a rule.

The floor of the rulebook's engine: it imports nothing else of it.

Explanations are messages, not text: a ``Message`` carries the Vietnamese source string (the
gettext message id, marked with ``gettext_noop`` so that ``makemessages`` collects it) and its
parameters, and is rendered at the edge with the translate function of the page or the API.
So one verdict is a plain value that renders in Vietnamese and in English, is compared in
tests and cached as it is, and the engine never needs Django's translation machinery; the
scoring engine does the same with its machine reason codes, which its views put into words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import TypeAlias

# A rule's value as its data holds it: JSON. Ratios are strings ("0.20", "2/3") so that they
# stay exact; read them with ``RuleSet.ratio``.
JsonValue: TypeAlias = str | int | bool | list["JsonValue"] | dict[str, "JsonValue"] | None
Param: TypeAlias = str | int


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it (the name ``makemessages``
    looks for); the page or the API translates it when it renders the line."""
    return message


def _same(message: str) -> str:
    return message


class Confidence(StrEnum):
    """How sure the sector is of a rule (domain.md §1): only confirmed rules ship as fixed data;
    the others are parameters the secretariat sets, with a citation."""

    CONFIRMED = "confirmed"  # [C] confirmed in a public source
    PARTLY = "partly"  # [P] partly confirmed, or taken from an older rule
    UNCONFIRMED = "unconfirmed"  # [U]

    @property
    def mark(self) -> str:
        return {"confirmed": "[C]", "partly": "[P]", "unconfirmed": "[U]"}[self.value]


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule is written: the instrument ("Luật 06/2022/QH15") and the place in it
    ("Điều 74 khoản 1 điểm d"). Legal names stay in Vietnamese in every language."""

    instrument: str
    article: str = ""

    @property
    def text(self) -> str:
        return f"{self.article} {self.instrument}" if self.article else self.instrument

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence to show, as a message id (Vietnamese) and its named parameters."""

    msgid: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = _same) -> str:
        return translate(self.msgid) % dict(self.params) if self.params else translate(self.msgid)


@dataclass(frozen=True, slots=True)
class RuleValue:
    """One value of a rule and the interval it is in force: ``valid_to`` is the last day in
    force (inclusive, as instruments state it), None while it is still in force."""

    key: str
    value: JsonValue
    citation: Citation
    confidence: Confidence
    valid_from: dt.date
    valid_to: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def intervals_overlap(a: tuple[dt.date, dt.date | None], b: tuple[dt.date, dt.date | None]) -> bool:
    """Whether two closed intervals of days share a day (an empty end is open)."""
    a_from, a_to = a
    b_from, b_to = b
    return (b_to is None or a_from <= b_to) and (a_to is None or b_from <= a_to)


class RuleMissing(LookupError):  # noqa: N818 - the name the other engines catch
    """No value of ``key`` is in force on ``on``: the rule book cannot judge that date."""

    def __init__(self, key: str, on: dt.date) -> None:
        super().__init__(f"no rule {key!r} in force on {on.isoformat()}")
        self.key = key
        self.on = on

    @property
    def message(self) -> Message:
        return Message(
            gettext_noop("Chưa có quy định “%(key)s” có hiệu lực vào ngày %(on)s."),
            {"key": self.key, "on": self.on.strftime("%d/%m/%Y")},
        )


class RuleValueInvalid(ValueError):  # noqa: N818
    """The value of ``key`` is not of the kind the engine reads it as (a data error)."""

    def __init__(self, key: str, expected: str) -> None:
        super().__init__(f"rule {key!r} is not {expected}")
        self.key = key


def ratio_parse(value: object) -> Fraction | None:
    """An exact ratio from "0.20", "2/3", "1" or an int; None when it is none of them."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace(",", ".")
    try:
        if "/" in text:
            num, _sep, den = text.partition("/")
            return Fraction(int(num), int(den)) if int(den) else None
        number = Decimal(text)
    except (ValueError, InvalidOperation):
        return None
    return Fraction(number) if number.is_finite() else None


def percent_text(share: Fraction) -> str:
    """A share as a percentage for a sentence: 1/5 → "20", 1/3 → "33.33"."""
    hundred = share * 100
    if hundred.denominator == 1:
        return str(hundred.numerator)
    exact = Decimal(hundred.numerator) / Decimal(hundred.denominator)
    return str(exact.quantize(Decimal("0.01")))


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in force on one date, by key. Ask a value by its key; its citation comes
    with it, so an explanation cites what it used."""

    on: dt.date
    values: Mapping[str, RuleValue]

    @classmethod
    def of(cls, on: dt.date, candidates: Iterable[RuleValue]) -> RuleSet:
        """Of ``candidates`` (any dates), those in force on ``on``. Two values of one key in
        force together are a data error, refused here as the database refuses them."""
        chosen: dict[str, RuleValue] = {}
        for value in candidates:
            if not value.in_force_on(on):
                continue
            if value.key in chosen:
                raise ValueError(f"two values of {value.key!r} in force on {on.isoformat()}")
            chosen[value.key] = value
        return cls(on=on, values=chosen)

    def get(self, key: str) -> RuleValue:
        found = self.values.get(key)
        if found is None:
            raise RuleMissing(key, self.on)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self.values

    def ratio(self, key: str) -> Fraction:
        """A share or multiple, exactly ("0.20" is 1/5, "2/3" is 2/3)."""
        found = ratio_parse(self.get(key).value)
        if found is None:
            raise RuleValueInvalid(key, "a ratio")
        return found

    def integer(self, key: str) -> int:
        value = self.get(key).value
        if isinstance(value, bool) or not isinstance(value, int):
            raise RuleValueInvalid(key, "an integer")
        return value

    def flag(self, key: str) -> bool:
        value = self.get(key).value
        if not isinstance(value, bool):
            raise RuleValueInvalid(key, "true or false")
        return value

    def text(self, key: str) -> str:
        value = self.get(key).value
        if not isinstance(value, str):
            raise RuleValueInvalid(key, "a text")
        return value


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Every value of every rule, whatever its date: read once, asked for many dates (an
    engine that judges ten achievement years asks each year's rules of the same book)."""

    values: tuple[RuleValue, ...]

    def on(self, day: dt.date) -> RuleSet:
        return RuleSet.of(day, self.values)


class Outcome(StrEnum):
    """The answers rules give. Quotas allow or refuse; eligibility rules (awards) say eligible,
    not eligible, or cannot tell when a needed fact is missing; a vote of confidence (Quy định
    96-QĐ/TW) leads to nothing, to removal from succession planning, or to dismissal."""

    ALLOWED = "allowed"
    REFUSED = "refused"
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    CANNOT_TELL = "cannot_tell"
    NONE = "none"
    REMOVED_FROM_PLANNING = "removed_from_planning"
    DISMISSAL = "dismissal"


@dataclass(frozen=True, slots=True)
class Line:
    """One step of an explanation: what was checked or computed, whether it was met (None for a
    line that only states a figure), its citation and the facts it used."""

    message: Message
    met: bool | None = None
    citation: Citation | None = None
    facts: Mapping[str, Param] = field(default_factory=dict)

    def text(self, translate: Callable[[str], str] = _same) -> str:
        return self.message.render(translate)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A rule's answer on a case, with every line of its reasoning; ``citation`` is the
    rule's main citation, ``used`` the rule values it read (with their confidence)."""

    rule: str
    outcome: Outcome
    lines: tuple[Line, ...]
    citation: Citation | None = None
    used: tuple[RuleValue, ...] = ()
