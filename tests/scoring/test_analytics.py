"""Self against peer gaps, lenient and severe assessors, and agreement between assessors."""

from decimal import Decimal

from thidua.scoring.engine.analytics import (
    Agreement,
    Gap,
    Leniency,
    SelfInflation,
    assessor_agreement,
    assessor_leniency,
    flag_disputes,
    self_peer_gaps,
    unit_self_inflation,
)
from thidua.scoring.engine.compute import compute
from thidua.scoring.engine.types import Config, Criterion, Inputs, Kind, Method, Scale, Sheet, Stage

D = Decimal
SCALE = Scale(
    (
        Criterion("1", None, Kind.GROUP, D(20)),
        Criterion("1.1", "1", Kind.MANUAL, D(10)),
        Criterion("1.2", "1", Kind.MANUAL, D(10)),
        Criterion("2", None, Kind.RELATIVE_BEST, D(10)),
    ),
    D(30),
)


def sheet(unit: str, stage: Stage, assessor: str, a: str, b: str, value: str = "") -> Sheet:
    values = {"2": D(value)} if value else {}
    return Sheet(unit, stage, assessor, {"1.1": D(a), "1.2": D(b)}, values)


def cluster(*extra: Sheet, config: Config | None = None) -> Inputs:
    """P is lenient (+2 against the others everywhere), Q and R agree with each other."""
    sheets = [
        sheet("A", Stage.SELF, "A", "10", "9"),
        sheet("A", Stage.PEER, "P", "9", "8"),
        sheet("A", Stage.PEER, "Q", "7", "6"),
        sheet("A", Stage.PEER, "R", "7", "6"),
        sheet("B", Stage.SELF, "B", "5", "5"),
        sheet("B", Stage.PEER, "P", "7", "7"),
        sheet("B", Stage.PEER, "Q", "5", "5"),
        *extra,
    ]
    return Inputs(SCALE, ("A", "B"), sheets, config or Config())


def test_a_lenient_assessor_shows_positive_the_others_negative() -> None:
    assert assessor_leniency(cluster()) == [
        Leniency("P", D("2.00"), 4),  # +2 on each of A's and B's two leaves
        Leniency("Q", D("-1.50"), 4),  # -1, -1 on A; -2, -2 on B
        Leniency("R", D("-1.00"), 2),
    ]


def test_a_severe_assessor_is_negative() -> None:
    severe = sheet("B", Stage.PEER, "S", "1", "1")
    found = {row.assessor: row for row in assessor_leniency(cluster(severe))}
    assert found["S"].mean_difference == D("-5.00")  # 1 against the mean of 7 and 5
    assert found["S"].comparisons == 2


def test_identical_assessors_agree_fully() -> None:
    agreement = {(row.first, row.second): row for row in assessor_agreement(cluster())}
    assert agreement[("Q", "R")] == Agreement("Q", "R", D("0.00"), D("1.00"), 2)
    assert agreement[("P", "Q")] == Agreement("P", "Q", D("2.00"), D("0.00"), 4)
    assert list(agreement) == [("P", "Q"), ("P", "R"), ("Q", "R")]


def test_self_peer_gaps_use_the_combined_peers() -> None:
    assert self_peer_gaps(cluster()) == [
        Gap("A", "1.1", D("10.00"), D("7.67"), D("2.33")),
        Gap("A", "1.2", D("9.00"), D("6.67"), D("2.33")),
        Gap("B", "1.1", D("5.00"), D("6.00"), D("-1.00")),
        Gap("B", "1.2", D("5.00"), D("6.00"), D("-1.00")),
    ]


def test_gaps_follow_the_peer_method() -> None:
    median = cluster(config=Config(peer_method=Method.MEDIAN))
    assert self_peer_gaps(median)[0] == Gap("A", "1.1", D("10.00"), D("7.00"), D("3.00"))


def test_disputes_are_the_gaps_beyond_the_threshold_either_way() -> None:
    assert [(g.unit, g.criterion) for g in flag_disputes(cluster(), D("2.33"))] == [
        ("A", "1.1"),  # 2.333… > 2.33 exactly, though both show 2.33
        ("A", "1.2"),
    ]
    assert len(flag_disputes(cluster(), D("0.99"))) == 4
    assert flag_disputes(cluster(), D("3")) == []


def test_self_inflation_per_unit() -> None:
    assert unit_self_inflation(cluster()) == [
        SelfInflation("A", D("19.00"), D("14.33"), D("4.67")),
        SelfInflation("B", D("10.00"), D("12.00"), D("-2.00")),
    ]


def test_not_applicable_leaves_are_left_out() -> None:
    inputs = cluster()
    inputs = Inputs(
        inputs.scale, inputs.units, inputs.sheets, not_applicable=frozenset({("A", "1")})
    )
    assert [(g.unit, g.criterion) for g in self_peer_gaps(inputs)] == [("B", "1.1"), ("B", "1.2")]


def test_value_kinds_are_converted_like_the_engine_does() -> None:
    extra = [
        sheet("A", Stage.SELF, "A", "0", "0", value="50"),
        sheet("A", Stage.PEER, "X", "0", "0", value="30"),
        sheet("B", Stage.SELF, "B", "0", "0", value="40"),
        sheet("B", Stage.PEER, "X", "0", "0", value="45"),
    ]
    inputs = Inputs(SCALE, ("A", "B"), extra)
    gaps = {(g.unit, g.criterion): g for g in self_peer_gaps(inputs)}
    result = {row.unit: row for row in compute(inputs).ranking}
    for unit in ("A", "B"):
        gap = gaps[(unit, "2")]
        assert gap.self_points == result[unit].stage_points[("2", Stage.SELF)]
        assert gap.peer_points == result[unit].stage_points[("2", Stage.PEER)]
    assert gaps[("A", "2")].gap == D("3.33")  # 10 against 30 / 45 of 10
