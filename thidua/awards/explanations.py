"""A verdict kept as data and shown in the reader's language: each line's message id and
parameters, whether it was met, its citation and the facts it used. Stored on a candidate when
it is judged, so the council reads the reasons as they stood, in Vietnamese or English."""

from typing import Any, TypedDict

from django.utils.translation import gettext as _

from thidua.rulebook.engine.types import Message, Verdict


class LineData(TypedDict):
    msgid: str
    params: dict[str, str | int]
    met: bool | None
    citation: str | None
    facts: dict[str, str | int]


class LineShown(TypedDict):
    text: str
    met: bool | None
    citation: str | None
    facts: dict[str, str | int]


def verdict_data(verdict: Verdict) -> list[LineData]:
    return [
        LineData(
            msgid=line.message.msgid,
            params=dict(line.message.params),
            met=line.met,
            citation=line.citation.text if line.citation else None,
            facts=dict(line.facts),
        )
        for line in verdict.lines
    ]


def lines_shown(data: list[Any]) -> list[LineShown]:
    return [
        LineShown(
            text=Message(line["msgid"], line.get("params") or {}).render(_),
            met=line.get("met"),
            citation=line.get("citation"),
            facts=line.get("facts") or {},
        )
        for line in data
    ]


def first_unmet(data: list[Any]) -> LineShown | None:
    """The first condition not met: the reason shown beside an ineligible candidate."""
    shown = lines_shown(data)
    return next((line for line in shown if line["met"] is False), None)
