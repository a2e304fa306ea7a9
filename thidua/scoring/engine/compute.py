"""The scoring engine's entry point: a point scale and the assessments in, points, totals and
ranks out.

Pure computation with no Django import, so it runs on a whole cluster (or the whole sector) at
once, is property-tested, and is reused by the pages, the API, the Excel sheets and the bench.
Arithmetic is exact; results are Decimals with two places.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from decimal import localcontext
from fractions import Fraction

from thidua.scoring.engine.num import (
    EXACT,
    NeedPlacesError,
    Rounded,
    Scaled,
    as_decimal,
    lcm_upto,
    places_of,
    round_pair,
)
from thidua.scoring.engine.plan import Plan, build_plan
from thidua.scoring.engine.rank import Entry, rank
from thidua.scoring.engine.rows import (
    Rows,
    not_applicable_leaves,
    sheets_by_stage_and_unit,
    stage_rows,
)
from thidua.scoring.engine.types import (
    Combine,
    Config,
    Inputs,
    Result,
    Scale,
    Stage,
    TieRule,
    UnitResult,
)
from thidua.scoring.engine.units import StagePoints, finalize, overlay, weighted

# Per stage: the (leaf, stage) keys of stage points, with the leaf's place in a row.
_StageKeys = dict[Stage, tuple[tuple[tuple[str, Stage], int], ...]]


@dataclass(frozen=True, slots=True)
class _Run:
    """What every unit of one ``compute`` call shares."""

    inputs: Inputs
    plan: Plan
    stage_keys: _StageKeys
    rows: Rows  # per stage (in Stage order) and unit
    not_applicable: dict[str, frozenset[str]]  # unit -> its N/A leaves
    scale: int  # stage points are scaled by it
    weights: dict[Stage, int]
    weight_spread: int  # final points are scaled by scale * weight_spread
    maxima: list[int]  # per leaf place, scaled like final points
    decisive: tuple[Stage, ...]  # PRECEDENCE: the stages, most decisive first, SELF last
    wanted: tuple[str, ...]  # criteria compared by GROUP_HIGHER
    rounded: Rounded
    rounded_final: Rounded


def compute(inputs: Inputs) -> Result:
    """Points, totals and ranks of a cluster's units, exactly, rounded once at the end.

    Read from the sheets: ``points`` for MANUAL and PASS_FAIL, ``values`` for the other kinds;
    other keys, and sheets of units not in ``inputs.units``, are ignored. Two sheets from one
    assessor for the same unit and stage raise ValueError. Points outside 0..maximum (which
    ``validate_points`` refuses) are clamped in the final points, not in the stage points.
    N/A leaves score 0, show no stage points and take no part in a RELATIVE_BEST best.
    ``UnitResult.stage_points`` is a read-only view that rounds when read.
    """
    with localcontext(EXACT):
        plan, stage_keys = _plan_of(inputs.scale)
        places = 2
        while True:
            try:
                return _compute(inputs, plan, stage_keys, places)
            except NeedPlacesError as more:
                # A score or a target with more places than assumed: again, scaled further.
                places = max(more.places, places + 1)


def _compute(inputs: Inputs, plan: Plan, stage_keys: _StageKeys, places: int) -> Result:
    config = inputs.config
    grouped = sheets_by_stage_and_unit(inputs)
    spread = lcm_upto(max(map(len, grouped.values()), default=1))
    scaled = Scaled(places, spread * plan.q10)
    scale = 10**places * spread * plan.q10
    not_applicable = not_applicable_leaves(inputs, plan)
    weights, weight_spread = _weights(config)
    rounded = Rounded(scale)
    run = _Run(
        inputs=inputs,
        plan=plan,
        stage_keys=stage_keys,
        rows=stage_rows(inputs, grouped, plan, scaled, scale, not_applicable, tuple(Stage)),
        not_applicable=not_applicable,
        scale=scale,
        weights=weights,
        weight_spread=weight_spread,
        maxima=[top * (scale * weight_spread // plan.q10) for top in plan.maximum_q],
        decisive=tuple(dict.fromkeys((*config.precedence, Stage.SELF))),
        wanted=tuple(
            {tb.group: None for tb in config.tie_breaks if tb.rule is TieRule.GROUP_HIGHER}
        ),
        rounded=rounded,
        rounded_final=rounded if weight_spread == 1 else Rounded(scale * weight_spread),
    )
    scored = {unit: _score_unit(run, unit) for unit in inputs.units}
    names = tuple(
        f"{tb.rule.value}:{tb.group}" if tb.rule is TieRule.GROUP_HIGHER else tb.rule.value
        for tb in config.tie_breaks
    )
    ranking = []
    for placed in rank([entry for entry, _ in scored.values()], names):
        result = scored[placed.unit][1]
        ranking.append(
            UnitResult(
                unit=placed.unit,
                rank=placed.rank,
                total=result.total,
                base=result.base,
                bonus=result.bonus,
                penalty=result.penalty,
                tied_with=placed.tied_with,
                tie_note=placed.tie_note,
                points=result.points,
                stage_points=result.stage_points,
            )
        )
    return Result(ranking=tuple(ranking))


def _score_unit(run: _Run, unit: str) -> tuple[Entry, UnitResult]:
    """The unit's exact entry for the ranking, and its result with the rank still to be set."""
    plan, config = run.plan, run.inputs.config
    found = {stage: by_unit[unit] for stage, by_unit in run.rows.items() if unit in by_unit}
    excluded = run.not_applicable.get(unit, frozenset())
    size = len(plan.order)
    if config.combine is Combine.WEIGHTED:
        present = [
            (weight, found[stage][0]) for stage, weight in run.weights.items() if stage in found
        ]
        appraisal = found[Stage.APPRAISAL][0] if Stage.APPRAISAL in found else None
        final = weighted(present, appraisal, run.weight_spread, run.scale, size)
    else:
        final = overlay([found[stage] for stage in run.decisive if stage in found], size)
    if excluded:
        final = list(final)
        for key in excluded:
            final[plan.position[key]] = 0
    final_scale = run.scale * run.weight_spread
    totals = finalize(plan, final, final_scale, run.maxima, run.rounded_final, excluded, run.wanted)
    total = Fraction(*totals.total)
    rules = tuple(
        totals.exact[tb.group]
        if tb.rule is TieRule.GROUP_HIGHER
        else Fraction(*totals.bonus)
        if tb.rule is TieRule.BONUS_HIGHER
        else -Fraction(*totals.penalty)
        for tb in config.tie_breaks
    )
    result = UnitResult(
        unit=unit,
        rank=0,
        total=round_pair(totals.total),
        base=round_pair(totals.base),
        bonus=round_pair(totals.bonus),
        penalty=round_pair(totals.penalty),
        tied_with=(),
        tie_note="",
        points=totals.points,
        stage_points=StagePoints(found, run.stage_keys, plan.position, excluded, run.rounded),
    )
    return Entry(unit, total, rules), result


