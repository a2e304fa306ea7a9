"""The scoring engine by example: each kind of criterion, how stages and assessors combine,
N/A rescaling, caps, ranking and ties, and the checks of points and scales."""

from collections.abc import Mapping, Sequence
from decimal import Decimal

import pytest

from thidua.scoring.engine import (
    Band,
    Combine,
    Config,
    Criterion,
    Inputs,
    Kind,
    Method,
    Result,
    Scale,
    Section,
    Sheet,
    Stage,
    TieBreak,
    TieRule,
    UnitResult,
    compute,
    criterion_points,
    scale_problems,
    validate_points,
)

D = Decimal


def leaf(
    key: str,
    maximum: str = "10",
    kind: Kind = Kind.MANUAL,
    parent: str | None = None,
    **options: object,
) -> Criterion:
    return Criterion(key, parent, kind, D(maximum), **options)  # type: ignore[arg-type]


def marks(**points: str) -> dict[str, Decimal]:
    """Keyword names stand for criterion keys with "_" for "."."""
    return {key.replace("_", "."): D(value) for key, value in points.items()}


def own(unit: str, **points: str) -> Sheet:
    return Sheet(unit, Stage.SELF, unit, marks(**points))


def peer(unit: str, assessor: str, **points: str) -> Sheet:
    return Sheet(unit, Stage.PEER, assessor, marks(**points))


def valued(unit: str, stage: Stage = Stage.SELF, assessor: str = "", **values: str) -> Sheet:
    return Sheet(unit, stage, assessor or unit, values=marks(**values))


def run(
    scale: Scale,
    sheets: Sequence[Sheet],
    units: Sequence[str] = ("A", "B", "C"),
    **options: object,
) -> dict[str, UnitResult]:
    result = compute(Inputs(scale, tuple(units), sheets, **options))  # type: ignore[arg-type]
    return {row.unit: row for row in result.ranking}


def one_leaf_scale(criterion: Criterion, maximum: str | None = None) -> Scale:
    return Scale((criterion,), D(maximum or str(criterion.maximum)))


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


# --- value kinds ---


def target_scale(*, lower_is_better: bool = False, bands: tuple[Band, ...] = ()) -> Scale:
    return one_leaf_scale(
        leaf("t", "10", Kind.TARGET, lower_is_better=lower_is_better, bands=bands)
    )


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        ("80", "100", "8.00"),
        ("150", "100", "10.00"),  # capped at the maximum
        ("1", "3", "3.33"),
        ("0", "100", "0.00"),
        ("-5", "100", "0.00"),
    ],
)
def test_target_linear(actual: str, target: str, expected: str) -> None:
    result = run(target_scale(), [valued("A", t=actual)], targets={("A", "t"): D(target)})
    assert result["A"].points["t"] == D(expected)


def test_target_missing_or_not_positive_gives_zero() -> None:
    targets = {("B", "t"): D(0), ("C", "t"): D(-3)}
    sheets = [valued(unit, t="50") for unit in "ABC"]
    result = run(target_scale(), sheets, targets=targets)
    assert [result[u].points["t"] for u in "ABC"] == [D("0.00")] * 3


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("100", "10.00"), ("95", "6.00"), ("80", "6.00"), ("79.99", "0.00"), ("120", "10.00")],
)
def test_target_bands(actual: str, expected: str) -> None:
    bands = (Band(D("0.8"), D("0.6")), Band(D("1"), D("1")))  # given out of order on purpose
    scale = target_scale(bands=bands)
    result = run(scale, [valued("A", t=actual)], targets={("A", "t"): D(100)})
    assert result["A"].points["t"] == D(expected)


@pytest.mark.parametrize(
    ("actual", "expected"), [("5", "10.00"), ("10", "5.00"), ("0", "10.00"), ("4", "10.00")]
)
def test_target_lower_is_better(actual: str, expected: str) -> None:
    scale = target_scale(lower_is_better=True)
    result = run(scale, [valued("A", t=actual)], targets={("A", "t"): D(5)})
    assert result["A"].points["t"] == D(expected)


def test_target_bands_lower_is_better() -> None:
    scale = target_scale(lower_is_better=True, bands=(Band(D(1), D(1)), Band(D("0.5"), D("0.5"))))
    sheets = [valued("A", t="8"), valued("B", t="12"), valued("C", t="25")]
    targets = {(unit, "t"): D(10) for unit in "ABC"}
    result = run(scale, sheets, targets=targets)
    assert [result[u].points["t"] for u in "ABC"] == [D("10.00"), D("5.00"), D("0.00")]


@pytest.mark.parametrize(
    ("per_event", "count", "expected"),
    [("1.5", "2", "3.00"), ("1.5", "9", "5.00"), ("-2", "1", "3.00"), ("-2", "4", "0.00")],
)
def test_occurrence(per_event: str, count: str, expected: str) -> None:
    scale = one_leaf_scale(leaf("o", "5", Kind.OCCURRENCE, per_event=D(per_event)))
    result = run(scale, [valued("A", o=count)])
    assert result["A"].points["o"] == D(expected)


