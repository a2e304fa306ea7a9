"""The rule book's pure engine: the rule set in force on a date, the first rule
(``government_flag_quota``) on each side of its quota, and the refusal of bad facts."""

import datetime as dt
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.rulebook.engine.facts import Fact, FactsInvalid
from thidua.rulebook.engine.quotas import FLAG_SHARE, GOVERNMENT_FLAG_QUOTA
from thidua.rulebook.engine.registry import Evaluator, Registry, UnknownRule
from thidua.rulebook.engine.rules import RULES
from thidua.rulebook.engine.types import (
    Citation,
    Confidence,
    Message,
    Outcome,
    RuleBook,
    RuleMissing,
    RuleSet,
    RuleValue,
    RuleValueInvalid,
    intervals_overlap,
    ratio_parse,
)

CV5007 = Citation("Công văn 5007/BNV-TĐKT")
LAW_2022 = Citation("Luật 06/2022/QH15", "Điều 23")
LAW_2003 = Citation("Luật Thi đua, khen thưởng 2003", "Điều 23")
D = dt.date


def flag_rules(share: str = "0.20") -> RuleSet:
    value = RuleValue(FLAG_SHARE, share, CV5007, Confidence.CONFIRMED, D(2024, 1, 1))
    return RuleSet.of(D(2024, 6, 1), [value])


def quota(leaders: int, proposals: int, rules: RuleSet | None = None) -> Outcome:
    facts = {"cluster_leaders": leaders, "proposals": proposals}
    return RULES.evaluate("government_flag_quota", facts, rules or flag_rules()).outcome


def test_fifteen_cluster_leaders_allow_three_proposals() -> None:
    assert quota(15, 3) == Outcome.ALLOWED


def test_fifteen_cluster_leaders_refuse_a_fourth_proposal() -> None:
    assert quota(15, 4) == Outcome.REFUSED


def test_the_explanation_gives_the_maximum_and_cites_the_rule() -> None:
    verdict = RULES.evaluate(
        "government_flag_quota", {"cluster_leaders": 15, "proposals": 4}, flag_rules()
    )
    texts = [line.text() for line in verdict.lines]
    assert any("tối đa 3" in text for text in texts), texts
    assert verdict.lines[-1].met is False
    assert verdict.lines[-1].facts == {"cluster_leaders": 15, "proposals": 4}
    assert verdict.citation == CV5007
    assert verdict.used[0].key == FLAG_SHARE


def test_no_cluster_leaders_allow_no_proposal_but_nothing_proposed_is_allowed() -> None:
    assert quota(0, 0) == Outcome.ALLOWED
    with pytest.raises(FactsInvalid) as refused:
        quota(0, 1)
    assert set(refused.value.problems) == {"proposals"}


def test_four_leaders_allow_none_since_the_share_rounds_down() -> None:
    assert quota(4, 0) == Outcome.ALLOWED
    assert quota(5, 1) == Outcome.ALLOWED
    assert quota(4, 1) == Outcome.REFUSED


def test_the_quota_reads_the_share_from_the_rules_not_from_code() -> None:
    assert quota(15, 4, flag_rules("0.30")) == Outcome.ALLOWED
    assert quota(15, 2, flag_rules("1/10")) == Outcome.REFUSED


@given(st.integers(0, 500), st.integers(0, 500))
def test_allowed_exactly_when_proposals_are_within_a_fifth_rounded_down(
    leaders: int, proposals: int
) -> None:
    if proposals > leaders:
        with pytest.raises(FactsInvalid):
            quota(leaders, proposals)
        return
    expected = Outcome.ALLOWED if proposals <= leaders // 5 else Outcome.REFUSED
    assert quota(leaders, proposals) == expected


@pytest.mark.parametrize(
    ("facts", "bad"),
    [
        ({"cluster_leaders": -1, "proposals": 0}, {"cluster_leaders"}),
        ({"cluster_leaders": 15}, {"proposals"}),
        ({"cluster_leaders": "15", "proposals": 3}, {"cluster_leaders"}),
        ({"cluster_leaders": 15.0, "proposals": True}, {"cluster_leaders", "proposals"}),
        ({"cluster_leaders": 15, "proposals": 3, "nam": 2024}, {"nam"}),
    ],
)
def test_bad_facts_are_refused_each_under_its_name(facts: object, bad: set[str]) -> None:
    with pytest.raises(FactsInvalid) as refused:
        RULES.evaluate("government_flag_quota", facts, flag_rules())
    assert set(refused.value.problems) == bad


def test_facts_that_are_not_a_mapping_are_refused_as_a_whole() -> None:
    with pytest.raises(FactsInvalid) as refused:
        RULES.evaluate("government_flag_quota", [15, 3], flag_rules())
    assert set(refused.value.problems) == {""}


def test_an_unknown_rule_is_refused_by_name() -> None:
    with pytest.raises(UnknownRule) as refused:
        RULES.evaluate("khong_co", {}, flag_rules())
    assert "khong_co" in refused.value.message.render()


