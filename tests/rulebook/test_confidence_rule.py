"""``confidence_vote_outcome`` (Quy định 96-QĐ/TW): strictly more than 1/2 "low" → out of
planning, 2/3 or more → dismissal, exactly 1/2 → nothing; in the pure engine, on the "Thử áp
dụng" page and through the API, with the shares read from the rule book on the date asked."""

import datetime as dt
import json
from fractions import Fraction
from typing import Any

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from tests.builders.people import client_for
from thidua.rulebook.engine.confidence import (
    DISMISSAL_SHARE,
    REVIEW_SHARE,
    low_share_outcome,
)
from thidua.rulebook.engine.facts import FactsInvalid
from thidua.rulebook.engine.rules import RULES
from thidua.rulebook.engine.types import (
    Citation,
    Confidence,
    Outcome,
    RuleMissing,
    RuleSet,
    RuleValue,
)
from thidua.voting.engine.result import ConfidenceRule, confidence_outcome

RULE = "confidence_vote_outcome"
QD96 = Citation("96-QĐ/TW")
HALF, TWO_THIRDS = Fraction(1, 2), Fraction(2, 3)
# Facts at the edges: 30 voters (15 is exactly 1/2, 20 exactly 2/3), 12 voters likewise.
EDGES = [
    (30, 15, Outcome.NONE),  # exactly one half: nothing
    (30, 16, Outcome.REMOVED_FROM_PLANNING),  # just above one half
    (30, 19, Outcome.REMOVED_FROM_PLANNING),  # just below two thirds
    (30, 20, Outcome.DISMISSAL),  # exactly two thirds
    (12, 6, Outcome.NONE),
    (12, 7, Outcome.REMOVED_FROM_PLANNING),
    (12, 8, Outcome.DISMISSAL),
    (7, 0, Outcome.NONE),
    (7, 7, Outcome.DISMISSAL),
]


def qd96_rules(review: str = "1/2", dismissal: str = "2/3") -> RuleSet:
    start = dt.date(2023, 2, 2)
    values = [
        RuleValue(REVIEW_SHARE, review, QD96, Confidence.CONFIRMED, start),
        RuleValue(DISMISSAL_SHARE, dismissal, QD96, Confidence.CONFIRMED, start),
    ]
    return RuleSet.of(dt.date(2025, 6, 1), values)


@pytest.mark.parametrize(("voters", "low", "expected"), EDGES)
def test_the_three_outcomes_at_the_edges(voters: int, low: int, expected: Outcome) -> None:
    verdict = RULES.evaluate(RULE, {"voters": voters, "low": low}, qd96_rules())
    assert verdict.outcome == expected
    assert verdict.citation == QD96
    assert [u.key for u in verdict.used] == [REVIEW_SHARE, DISMISSAL_SHARE]
    met = [line.met for line in verdict.lines if line.met is not None]
    assert met == [expected == Outcome.REMOVED_FROM_PLANNING, expected == Outcome.DISMISSAL]


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_the_voting_engine_and_the_rule_book_agree(case: tuple[int, int]) -> None:
    voters, low = case
    rule = ConfidenceRule(review=HALF, dismissal=TWO_THIRDS)
    from_voting = confidence_outcome(low, voters, rule)
    from_rule_book = RULES.evaluate(RULE, {"voters": voters, "low": low}, qd96_rules()).outcome
    assert from_voting == from_rule_book.value
    share = Fraction(low, voters)
    expected = (
        Outcome.DISMISSAL
        if share >= TWO_THIRDS
        else Outcome.REMOVED_FROM_PLANNING
        if share > HALF
        else Outcome.NONE
    )
    assert from_rule_book == expected


def test_the_shares_are_the_rule_book_s_not_the_code_s() -> None:
    """Another value in force moves the edges: the engine holds no number of its own."""
    rules = qd96_rules(review="0.6", dismissal="0.8")
    assert RULES.evaluate(RULE, {"voters": 10, "low": 6}, rules).outcome == Outcome.NONE
    assert RULES.evaluate(RULE, {"voters": 10, "low": 7}, rules).outcome == (
        Outcome.REMOVED_FROM_PLANNING
    )
    assert RULES.evaluate(RULE, {"voters": 10, "low": 8}, rules).outcome == Outcome.DISMISSAL
    with pytest.raises(RuleMissing):
        RULES.evaluate(RULE, {"voters": 10, "low": 8}, RuleSet.of(dt.date(2020, 1, 1), []))


