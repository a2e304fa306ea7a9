"""One unit's final points: a stage chosen or the stages weighted per leaf, then the sections
and the groups summed. Rows are lists in the plan's leaf order (see ``plan``)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from operator import gt
from typing import cast

from thidua.scoring.engine.num import (
    Num,
    Pair,
    Rounded,
    exact,
    pair_add,
    pair_min,
    pair_scale,
    pair_sub,
    round_pair,
)
from thidua.scoring.engine.plan import Plan
from thidua.scoring.engine.types import Stage

Row = list[Num | None]  # None: the stage has no score for that leaf
StageRow = tuple[Row, bool]  # and whether no place is None


@dataclass(frozen=True, slots=True)
class Totals:
    points: dict[str, Decimal]
    total: Pair
    base: Pair  # rescaled for N/A
    bonus: Pair  # capped
    penalty: Pair  # capped, a positive number
    exact: dict[str, Fraction]  # the criteria that GROUP_HIGHER compares


def overlay(rows: Sequence[StageRow], size: int) -> list[Num]:
    """PRECEDENCE: per leaf, the first row (most decisive first) that has it, else 0."""
    if not rows:
        return [0] * size
    final, complete = rows[0]
    for row, row_complete in rows[1:]:
        if complete:
            break
        final = [
            mine if mine is not None else theirs for mine, theirs in zip(final, row, strict=True)
        ]
        complete = row_complete
    if not complete:
        final = [0 if value is None else value for value in final]
    return cast(list[Num], final)


def weighted(
    stages: Sequence[tuple[int, Row]],
    appraisal: Row | None,
    spread: int,
    scale: int,
    size: int,
) -> list[Num]:
    """WEIGHTED: per leaf, the weighted mean of the stages that scored it, the weights
    renormalised to them; an appraisal replaces it; no weighted stage gives 0. Stage points
    are scaled by ``scale``, the result by ``scale * spread``, where ``spread`` is a multiple of
    every sum of weights that can occur, so the division stays whole."""
    out: list[Num] = []
    for place in range(size):
        settled = appraisal[place] if appraisal is not None else None
        if settled is not None:
            out.append(settled * spread if isinstance(settled, int) else settled)
            continue
        present = [(weight, value) for weight, row in stages if (value := row[place]) is not None]
        total_weight = sum(weight for weight, _ in present)
        if total_weight <= 0:
            out.append(0)
        elif all(isinstance(value, int) for _, value in present):
            weighted_sum = sum(weight * cast(int, value) for weight, value in present)
            out.append(weighted_sum * (spread // total_weight))
        else:
            parts = (weight * exact(value, scale) for weight, value in present)
            mean = sum(parts, Fraction(0)) / total_weight
            out.append((mean.numerator, mean.denominator))
    return out


def finalize(
    plan: Plan,
    final: list[Num],
    scale: int,
    maxima: list[int],
    rounded: Rounded,
    excluded: frozenset[str],
    wanted: Sequence[str],
) -> Totals:
    """A unit's points and totals from its final row (no gaps, scaled by ``scale``, N/A
    leaves already 0); ``maxima`` per place, scaled likewise. Sums stay exact pairs."""
    size = plan.int_count
    # Out-of-range input is refused by validate_points; clamping keeps the totals' bounds anyway.
    ints = cast(list[int], final[:size])
    if any(map(gt, ints, maxima)) or (ints and min(ints) < 0):
        ints = [min(max(value, 0), top) for value, top in zip(ints, maxima, strict=False)]
    points = plan.template.copy()
    points.update(zip(plan.order, map(rounded.__getitem__, ints), strict=False))  # whole part
    clamped: list[Pair] = []
    order = plan.order
    for place in range(size, len(final)):
        value, top = final[place], maxima[place]
        if isinstance(value, int):
            num, den = (0 if value < 0 else top if value > top else value), scale
        else:
            num, den = value
            if num <= 0:
                num, den = 0, scale
            elif num * scale >= top * den:
                num, den = top, scale
        clamped.append((num, den))
        points[order[place]] = rounded[num] if den == scale else rounded[value]
    # One common denominator for the unit: every sum below is then a sum of ints.
    common = math.lcm(scale, *(den for _, den in clamped))
    lift = common // scale
    over = [num * (common // den) for num, den in clamped]
    nums = [sum([sum(ints[part]) for part in parts]) * lift for parts in plan.sections]
    for place, num in enumerate(over):
        nums[plan.pair_sections[place]] += num
    found: dict[str, Pair] = {}
    for group in plan.groups:
        whole = sum([sum(ints[part]) for part in group.int_slices])
        if group.pair_positions:
            found[group.key] = (whole * lift + sum([over[p] for p in group.pair_positions]), common)
            points[group.key] = round_pair(found[group.key])
        else:
            found[group.key] = (whole, scale)
            points[group.key] = rounded[whole]
    base, bonus, penalty = ((num, common) for num in nums)
    base = _rescaled(plan, base, excluded)
    bonus = pair_min(bonus, plan.bonus_cap)
    penalty = pair_min(penalty, plan.penalty_cap)
    return Totals(
        points=points,
        total=pair_sub(pair_add(base, bonus), penalty),
        base=base,
        bonus=bonus,
        penalty=penalty,
        exact={key: _exact(key, plan, found, ints, clamped, scale) for key in wanted},
    )


def _rescaled(plan: Plan, base: Pair, excluded: frozenset[str]) -> Pair:
    """Base points over the applicable base maximum, brought to the scale's maximum."""
    applicable = plan.base_maximum
    if excluded:
        applicable -= sum((plan.base_maxima.get(key, Fraction(0)) for key in excluded), Fraction(0))
    if applicable == plan.scale_maximum:
        return base
    if applicable <= 0:
        return (0, 1)
    return pair_scale(base, plan.scale_maximum / applicable)