def test_relative_to_the_best() -> None:
    scale = one_leaf_scale(leaf("r", "10", Kind.RELATIVE_BEST))
    result = run(scale, [valued("A", r="200"), valued("B", r="150"), valued("C", r="50")])
    assert [result[u].points["r"] for u in "ABC"] == [D("10.00"), D("7.50"), D("2.50")]


def test_relative_to_the_best_lower_is_better() -> None:
    scale = one_leaf_scale(leaf("r", "10", Kind.RELATIVE_BEST, lower_is_better=True))
    result = run(scale, [valued("A", r="2"), valued("B", r="3"), valued("C", r="8")])
    assert [result[u].points["r"] for u in "ABC"] == [D("10.00"), D("6.67"), D("2.50")]


def test_relative_lower_is_better_zero_is_full_marks() -> None:
    scale = one_leaf_scale(leaf("r", "10", Kind.RELATIVE_BEST, lower_is_better=True))
    result = run(scale, [valued("A", r="0"), valued("B", r="3")])
    assert [result[u].points["r"] for u in "AB"] == [D("10.00"), D("0.00")]


def test_relative_best_zero_gives_zero() -> None:
    scale = one_leaf_scale(leaf("r", "10", Kind.RELATIVE_BEST))
    result = run(scale, [valued("A", r="0"), valued("B", r="0")])
    assert result["A"].points["r"] == D("0.00")


def test_relative_best_ignores_not_applicable_units() -> None:
    scale = one_leaf_scale(leaf("r", "10", Kind.RELATIVE_BEST))
    sheets = [valued("A", r="100"), valued("B", r="50")]
    result = run(scale, sheets, not_applicable=frozenset({("A", "r")}))
    assert result["B"].points["r"] == D("10.00")


def test_relative_best_is_per_stage() -> None:
    scale = one_leaf_scale(leaf("r", "10", Kind.RELATIVE_BEST))
    sheets = [
        valued("A", r="100"),
        valued("B", r="50"),
        valued("A", Stage.PEER, "B", r="40"),
        valued("B", Stage.PEER, "A", r="80"),
    ]
    result = run(scale, sheets, units=("A", "B"))
    assert result["A"].stage_points[("r", Stage.SELF)] == D("10.00")
    assert result["A"].stage_points[("r", Stage.PEER)] == D("5.00")
    assert result["B"].points["r"] == D("10.00")  # the peers' view decides


def test_values_are_combined_before_conversion() -> None:
    scale = one_leaf_scale(leaf("t", "10", Kind.TARGET))
    sheets = [valued("A", Stage.PEER, a, t=v) for a, v in (("B", "60"), ("C", "140"))]
    result = run(scale, sheets, targets={("A", "t"): D(100)})
    assert result["A"].points["t"] == D("10.00")  # mean 100 %, not the mean of 6 and 10


def test_criterion_points_helper_matches_the_engine() -> None:
    criterion = leaf("t", "10", Kind.TARGET, lower_is_better=True)
    assert criterion_points(criterion, value=D(7), target=D(5), best=None) == D("7.14")
    occurrence = leaf("o", "5", Kind.OCCURRENCE, per_event=D("-0.5"))
    assert criterion_points(occurrence, value=D(3), target=None, best=None) == D("3.50")
    relative = leaf("r", "10", Kind.RELATIVE_BEST)
    assert criterion_points(relative, value=D(1), target=None, best=D(3)) == D("3.33")


# --- assessors and stages ---


def three_peers(method: Method) -> dict[str, UnitResult]:
    scale = one_leaf_scale(leaf("1", "10"))
    sheets = [peer("A", a, **{"1": v}) for a, v in (("B", "2"), ("C", "9"), ("D", "10"))]
    sheets.append(peer("A", "E", **{"1": "8"}))
    return run(scale, sheets, units=("A",), config=Config(peer_method=method))


def test_peer_mean_median_and_trimmed_mean() -> None:
    assert three_peers(Method.MEAN)["A"].total == D("7.25")
    assert three_peers(Method.MEDIAN)["A"].total == D("8.50")
    assert three_peers(Method.TRIMMED_MEAN)["A"].total == D("8.50")  # (9 + 8) / 2


def test_trimmed_mean_of_two_is_the_mean_and_median_of_three_the_middle() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    two = [peer("A", "B", **{"1": "2"}), peer("A", "C", **{"1": "9"})]
    config = Config(peer_method=Method.TRIMMED_MEAN)
    assert run(scale, two, units=("A",), config=config)["A"].total == D("5.50")
    three = [*two, peer("A", "D", **{"1": "3"})]
    median = Config(peer_method=Method.MEDIAN)
    assert run(scale, three, units=("A",), config=median)["A"].total == D("3.00")


