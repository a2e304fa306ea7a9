"""The scoring engine on totals: caps, N/A rescaling, ranking, ties, checks of points and scales."""

from collections.abc import Mapping

import pytest

from tests.scoring.engine_builders import D, leaf, one_leaf_scale, own, peer, run
from thidua.scoring.engine.checks import scale_problems, validate_points
from thidua.scoring.engine.compute import compute
from thidua.scoring.engine.kinds import criterion_points
from thidua.scoring.engine.types import (
    Band,
    Config,
    Criterion,
    Inputs,
    Kind,
    Result,
    Scale,
    Section,
    Sheet,
    Stage,
    TieBreak,
    TieRule,
    UnitResult,
)


def simple_scale() -> Scale:
    """Two groups of base points (60 + 40), bonus up to 5 and penalty up to 4."""
    return Scale(
        (
            leaf("1", "60", Kind.GROUP),
            leaf("1.1", "50", parent="1", step=D("0.5")),
            leaf("1.2", "10", parent="1"),
            leaf("2", "40", Kind.GROUP),
            leaf("2.1", "30", parent="2"),
            leaf("2.2", "10", Kind.PASS_FAIL, parent="2"),
            leaf("3", "8", Kind.GROUP, section=Section.BONUS),
            leaf("3.1", "4", parent="3", section=Section.BONUS),
            leaf("3.2", "4", parent="3", section=Section.BONUS),
            leaf("4", "6", Kind.GROUP, section=Section.PENALTY),
            leaf("4.1", "6", parent="4", section=Section.PENALTY),
        ),
        D(100),
        bonus_cap=D(5),
        penalty_cap=D(4),
    )


def points_of(result: Mapping[str, UnitResult], unit: str) -> dict[str, str]:
    return {key: str(value) for key, value in result[unit].points.items()}


# --- manual points, groups, sections ---


def test_manual_points_sum_into_groups_and_total() -> None:
    result = run(
        simple_scale(), [own("A", **{"1_1": "40.5", "1_2": "7", "2_1": "25", "2_2": "10"})]
    )
    assert points_of(result, "A") == {
        "1": "47.50",
        "1.1": "40.50",
        "1.2": "7.00",
        "2": "35.00",
        "2.1": "25.00",
        "2.2": "10.00",
        "3": "0.00",
        "3.1": "0.00",
        "3.2": "0.00",
        "4": "0.00",
        "4.1": "0.00",
    }
    assert result["A"].total == D("82.50")
    assert result["A"].base == D("82.50")


def test_a_unit_without_sheets_scores_zero() -> None:
    result = run(simple_scale(), [own("A", **{"1_1": "1"})])
    assert result["B"].total == D("0.00")
    assert result["B"].stage_points == {}


def test_bonus_and_penalty_are_capped_and_not_rescaled() -> None:
    sheets = [own("A", **{"1_1": "50", "3_1": "4", "3_2": "3", "4_1": "6"})]
    na = frozenset({("A", "1.2")})
    result = run(simple_scale(), sheets, not_applicable=na)
    a = result["A"]
    assert (a.bonus, a.penalty) == (D("5.00"), D("4.00"))  # 7 capped at 5, 6 capped at 4
    assert a.base == D("55.56")  # 50 of the 90 applicable, brought to 100
    assert a.total == D("56.56")  # exact 55.555… + 5 − 4, rounded once


def test_not_applicable_bonus_or_penalty_gives_nothing() -> None:
    sheets = [own("A", **{"1_1": "50", "3_1": "4", "4_1": "2"})]
    result = run(simple_scale(), sheets, not_applicable=frozenset({("A", "3"), ("A", "4.1")}))
    assert (result["A"].bonus, result["A"].penalty) == (D("0.00"), D("0.00"))
    assert result["A"].base == D("50.00")


# --- N/A rescaling ---


def test_not_applicable_criterion_rescales_base() -> None:
    scale = Scale((leaf("1", "90"), leaf("2", "10")), D(100))
    result = run(
        scale, [own("A", **{"1": "81", "2": "10"})], not_applicable=frozenset({("A", "2")})
    )
    assert result["A"].base == D("90.00")
    assert result["A"].total == D("90.00")
    assert result["A"].points["2"] == D("0.00")
    assert ("2", Stage.SELF) not in result["A"].stage_points


def test_not_applicable_group_covers_its_leaves() -> None:
    sheets = [own("A", **{"1_1": "40", "1_2": "8", "2_1": "30", "2_2": "10"})]
    result = run(simple_scale(), sheets, not_applicable=frozenset({("A", "2")}))
    assert result["A"].base == D("80.00")  # 48 of 60
    assert result["A"].points["2"] == D("0.00")