def _exact(
    key: str, plan: Plan, groups: dict[str, Pair], ints: list[int], pairs: list[Pair], scale: int
) -> Fraction:
    if key in groups:
        return Fraction(*groups[key])
    place = plan.position.get(key)
    if place is None:
        return Fraction(0)
    return (
        Fraction(ints[place], scale)
        if place < plan.int_count
        else Fraction(*pairs[place - plan.int_count])
    )


class StagePoints(Mapping[tuple[str, Stage], Decimal]):
    """A unit's combined points per (leaf, stage), each rounded when it is read.

    A view on the engine's rows rather than a dict: ranking a sector year reads none of the
    stage points and a page reads one unit's, so building ~200 Decimals per unit up front would
    be most of the engine's output work for nothing. ``dict(view)`` makes a plain dict.
    """

    __slots__ = ("_excluded", "_keys", "_position", "_rounded", "_rows", "_size")

    def __init__(
        self,
        rows: Mapping[Stage, StageRow],
        keys: Mapping[Stage, tuple[tuple[tuple[str, Stage], int], ...]],
        position: Mapping[str, int],
        excluded: frozenset[str],
        rounded: Rounded,
    ) -> None:
        self._rows = rows
        self._keys = keys  # per stage: each (leaf, stage) key and its row place, in scale order
        self._position = position
        self._excluded = excluded
        self._rounded = rounded
        self._size: int | None = None

    def __getitem__(self, key: tuple[str, Stage]) -> Decimal:
        try:
            leaf, stage = key
        except (TypeError, ValueError):
            raise KeyError(key) from None
        found = self._rows.get(stage)
        place = self._position.get(leaf)
        value = None if found is None or place is None else found[0][place]
        if value is None or leaf in self._excluded:
            raise KeyError(key)
        return self._rounded[value]

    def __iter__(self) -> Iterator[tuple[str, Stage]]:
        for stage, (row, _) in self._rows.items():
            for key, place in self._keys[stage]:
                if row[place] is not None and key[0] not in self._excluded:
                    yield key

    def __len__(self) -> int:
        if self._size is None:
            self._size = sum(1 for _ in self)
        return self._size

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"