def test_a_rule_with_no_value_in_force_names_the_key_and_the_date() -> None:
    before_the_law = RuleSet.of(D(2023, 6, 1), flag_rules().values.values())
    with pytest.raises(RuleMissing) as missing:
        quota(15, 3, before_the_law)
    assert missing.value.key == FLAG_SHARE
    assert missing.value.on == D(2023, 6, 1)
    assert "01/06/2023" in missing.value.message.render()


def test_the_rule_in_force_changes_on_the_day_the_new_law_takes_effect() -> None:
    book = RuleBook(
        (
            RuleValue(
                "cstdcs.initiative_required",
                True,
                LAW_2003,
                Confidence.CONFIRMED,
                D(2004, 7, 1),
                D(2023, 12, 31),
            ),
            RuleValue(
                "cstdcs.initiative_required", False, LAW_2022, Confidence.CONFIRMED, D(2024, 1, 1)
            ),
        )
    )
    assert book.on(D(2023, 12, 31)).flag("cstdcs.initiative_required") is True
    assert book.on(D(2023, 12, 31)).get("cstdcs.initiative_required").citation == LAW_2003
    assert book.on(D(2024, 1, 1)).flag("cstdcs.initiative_required") is False
    with pytest.raises(RuleMissing):
        book.on(D(2004, 6, 30)).get("cstdcs.initiative_required")


def test_two_values_of_one_key_in_force_together_are_refused() -> None:
    a = RuleValue("k", 1, LAW_2022, Confidence.UNCONFIRMED, D(2024, 1, 1))
    b = RuleValue("k", 2, LAW_2022, Confidence.UNCONFIRMED, D(2024, 6, 1))
    with pytest.raises(ValueError, match="two values"):
        RuleSet.of(D(2024, 7, 1), [a, b])


def test_values_are_read_as_the_kind_asked_or_refused() -> None:
    rules = RuleSet.of(
        D(2024, 1, 1),
        [
            RuleValue("share", "2/3", LAW_2022, Confidence.CONFIRMED, D(2024, 1, 1)),
            RuleValue("count", 5, LAW_2022, Confidence.CONFIRMED, D(2024, 1, 1)),
            RuleValue("flag", True, LAW_2022, Confidence.CONFIRMED, D(2024, 1, 1)),
        ],
    )
    assert rules.ratio("share") == Fraction(2, 3)
    assert rules.integer("count") == 5
    assert rules.ratio("count") == 5
    with pytest.raises(RuleValueInvalid):
        rules.integer("flag")
    with pytest.raises(RuleValueInvalid):
        rules.flag("count")
    with pytest.raises(RuleValueInvalid):
        rules.ratio("flag")


@pytest.mark.parametrize(
    ("text", "ratio"),
    [("0.20", Fraction(1, 5)), ("0,7", Fraction(7, 10)), ("2/3", Fraction(2, 3)), ("1", 1)],
)
def test_ratios_are_exact(text: str, ratio: Fraction) -> None:
    assert ratio_parse(text) == ratio


@pytest.mark.parametrize("text", ["", "abc", "1/0", "NaN", True, None])
def test_what_is_no_ratio(text: object) -> None:
    assert ratio_parse(text) is None


def test_the_quota_is_exact_where_a_float_is_not() -> None:
    # In binary floating point 0.29 * 100 is 28.999…, which rounds down to 28.
    assert math.floor(0.29 * 100) == 28
    assert quota(100, 29, flag_rules("0.29")) == Outcome.ALLOWED


def test_intervals_overlap_on_a_shared_day_only() -> None:
    assert intervals_overlap((D(2024, 1, 1), D(2024, 6, 30)), (D(2024, 6, 30), None))
    assert not intervals_overlap((D(2024, 1, 1), D(2024, 6, 30)), (D(2024, 7, 1), None))
    assert intervals_overlap((D(2024, 1, 1), None), (D(2030, 1, 1), None))


def test_a_message_renders_through_the_translate_function() -> None:
    message = Message("Đề nghị %(n)s.", {"n": 3})
    assert message.render() == "Đề nghị 3."
    assert message.render(lambda msgid: "Proposed %(n)s.") == "Proposed 3."


def test_a_registry_refuses_a_second_rule_under_a_taken_name() -> None:
    registry = Registry((GOVERNMENT_FLAG_QUOTA,))
    registry.register(GOVERNMENT_FLAG_QUOTA)  # the same one again changes nothing
    other = Evaluator(
        name="government_flag_quota",
        title="Khác",
        facts=(Fact("x", "x"),),
        judge=GOVERNMENT_FLAG_QUOTA.judge,
    )
    with pytest.raises(ValueError, match="already registered"):
        registry.register(other)
    assert [e.name for e in registry] == ["government_flag_quota"]


def test_citations_read_article_then_instrument() -> None:
    assert Citation("Luật 06/2022/QH15", "Điều 74 khoản 1 điểm d").text == (
        "Điều 74 khoản 1 điểm d Luật 06/2022/QH15"
    )
    assert str(CV5007) == "Công văn 5007/BNV-TĐKT"