def test_everything_not_applicable_gives_zero_base() -> None:
    scale = Scale((leaf("1", "100"),), D(100))
    result = run(scale, [own("A", **{"1": "50"})], not_applicable=frozenset({("A", "1")}))
    assert result["A"].base == D("0.00")


# --- ranking and ties ---


def tie_scale() -> Scale:
    return Scale(
        (
            leaf("1", "10", Kind.GROUP),
            leaf("1.1", "10", parent="1"),
            leaf("2", "10"),
            leaf("b", "5", section=Section.BONUS),
            leaf("p", "5", section=Section.PENALTY),
        ),
        D(20),
        bonus_cap=D(5),
        penalty_cap=D(5),
    )


def ranked(result: Result) -> list[tuple[str, int, tuple[str, ...], str]]:
    return [(row.unit, row.rank, row.tied_with, row.tie_note) for row in result.ranking]


def test_exact_tie_is_shown_as_a_tie() -> None:
    sheets = [
        own("C", **{"1_1": "8", "2": "7"}),
        own("A", **{"1_1": "7", "2": "8"}),
        own("B", **{"1_1": "5", "2": "5"}),
    ]
    result = compute(Inputs(tie_scale(), ("A", "B", "C"), sheets))
    assert ranked(result) == [("A", 1, ("C",), ""), ("C", 1, ("A",), ""), ("B", 3, (), "")]


def test_ties_compare_exact_totals_not_rounded_ones() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    sheets = [
        *(peer("A", a, **{"1": v}) for a, v in (("x", "1"), ("y", "1"), ("z", "1.01"))),
        peer("B", "x", **{"1": "1"}),
    ]
    result = compute(Inputs(scale, ("A", "B"), sheets))
    assert [(row.unit, row.rank, str(row.total)) for row in result.ranking] == [
        ("A", 1, "1.00"),  # 1.00333…
        ("B", 2, "1.00"),
    ]


@pytest.mark.parametrize(
    ("rule", "group", "winner", "note"),
    [
        (TieRule.GROUP_HIGHER, "1", "A", "group_higher:1"),
        (TieRule.BONUS_HIGHER, "", "B", "bonus_higher"),
        (TieRule.PENALTY_LOWER, "", "C", "penalty_lower"),
    ],
)
def test_tie_rules(rule: TieRule, group: str, winner: str, note: str) -> None:
    sheets = [
        own("A", **{"1_1": "9", "2": "5", "b": "2", "p": "2"}),  # 14
        own("B", **{"1_1": "6", "2": "6", "b": "4", "p": "2"}),  # 14
        own("C", **{"1_1": "6", "2": "6", "b": "2", "p": "0"}),  # 14
    ]
    config = Config(tie_breaks=(TieBreak(rule, group),))
    result = compute(Inputs(tie_scale(), ("A", "B", "C"), sheets, config=config))
    first = result.ranking[0]
    assert (first.unit, first.rank, first.tie_note) == (winner, 1, note)
    assert all(row.total == D("14.00") for row in result.ranking)


def test_tie_rules_apply_in_order_and_leave_real_ties() -> None:
    sheets = [
        own("A", **{"1_1": "8", "2": "6"}),
        own("B", **{"1_1": "6", "2": "8"}),
        own("C", **{"1_1": "6", "2": "8"}),
        own("D", **{"1_1": "1"}),
    ]
    rules = (TieBreak(TieRule.BONUS_HIGHER), TieBreak(TieRule.GROUP_HIGHER, "1"))
    result = compute(
        Inputs(tie_scale(), ("D", "C", "B", "A"), sheets, config=Config(tie_breaks=rules))
    )
    assert ranked(result) == [
        ("A", 1, (), "group_higher:1"),
        ("B", 2, ("C",), ""),
        ("C", 2, ("B",), ""),
        ("D", 4, (), ""),
    ]


# --- exactness and input errors ---


def test_more_decimal_places_than_two_stay_exact() -> None:
    scale = one_leaf_scale(leaf("1", "1", step=D("0.125")))
    sheets = [peer("A", "B", **{"1": "0.125"}), peer("A", "C", **{"1": "0.25"})]
    result = run(scale, sheets, units=("A",))
    assert result["A"].total == D("0.19")  # 0.1875


