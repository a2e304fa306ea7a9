"""Properties of the scoring engine over generated scales, sheets and regulations."""

import dataclasses
import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.scoring.engine.analytics import self_peer_gaps
from thidua.scoring.engine.compute import compute
from thidua.scoring.engine.kinds import criterion_points
from thidua.scoring.engine.types import (
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
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAXIMA = [Decimal(v) for v in ("1", "2", "2.5", "5", "10")]
PER_EVENT = [Decimal(v) for v in ("-1.5", "-0.5", "0.25", "2")]
VALUE_KINDS = (Kind.TARGET, Kind.OCCURRENCE, Kind.RELATIVE_BEST)
UNITS = ("u1", "u2", "u3", "u4", "u5")


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda c: Decimal(c).scaleb(-2))


@st.composite
def criterion_for(draw: st.DrawFn, key: str, parent: str) -> Criterion:
    kind = draw(st.sampled_from(list(Kind)[1:]))
    bands: tuple[Band, ...] = ()
    if kind is Kind.TARGET and draw(st.booleans()):
        ratios = draw(st.lists(cents(10, 150), min_size=1, max_size=3, unique=True))
        bands = tuple(Band(ratio, draw(cents(0, 100))) for ratio in ratios)
    return Criterion(
        key,
        parent,
        kind,
        draw(st.sampled_from(MAXIMA)),
        lower_is_better=draw(st.booleans()),
        bands=bands,
        per_event=draw(
            st.sampled_from([Decimal("-1.5"), Decimal("-0.5"), Decimal("0.25"), Decimal(2)])
        ),
    )


@st.composite
def scales(draw: st.DrawFn, *, extras: bool = True) -> Scale:
    """Base groups of generated leaves, and (maybe) a bonus and a penalty group."""
    criteria: list[Criterion] = []
    sections = [Section.BASE] * draw(st.integers(1, 3))
    if extras:
        sections += draw(st.lists(st.sampled_from([Section.BONUS, Section.PENALTY]), max_size=2))
    for number, section in enumerate(sections, start=1):
        leaves = [
            draw(criterion_for(f"{number}.{index}", f"{number}"))
            for index in range(1, draw(st.integers(1, 4)) + 1)
        ]
        leaves = [dataclasses.replace(c, section=section) for c in leaves]
        total = sum((c.maximum for c in leaves), Decimal(0))
        criteria += [Criterion(f"{number}", None, Kind.GROUP, total, section=section), *leaves]
    base = sum(
        (c.maximum for c in criteria if c.kind is not Kind.GROUP and c.section is Section.BASE),
        Decimal(0),
    )
    return Scale(tuple(criteria), base, draw(cents(0, 500)), draw(cents(0, 500)))


def leaves(scale: Scale) -> list[Criterion]:
    return [c for c in scale.criteria if c.kind is not Kind.GROUP]


@st.composite
def sheet_for(draw: st.DrawFn, scale: Scale, unit: str, stage: Stage, who: str) -> Sheet:
    points: dict[str, Decimal] = {}
    values: dict[str, Decimal] = {}
    for c in leaves(scale):
        if not draw(st.integers(0, 5)):
            continue  # left blank
        if c.kind in VALUE_KINDS:
            values[c.key] = draw(cents(0, 5000))
        else:
            top = int(c.maximum * 100)
            points[c.key] = draw(cents(-50, top + 50))  # slightly out of range at times
    return Sheet(unit, stage, who, points, values)


@st.composite
def configs(draw: st.DrawFn, scale: Scale) -> Config:
    groups = [c.key for c in scale.criteria if c.kind is Kind.GROUP]
    tie_breaks = draw(
        st.lists(
            st.one_of(
                st.sampled_from([TieBreak(TieRule.BONUS_HIGHER), TieBreak(TieRule.PENALTY_LOWER)]),
                st.sampled_from(groups).map(lambda g: TieBreak(TieRule.GROUP_HIGHER, g)),
            ),
            max_size=2,
        )
    )
    weights = draw(
        st.dictionaries(st.sampled_from(list(Stage)), cents(0, 300), min_size=1, max_size=4)
    )
    return Config(
        peer_method=draw(st.sampled_from(list(Method))),
        combine=draw(st.sampled_from(list(Combine))),
        precedence=tuple(draw(st.permutations(list(Stage)))[: draw(st.integers(1, 5))]),
        weights=weights,
        tie_breaks=tuple(tie_breaks),
    )


