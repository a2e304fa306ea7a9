"""Building cases and the shipped rule book for the engine tests, without a database.

The rule book is read from the shipped YAML as the loader reads it, so the tests judge with
the values that ship; the expected answers in the tests are written by hand from the law.
"""

import datetime as dt
import functools
from typing import Any

import yaml

from thidua.awards.engine.catalogue import Catalogue, SubjectKind, catalogue_parse
from thidua.awards.engine.eligibility import eligibility
from thidua.awards.engine.history import case_read
from thidua.awards.selectors.judging import CATALOGUE_PATH
from thidua.rulebook.engine.types import Citation, Confidence, RuleBook, RuleValue, Verdict
from thidua.rulebook.services.loader import RULEBOOK_PATH


@functools.cache
def shipped_book() -> RuleBook:
    document = yaml.safe_load(RULEBOOK_PATH.read_text(encoding="utf-8"))
    names = {i["number"]: i["short_name"] for i in document["instruments"]}
    return RuleBook(
        tuple(
            RuleValue(
                key=r["key"],
                value=r["value"],
                citation=Citation(names[r["instrument"]], r.get("article", "")),
                confidence=Confidence(r["confidence"]),
                valid_from=r["valid_from"],
                valid_to=r.get("valid_to"),
            )
            for r in document["rules"]
        )
    )


@functools.cache
def shipped_catalogue() -> Catalogue:
    return catalogue_parse(yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8")))


def judge(
    award: str,
    history: dict[Any, dict[str, Any]],
    *,
    on: dt.date = dt.date(2025, 1, 15),
    kind: SubjectKind = SubjectKind.INDIVIDUAL,
    book: RuleBook | None = None,
    **facts: Any,
) -> Verdict:
    case = case_read({"history": history, **facts}, subject=kind, award=award, judged_on=on)
    rules = book or shipped_book()
    return eligibility(case, rules.on(on), rules, shipped_catalogue())


def texts(verdict: Verdict) -> list[str]:
    return [line.text() for line in verdict.lines]


def failed(verdict: Verdict) -> list[str]:
    return [line.text() for line in verdict.lines if line.met is False]
