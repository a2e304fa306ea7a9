"""Values to points for the criteria measured by a value: against a target, per occurrence and
relative to the best member.

Each rule exists twice: over a whole column of units on scaled integers (the engine's fast path)
and on one Fraction (``criterion_points`` and the analytics). The tests hold them equal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from thidua.scoring.engine.num import EXACT, Num, as_decimal, round_fraction
from thidua.scoring.engine.types import Criterion, Kind


@dataclass(frozen=True, slots=True)
class ValueLeaf:
    """A value-kind criterion with its constants multiplied by ``10**q`` of the plan."""

    key: str
    kind: Kind
    maximum_q: int
    lower_is_better: bool
    # TARGET bands, highest ratio first: (ratio numerator, ratio denominator, points * 10**q)
    bands: tuple[tuple[int, int, int], ...]
    per_event_q: int


def convert_column(
    leaf: ValueLeaf,
    values: Sequence[int | None],
    targets: Sequence[int | None],
    scale: int,
    q10: int,
) -> list[Num | None]:
    """Points from the units' combined values (None: no value, no points), scaled by
    ``scale``; ``targets`` line up with ``values``. Exact pairs are kept small by writing the
    maximum as ``maximum_q / q10`` rather than over ``scale``."""
    factor = scale // q10
    maximum = leaf.maximum_q * factor
    if leaf.kind == Kind.OCCURRENCE:
        return _occurrence(values, leaf.per_event_q, q10, maximum)
    if leaf.kind == Kind.RELATIVE_BEST:
        return _relative(values, leaf.maximum_q, q10, maximum, lower=leaf.lower_is_better)
    bands = tuple((num, den, points * factor) for num, den, points in leaf.bands)
    out: list[Num | None] = []
    for actual, target in zip(values, targets, strict=True):
        if actual is None:
            out.append(None)
        elif target is None or target <= 0:
            out.append(0)
        elif leaf.lower_is_better and actual <= 0:
            out.append(maximum)  # nothing happened where less is better: full marks
        else:
            top, bottom = (target, actual) if leaf.lower_is_better else (actual, target)
            out.append(_target(top, bottom, bands, leaf.maximum_q, q10, maximum))
    return out


def _target(
    top: int, bottom: int, bands: tuple[tuple[int, int, int], ...], top_q: int, q10: int, full: int
) -> Num:
    """Points for the achievement ratio top / bottom (bottom > 0)."""
    if bands:
        return next((points for num, den, points in bands if top * den >= num * bottom), 0)
    if top <= 0:
        return 0
    return full if top >= bottom else _ratio(top_q, q10, top, bottom)


def _ratio(top_q: int, q10: int, top: int, bottom: int) -> Num:
    """maximum * top / bottom as a pair. Both are scaled alike, so reducing them first keeps
    the numbers (and every later sum of pairs) small."""
    common = math.gcd(top, bottom)
    return top_q * (top // common), q10 * (bottom // common)


def _occurrence(
    values: Sequence[int | None], per_event: int, q10: int, maximum: int
) -> list[Num | None]:
    # A combined count is always a multiple of 10**q (see ``num``), so // is exact.
    start = maximum if per_event < 0 else 0
    return [
        None if count is None else min(max(start + per_event * count // q10, 0), maximum)
        for count in values
    ]


def _relative(
    values: Sequence[int | None], top_q: int, q10: int, maximum: int, *, lower: bool
) -> list[Num | None]:
    present = [value for value in values if value is not None]
    if not present:
        return [None] * len(values)
    out: list[Num | None] = []
    best = min(present) if lower else max(present)
    for value in values:
        if value is None:
            out.append(None)
        elif lower:
            if value <= 0 or value <= best:
                out.append(maximum)
            else:
                out.append(0 if best <= 0 else _ratio(top_q, q10, best, value))
        elif best <= 0 or value <= 0:
            out.append(0)
        else:
            out.append(maximum if value >= best else _ratio(top_q, q10, value, best))
    return out


def target_exact(
    actual: Fraction,
    target: Fraction | None,
    maximum: Fraction,
    bands: Sequence[tuple[Fraction, Fraction]],
    *,
    lower: bool,
) -> Fraction:
    """``bands``: (minimum ratio, share of the maximum), in any order."""
    if target is None or target <= 0:
        return Fraction(0)
    if lower and actual <= 0:
        return maximum
    ratio = target / actual if lower else actual / target
    if bands:
        reached = [band for band in bands if band[0] <= ratio]
        if not reached:
            return Fraction(0)
        share = max(reached)[1]  # the highest band reached; of equal ratios, the larger share
        return min(max(share * maximum, Fraction(0)), maximum)
    return maximum * min(max(ratio, Fraction(0)), Fraction(1))


def occurrence_exact(count: Fraction, per_event: Fraction, maximum: Fraction) -> Fraction:
    start = maximum if per_event < 0 else Fraction(0)
    return min(max(start + per_event * count, Fraction(0)), maximum)


def relative_exact(
    value: Fraction, best: Fraction | None, maximum: Fraction, *, lower: bool
) -> Fraction:
    if best is None:
        return Fraction(0)
    if lower:
        if value <= 0 or value <= best:
            return maximum
        return Fraction(0) if best <= 0 else maximum * best / value
    if best <= 0 or value <= 0:
        return Fraction(0)
    return maximum if value >= best else maximum * value / best


def criterion_points_exact(
    criterion: Criterion, *, value: Fraction, target: Fraction | None, best: Fraction | None
) -> Fraction:
    """Points for one value, exactly; for MANUAL and PASS_FAIL the value is the points."""
    maximum = Fraction(criterion.maximum)
    if criterion.kind is Kind.TARGET:
        bands = [(Fraction(b.min_ratio), Fraction(b.share)) for b in criterion.bands]
        return target_exact(value, target, maximum, bands, lower=criterion.lower_is_better)
    if criterion.kind is Kind.OCCURRENCE:
        return occurrence_exact(value, Fraction(criterion.per_event), maximum)
    if criterion.kind is Kind.RELATIVE_BEST:
        return relative_exact(value, best, maximum, lower=criterion.lower_is_better)
    if criterion.kind is Kind.GROUP:
        raise ValueError(f"{criterion.key!r} is a group: its points are its children's")
    return min(max(value, Fraction(0)), maximum)


def criterion_points(
    criterion: Criterion, *, value: Decimal, target: Decimal | None, best: Decimal | None
) -> Decimal:
    """Points for a value of a TARGET, OCCURRENCE or RELATIVE_BEST criterion, two places.
    ``target`` and ``best`` are read only by the kinds that need them."""
    with localcontext(EXACT):
        points = criterion_points_exact(
            criterion,
            value=Fraction(as_decimal(value)),
            target=None if target is None else Fraction(as_decimal(target)),
            best=None if best is None else Fraction(as_decimal(best)),
        )
        return round_fraction(points)