@st.composite
def cluster_inputs(draw: st.DrawFn) -> Inputs:
    scale = draw(scales())
    units = UNITS[: draw(st.integers(1, len(UNITS)))]
    sheets: list[Sheet] = []
    for unit in units:
        stages = draw(st.lists(st.sampled_from(list(Stage)), unique=True, max_size=4))
        for stage in stages:
            for index in range(draw(st.integers(1, 4)) if stage is Stage.PEER else 1):
                who = unit if stage is Stage.SELF else f"{stage.value}{index}"
                sheets.append(draw(sheet_for(scale, unit, stage, who)))
    targets = {
        (unit, c.key): draw(cents(-100, 5000))
        for unit in units
        for c in leaves(scale)
        if c.kind is Kind.TARGET and draw(st.integers(0, 4))
    }
    keys = [c.key for c in scale.criteria]
    not_applicable = frozenset(
        (unit, key) for unit in units for key in keys if not draw(st.integers(0, 6))
    )
    return Inputs(scale, units, sheets, draw(configs(scale)), targets, not_applicable)


@FAST
@given(cluster_inputs())
def test_total_stays_within_the_caps(inputs: Inputs) -> None:
    scale = inputs.scale
    for row in compute(inputs).ranking:
        assert -scale.penalty_cap <= row.total <= scale.maximum + scale.bonus_cap
        assert Decimal(0) <= row.base <= scale.maximum
        assert Decimal(0) <= row.bonus <= scale.bonus_cap
        assert Decimal(0) <= row.penalty <= scale.penalty_cap


@st.composite
def full_marks(draw: st.DrawFn) -> tuple[Inputs, bool]:
    """One unit with full marks on every base leaf, some of them N/A; and whether all are."""
    generated = draw(scales(extras=False))
    # A band below 100 % of the maximum would make full marks unreachable.
    scale = dataclasses.replace(
        generated, criteria=tuple(dataclasses.replace(c, bands=()) for c in generated.criteria)
    )
    points: dict[str, Decimal] = {}
    values: dict[str, Decimal] = {}
    targets: dict[tuple[str, str], Decimal] = {}
    for c in leaves(scale):
        if c.kind is Kind.TARGET:
            target = draw(cents(1, 5000))
            targets[("u", c.key)] = target
            values[c.key] = Decimal(0) if c.lower_is_better else target * 2
        elif c.kind is Kind.OCCURRENCE:
            values[c.key] = Decimal(0) if c.per_event < 0 else Decimal(100)
        elif c.kind is Kind.RELATIVE_BEST:
            values[c.key] = draw(cents(1, 5000))  # the only unit is the best
        else:
            points[c.key] = c.maximum
    keys = [c.key for c in scale.criteria]
    not_applicable = frozenset(("u", key) for key in draw(st.lists(st.sampled_from(keys))))
    covered = {c.key for c in leaves(scale)} <= {
        c.key
        for c in leaves(scale)
        if ("u", c.key) in not_applicable or ("u", c.parent) in not_applicable
    }
    sheet = Sheet("u", Stage.SELF, "u", points, values)
    inputs = Inputs(scale, ("u",), [sheet], targets=targets, not_applicable=not_applicable)
    return inputs, covered


@FAST
@given(full_marks())
def test_not_applicable_rescaling_keeps_the_maximum(case: tuple[Inputs, bool]) -> None:
    inputs, all_not_applicable = case
    (row,) = compute(inputs).ranking
    assert row.base == (Decimal(0) if all_not_applicable else inputs.scale.maximum)


def placing(result: Result) -> dict[str, tuple[int, Decimal, tuple[str, ...], str]]:
    return {row.unit: (row.rank, row.total, row.tied_with, row.tie_note) for row in result.ranking}