def _weights(config: Config) -> tuple[dict[Stage, int], int]:
    """WEIGHTED: the weights as whole numbers, and a multiple of every sum of them that
    renormalising can divide by (an appraisal replaces, so it has no weight)."""
    if config.combine is not Combine.WEIGHTED:
        return {}, 1
    given = {
        Stage(stage): as_decimal(weight)
        for stage, weight in config.weights.items()
        if stage != Stage.APPRAISAL
    }
    shift = max((places_of(weight) for weight in given.values()), default=0)
    whole = {stage: int(weight.scaleb(shift)) for stage, weight in given.items()}
    sums = {
        sum(chosen)
        for size in range(1, len(whole) + 1)
        for chosen in itertools.combinations(whole.values(), size)
    }
    return whole, math.lcm(*(total for total in sums if total > 0))


_PLANS: dict[int, tuple[Scale, Plan, _StageKeys]] = {}


def _plan_of(scale: Scale) -> tuple[Plan, _StageKeys]:
    """Plans are kept by identity: a published scale is one object reused for every cluster."""
    kept = _PLANS.get(id(scale))
    if kept is not None and kept[0] is scale:
        return kept[1], kept[2]
    plan = build_plan(scale)
    leaves = [key for key in plan.template if key in plan.position]  # in scale order
    stage_keys = {
        stage: tuple(((key, stage), plan.position[key]) for key in leaves) for stage in Stage
    }
    if len(_PLANS) >= 64:
        _PLANS.clear()
    _PLANS[id(scale)] = (scale, plan, stage_keys)
    return plan, stage_keys