def test_two_sheets_from_one_assessor_are_refused() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    with pytest.raises(ValueError, match="two sheets"):
        run(scale, [peer("A", "B", **{"1": "1"}), peer("A", "B", **{"1": "2"})], units=("A",))


def test_out_of_range_points_are_clamped() -> None:
    scale = Scale((leaf("1", "10"), leaf("2", "10")), D(20))
    result = run(scale, [own("A", **{"1": "12", "2": "-3"})], units=("A",))
    assert result["A"].total == D("10.00")


# --- checks ---


@pytest.mark.parametrize(
    ("criterion", "points", "reason"),
    [
        (leaf("m", "5", step=D("0.25")), "4.75", None),
        (leaf("m", "5", step=D("0.25")), "4.8", "off_step"),
        (leaf("m", "5"), "5.01", "above_max"),
        (leaf("m", "5"), "-1", "negative"),
        (leaf("p", "5", Kind.PASS_FAIL), "5", None),
        (leaf("p", "5", Kind.PASS_FAIL), "0", None),
        (leaf("p", "5", Kind.PASS_FAIL), "2.5", "not_pass_fail"),
        (leaf("m", "5"), "NaN", "not_finite"),
    ],
)
def test_validate_points(criterion: Criterion, points: str, reason: str | None) -> None:
    assert validate_points(criterion, D(points)) == reason


def test_a_consistent_scale_has_no_problems() -> None:
    assert scale_problems(simple_scale()) == []


def test_scale_problems() -> None:
    scale = Scale(
        (
            leaf("1", "50", Kind.GROUP),
            leaf("1.1", "30", parent="1"),
            leaf("1.1", "30", parent="1"),
            leaf("1.2", "10", parent="9"),
            leaf("2", "10", parent="1.1"),
            leaf("3", "5", Kind.OCCURRENCE),
            leaf("4", "5", step=D("2")),
            leaf("5", "5", Kind.GROUP),
            leaf("6", "5", Kind.TARGET, bands=(Band(D(1), D("1.5")),)),
            leaf("7", "5", parent="8"),
            leaf("8", "5", Kind.GROUP, section=Section.BONUS),
        ),
        D(100),
        penalty_cap=D(-1),
    )
    assert scale_problems(scale) == [
        ("1.1", "duplicate_key"),
        ("1.2", "unknown_parent"),
        ("2", "parent_not_group"),
        ("3", "per_event_zero"),
        ("4", "maximum_off_step"),
        ("6", "bad_band"),
        ("7", "parent_after_child"),
        ("1", "group_maximum"),
        ("5", "empty_group"),
        ("", "base_total"),
        ("", "negative_cap"),
    ]


def test_scale_problems_flags_a_child_in_another_section() -> None:
    scale = Scale(
        (leaf("1", "10", Kind.GROUP), leaf("1.1", "10", parent="1", section=Section.BONUS)),
        D(0),
    )
    assert scale_problems(scale) == [("1.1", "section_mismatch")]


def test_stage_points_read_like_a_mapping() -> None:
    scale = Scale((leaf("1", "10"), leaf("2", "10")), D(20))
    sheets = [own("A", **{"1": "3", "2": "4"}), peer("A", "B", **{"1": "5"})]
    view = run(scale, sheets, units=("A",))["A"].stage_points
    assert len(view) == 3
    assert dict(view) == {
        ("1", Stage.SELF): D("3.00"),
        ("2", Stage.SELF): D("4.00"),
        ("1", Stage.PEER): D("5.00"),
    }
    assert view.get(("2", Stage.PEER)) is None
    assert ("1", Stage.HEAD) not in view
    not_a_pair: object = "1"
    assert not_a_pair not in view


def test_points_for_a_value_kind_and_sheets_of_other_units_are_ignored() -> None:
    scale = Scale((leaf("1", "10"), leaf("o", "5", Kind.OCCURRENCE, per_event=D(1))), D(15))
    sheets = [
        Sheet("A", Stage.SELF, "A", {"1": D(4), "o": D(5)}, {"o": D(2)}),
        own("Z", **{"1": "10"}),
    ]
    result = compute(Inputs(scale, ("A",), sheets))
    assert [(row.unit, row.total) for row in result.ranking] == [("A", D("6.00"))]


def test_criterion_points_of_typed_in_points_and_groups() -> None:
    assert criterion_points(leaf("m", "5"), value=D(7), target=None, best=None) == D("5.00")
    with pytest.raises(ValueError, match="group"):
        criterion_points(leaf("g", "5", Kind.GROUP), value=D(1), target=None, best=None)