@FAST
@given(cluster_inputs(), st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_the_order_of_sheets_or_units(
    inputs: Inputs, rng: random.Random
) -> None:
    sheets, units = list(inputs.sheets), list(inputs.units)
    rng.shuffle(sheets)
    rng.shuffle(units)
    shuffled = Inputs(
        inputs.scale,
        tuple(units),
        sheets,
        inputs.config,
        inputs.targets,
        inputs.not_applicable,
    )
    assert placing(compute(shuffled)) == placing(compute(inputs))


@st.composite
def peers_only(draw: st.DrawFn) -> Inputs:
    """Every unit scored on every leaf by the same number of peers, manual points only."""
    groups = draw(st.integers(1, 3))
    criteria: list[Criterion] = []
    for number in range(1, groups + 1):
        kinds = draw(
            st.lists(st.sampled_from([Kind.MANUAL, Kind.PASS_FAIL]), min_size=1, max_size=4)
        )
        maxima = [draw(st.sampled_from(MAXIMA)) for _ in kinds]
        criteria.append(Criterion(f"{number}", None, Kind.GROUP, sum(maxima, Decimal(0))))
        criteria += [
            Criterion(f"{number}.{i}", f"{number}", kind, top)
            for i, (kind, top) in enumerate(zip(kinds, maxima, strict=True))
        ]
    scale = Scale(tuple(criteria), sum((c.maximum for c in criteria if c.parent), Decimal(0)))
    units = UNITS[: draw(st.integers(2, len(UNITS)))]
    count = draw(st.integers(1, 3))
    sheets = []
    for unit in units:
        for index in range(count):
            points = {
                c.key: draw(st.sampled_from([Decimal(0), c.maximum]))
                if c.kind is Kind.PASS_FAIL
                else draw(cents(0, int(c.maximum * 100)))
                for c in leaves(scale)
            }
            sheets.append(Sheet(unit, Stage.PEER, f"p{index}", points))
    return Inputs(scale, units, sheets)


@FAST
@given(peers_only(), st.data())
def test_a_peer_giving_everyone_the_same_points_changes_no_rank(
    inputs: Inputs, data: st.DataObject
) -> None:
    same = {
        c.key: data.draw(st.sampled_from([Decimal(0), c.maximum]))
        if c.kind is Kind.PASS_FAIL
        else data.draw(cents(0, int(c.maximum * 100)))
        for c in leaves(inputs.scale)
    }
    extra = [Sheet(unit, Stage.PEER, "newcomer", same) for unit in inputs.units]
    more = Inputs(inputs.scale, inputs.units, [*inputs.sheets, *extra])
    ranks = {row.unit: row.rank for row in compute(inputs).ranking}
    assert {row.unit: row.rank for row in compute(more).ranking} == ranks


@FAST
@given(cluster_inputs())
def test_stage_points_match_the_exact_analytics(inputs: Inputs) -> None:
    """The engine's scaled integers against the analytics' Fractions, on the same sheets."""
    results = {row.unit: row for row in compute(inputs).ranking}
    for gap in self_peer_gaps(inputs):
        stage_points = results[gap.unit].stage_points
        assert stage_points[(gap.criterion, Stage.SELF)] == gap.self_points
        assert stage_points[(gap.criterion, Stage.PEER)] == gap.peer_points


@FAST
@given(
    criterion_for("v", "").filter(lambda c: c.kind in VALUE_KINDS),
    cents(-500, 50000),
    cents(-100, 50000),
)
def test_one_value_converts_like_criterion_points(
    criterion: Criterion, value: Decimal, target: Decimal
) -> None:
    leaf = dataclasses.replace(criterion, parent=None)
    scale = Scale((leaf,), leaf.maximum)
    sheet = Sheet("u", Stage.SELF, "u", values={"v": value})
    (row,) = compute(Inputs(scale, ("u",), [sheet], targets={("u", "v"): target})).ranking
    assert row.points["v"] == criterion_points(leaf, value=value, target=target, best=value)