def test_mean_is_exact_and_rounded_half_up_once() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    sheets = [peer("A", "B", **{"1": "1"}), peer("A", "C", **{"1": "1.01"})]
    assert run(scale, sheets, units=("A",))["A"].total == D("1.01")  # 1.005
    thirds = [peer("A", a, **{"1": v}) for a, v in (("B", "1"), ("C", "1"), ("D", "2"))]
    assert run(scale, thirds, units=("A",))["A"].total == D("1.33")


def test_assessor_who_skipped_a_criterion_is_not_counted_for_it() -> None:
    scale = Scale((leaf("1", "10"), leaf("2", "10")), D(20))
    sheets = [peer("A", "B", **{"1": "4", "2": "6"}), peer("A", "C", **{"1": "8"})]
    result = run(scale, sheets, units=("A",))
    assert result["A"].points == {"1": D("6.00"), "2": D("6.00")}


def test_precedence_takes_the_first_stage_that_scored() -> None:
    scale = Scale((leaf("1", "10"), leaf("2", "10"), leaf("3", "10")), D(30))
    sheets = [
        own("A", **{"1": "10", "2": "10", "3": "10"}),
        peer("A", "B", **{"1": "6", "2": "6"}),
        Sheet("A", Stage.APPRAISAL, "council", marks(**{"1": "8"})),
    ]
    result = run(scale, sheets, units=("A",))
    assert result["A"].points == {"1": D("8.00"), "2": D("6.00"), "3": D("10.00")}
    assert result["A"].stage_points == {
        ("1", Stage.SELF): D("10.00"),
        ("2", Stage.SELF): D("10.00"),
        ("3", Stage.SELF): D("10.00"),
        ("1", Stage.PEER): D("6.00"),
        ("2", Stage.PEER): D("6.00"),
        ("1", Stage.APPRAISAL): D("8.00"),
    }


def test_precedence_is_configuration() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    sheets = [
        own("A", **{"1": "9"}),
        peer("A", "B", **{"1": "5"}),
        Sheet("A", Stage.HEAD, "head", marks(**{"1": "7"})),
    ]
    head_first = Config(precedence=(Stage.HEAD, Stage.PEER))
    assert run(scale, sheets, units=("A",), config=head_first)["A"].total == D("7.00")
    self_only = Config(precedence=(Stage.APPRAISAL,))
    assert run(scale, sheets, units=("A",), config=self_only)["A"].total == D("9.00")


def weighted_config() -> Config:
    weights = {Stage.SELF: D("0.2"), Stage.PEER: D("0.5"), Stage.HEAD: D("0.3")}
    return Config(combine=Combine.WEIGHTED, weights=weights)


def test_weighted_mean_of_the_stages() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    sheets = [
        own("A", **{"1": "10"}),
        peer("A", "B", **{"1": "6"}),
        Sheet("A", Stage.HEAD, "head", marks(**{"1": "5"})),
    ]
    assert run(scale, sheets, units=("A",), config=weighted_config())["A"].total == D("6.50")


def test_weighted_renormalises_to_the_stages_present() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    sheets = [own("A", **{"1": "10"}), peer("A", "B", **{"1": "3"})]
    result = run(scale, sheets, units=("A",), config=weighted_config())
    assert result["A"].total == D("5.00")  # (0.2 × 10 + 0.5 × 3) / 0.7


def test_weighted_without_any_weighted_stage_is_zero() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    sheets = [Sheet("A", Stage.DEPARTMENT, "dept", marks(**{"1": "10"}))]
    assert run(scale, sheets, units=("A",), config=weighted_config())["A"].total == D("0.00")


def test_appraisal_replaces_the_weighted_result() -> None:
    scale = one_leaf_scale(leaf("1", "10"))
    sheets = [
        own("A", **{"1": "10"}),
        peer("A", "B", **{"1": "6"}),
        Sheet("A", Stage.APPRAISAL, "council", marks(**{"1": "4.5"})),
    ]
    assert run(scale, sheets, units=("A",), config=weighted_config())["A"].total == D("4.50")


def test_weighted_with_value_kinds() -> None:
    scale = one_leaf_scale(leaf("r", "9", Kind.RELATIVE_BEST))
    sheets = [
        valued("A", r="3"),
        valued("B", r="2"),
        valued("A", Stage.PEER, "B", r="1"),
        valued("B", Stage.PEER, "A", r="3"),
    ]
    config = Config(combine=Combine.WEIGHTED, weights={Stage.SELF: D(1), Stage.PEER: D(2)})
    result = run(scale, sheets, units=("A", "B"), config=config)
    assert result["A"].total == D("5.00")  # (9 + 2 × 3) / 3
    assert result["B"].total == D("8.00")  # (6 + 2 × 9) / 3


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