@pytest.mark.parametrize(
    ("facts", "fields"),
    [
        ({"voters": 0, "low": 0}, ["voters"]),
        ({"voters": 10, "low": 11}, ["low"]),
        ({"voters": 10, "low": -1}, ["low"]),
        ({"voters": "10", "low": 1.5}, ["low", "voters"]),
        ({"voters": 10}, ["low"]),
        ({"voters": 10, "low": 1, "present": 9}, ["present"]),
    ],
)
def test_bad_facts_are_refused_each_under_its_name(
    facts: dict[str, Any], fields: list[str]
) -> None:
    with pytest.raises(FactsInvalid) as refused:
        RULES.evaluate(RULE, facts, qd96_rules())
    assert sorted(refused.value.problems) == fields


def test_the_pure_comparison_refuses_impossible_counts() -> None:
    for low, voters in [(1, 0), (-1, 3), (4, 3)]:
        with pytest.raises(ValueError, match="between 0"):
            low_share_outcome(low, voters, review=HALF, dismissal=TWO_THIRDS)


TRY = "/quy-dinh/thu-ap-dung/"


def _try(**facts: str) -> tuple[int, str]:
    params = {"rule": RULE, "on": "2025-12-01"} | {f"fact_{k}": v for k, v in facts.items()}
    page = client_for("canbo.longan").get(TRY, params)
    return page.status_code, page.content.decode()


@pytest.mark.parametrize(
    ("low", "outcome", "heading"),
    [
        ("15", "none", "Kết quả: không phải xử lý"),
        ("16", "removed_from_planning", "Kết quả: đưa ra khỏi quy hoạch, xem xét miễn nhiệm"),
        ("19", "removed_from_planning", "Kết quả: đưa ra khỏi quy hoạch, xem xét miễn nhiệm"),
        ("20", "dismissal", "Kết quả: thực hiện quy trình cho thôi giữ chức vụ"),
    ],
)
def test_the_try_page_says_the_outcome_and_cites_the_rule(
    rulebook: None, low: str, outcome: str, heading: str
) -> None:
    status, body = _try(voters="30", low=low)
    assert status == 200
    assert f'data-outcome="{outcome}"' in body
    assert heading in body
    assert "Căn cứ: Quy định 96-QĐ/TW" in body
    assert "Trên 1/2 đến dưới 2/3 số người tham gia" in body


def test_the_try_page_refuses_bad_facts_in_vietnamese(rulebook: None) -> None:
    status, body = _try(voters="10", low="11")
    assert status == 400
    assert "Số phiếu tín nhiệm thấp không thể nhiều hơn số người tham gia." in body
    status, body = _try(voters="0", low="0")
    assert status == 400
    assert "Không được nhỏ hơn 1." in body
    assert 'data-testid="verdict"' not in body


def test_the_try_page_speaks_english_when_chosen(rulebook: None) -> None:
    client = client_for("canbo.longan")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    query = {"rule": RULE, "on": "2025-12-01", "fact_voters": "30", "fact_low": "20"}
    page = client.get(TRY, query)
    assert page.status_code == 200
    assert 'data-outcome="dismissal"' in page.content.decode()


def _evaluate(body: dict[str, Any]) -> Any:
    client = client_for("canbo.daklak")
    return client.post(
        "/api/v1/rulebook/evaluate", json.dumps(body), content_type="application/json"
    )


def test_the_api_answers_the_outcome_with_its_explanation(rulebook: None) -> None:
    body = {"rule": RULE, "facts": {"voters": 30, "low": 16}, "on": "2025-12-01"}
    answer = _evaluate(body)
    assert answer.status_code == 200, answer.content
    verdict = answer.json()
    assert verdict["outcome"] == "removed_from_planning"
    assert verdict["citation"] == "Quy định 96-QĐ/TW"
    conclusion = verdict["explanation"][-1]["text"]
    assert conclusion == "Hệ quả: đưa ra khỏi quy hoạch, xem xét miễn nhiệm."
    assert [u["key"] for u in verdict["rules_used"]] == [REVIEW_SHARE, DISMISSAL_SHARE]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"rule": RULE, "facts": {"voters": 10, "low": 11}}, ["facts.low"]),
        ({"rule": RULE, "facts": {"voters": 0, "low": 0}}, ["facts.voters"]),
        ({"rule": RULE, "facts": {"voters": 3, "low": 1}, "on": "2022-12-31"}, ["on"]),
    ],
)
def test_the_api_refuses_bad_facts_with_400_in_vietnamese(
    rulebook: None, body: dict[str, Any], fields: list[str]
) -> None:
    answer = _evaluate(body)
    assert answer.status_code == 400
    payload = answer.json()
    assert payload["detail"] == "Không áp dụng được quy tắc với dữ kiện đã cho."
    assert sorted(e["field"] for e in payload["errors"]) == fields
