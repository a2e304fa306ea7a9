"""The scoring engine per kind: value to points, and how stages and assessors are combined."""

import pytest

from tests.scoring.engine_builders import D, leaf, marks, one_leaf_scale, own, peer, run, valued
from thidua.scoring.engine.kinds import criterion_points
from thidua.scoring.engine.types import (
    Band,
    Combine,
    Config,
    Kind,
    Method,
    Scale,
    Sheet,
    Stage,
    UnitResult,
)

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
    """The helper and a whole computation give the same points, worked out by hand:
    10 x 5/7 = 7.14 (lower is better), 5 - 3 x 0.5 = 3.50, 10 x 1/3 = 3.33 (best is B's 3)."""
    criterion = leaf("t", "10", Kind.TARGET, lower_is_better=True)
    assert criterion_points(criterion, value=D(7), target=D(5), best=None) == D("7.14")
    computed = run(
        one_leaf_scale(criterion), [valued("A", t="7")], units=("A",), targets={("A", "t"): D(5)}
    )
    assert computed["A"].points["t"] == D("7.14")

    occurrence = leaf("o", "5", Kind.OCCURRENCE, per_event=D("-0.5"))
    assert criterion_points(occurrence, value=D(3), target=None, best=None) == D("3.50")
    computed = run(one_leaf_scale(occurrence), [valued("A", o="3")], units=("A",))
    assert computed["A"].points["o"] == D("3.50")

    relative = leaf("r", "10", Kind.RELATIVE_BEST)
    assert criterion_points(relative, value=D(1), target=None, best=D(3)) == D("3.33")
    computed = run(one_leaf_scale(relative), [valued("A", r="1"), valued("B", r="3")], ("A", "B"))
    assert computed["A"].points["r"] == D("3.33")
    assert computed["B"].points["r"] == D("10.00")


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
