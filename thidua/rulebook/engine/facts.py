"""The facts a rule is asked about, checked before the rule reads them.

Facts come from a form or a JSON body: every problem is reported at once, each under its fact's
name, as messages the page or the API translates; nothing is judged on a bad fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from thidua.rulebook.engine.types import Message, gettext_noop


class FactKind(StrEnum):
    """How a fact is entered: a whole number (a number box), or a structured value such as an
    achievement history (JSON, a text box on the page), which the evaluator's own ``read``
    checks."""

    INTEGER = "integer"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact: its name in the facts, its label (a message id), its least value (whole numbers)
    and its kind; a JSON fact may be left out."""

    name: str
    label: str
    minimum: int = 0
    kind: FactKind = FactKind.INTEGER


class FactsInvalid(ValueError):  # noqa: N818 - the name the pages and the API catch
    """The facts cannot be judged; ``problems`` by fact name ("" for the facts as a whole)."""

    def __init__(self, problems: Mapping[str, list[Message]]) -> None:
        super().__init__(", ".join(sorted(problems)))
        self.problems = dict(problems)


def whole_numbers(specs: tuple[Fact, ...], facts: object) -> dict[str, int]:
    """The facts of ``specs`` as integers; refuses missing, unknown, non-integer (a bool or
    "3" is not an integer) and too small ones, every problem at once."""
    if not isinstance(facts, Mapping):
        raise FactsInvalid({"": [Message(gettext_noop("Dữ kiện phải là một bảng tên → giá trị."))]})
    problems: dict[str, list[Message]] = {}
    read: dict[str, int] = {}
    for spec in specs:
        value = facts.get(spec.name)
        if value is None:
            problems[spec.name] = [Message(gettext_noop("Thiếu dữ kiện này."))]
        elif isinstance(value, bool) or not isinstance(value, int):
            problems[spec.name] = [Message(gettext_noop("Phải là một số nguyên."))]
        elif value < spec.minimum:
            problems[spec.name] = [
                Message(gettext_noop("Không được nhỏ hơn %(minimum)s."), {"minimum": spec.minimum})
            ]
        else:
            read[spec.name] = value
    known = {spec.name for spec in specs}
    for name in sorted(str(k) for k in facts if k not in known):
        problems[name] = [Message(gettext_noop("Quy tắc này không dùng dữ kiện này."))]
    if problems:
        raise FactsInvalid(problems)
    return read
