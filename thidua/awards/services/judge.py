"""Judging candidates with the engine, from their stored records: one read of the histories
for every candidate of a round, whatever their number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.eligibility import NotJudged, eligibility
from thidua.awards.explanations import LineData, verdict_data
from thidua.awards.models import Candidate, Verdict
from thidua.awards.selectors.history import people_histories, unit_histories
from thidua.awards.selectors.judging import catalogue
from thidua.rulebook.engine.types import RuleMissing
from thidua.rulebook.selectors import rule_book


def _not_judged(message: str, **params: str | int) -> list[LineData]:
    return [LineData(msgid=message, params=dict(params), met=None, citation=None, facts={})]


def candidates_judge(candidates: Sequence[Candidate], *, year: int, on: dt.date) -> None:
    """Set each candidate's verdict, explanation and judging date (not saved)."""
    book = rule_book()
    people = people_histories((c.person_id for c in candidates if c.person_id), on=on)
    units = unit_histories(
        (c.unit_id for c in candidates if c.person_id is None and c.unit_id), on=on
    )
    for candidate in candidates:
        individual = candidate.person_id is not None
        history = people[candidate.person_id] if individual else units[candidate.unit_id]  # type: ignore[index]
        kind = SubjectKind.INDIVIDUAL if individual else SubjectKind.COLLECTIVE
        case = history.case(subject=kind, award=candidate.award, judged_on=on, year=year)
        candidate.judged_on = on
        try:
            verdict = eligibility(case, book.on(on), book, catalogue())
        except NotJudged as unknown:
            candidate.verdict = Verdict.CANNOT_TELL
            candidate.explanation = _not_judged(unknown.message.msgid, **unknown.message.params)
            continue
        except RuleMissing as missing:
            candidate.verdict = Verdict.CANNOT_TELL
            candidate.explanation = _not_judged(missing.message.msgid, **missing.message.params)
            continue
        candidate.verdict = Verdict(verdict.outcome.value)
        candidate.explanation = list(verdict_data(verdict))
