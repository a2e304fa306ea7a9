"""A scale flattened once into the plain tuples the engine loops over.

The leaves get one fixed order: those scored by points, then those scored by a value whose
points stay whole once scaled, then those that divide by a target or a best value. Within the
first two, base comes before bonus before penalty, so that each section is a pair of slices.
Every unit's stage scores become a list in this order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from thidua.scoring.engine.kinds import ValueLeaf
from thidua.scoring.engine.num import Picker, picker, places_of
from thidua.scoring.engine.types import VALUE_KINDS, Criterion, Kind, Scale, Section

SECTIONS = (Section.BASE, Section.BONUS, Section.PENALTY)


@dataclass(frozen=True, slots=True)
class GroupPlan:
    key: str
    int_slices: tuple[slice, ...]  # of the whole part of a row
    pair_positions: tuple[int, ...]  # into the dividing part, counted from its start


@dataclass(frozen=True, slots=True)
class Plan:
    template: dict[str, Decimal]  # every criterion key in display order; copied, never changed
    order: tuple[str, ...]  # the leaves, in row order
    position: Mapping[str, int]
    point_keys: tuple[str, ...]
    pick_points: Picker
    value_keys: tuple[str, ...]
    pick_values: Picker
    value_leaves: tuple[ValueLeaf, ...]  # in the order of value_keys
    int_count: int  # the row's first int_count places always hold whole (scaled) points
    maximum_q: tuple[int, ...]  # per row place: the maximum times q10
    sections: tuple[tuple[slice, ...], ...]  # base, bonus, penalty: slices of the whole part
    pair_sections: tuple[int, ...]  # per dividing leaf, its section as an index of SECTIONS
    groups: tuple[GroupPlan, ...]
    leaves_under: Mapping[str, frozenset[str]]  # a key marked N/A -> the leaves it covers
    base_maxima: Mapping[str, Fraction]
    base_maximum: Fraction
    scale_maximum: Fraction
    bonus_cap: tuple[int, int]
    penalty_cap: tuple[int, int]
    q10: int  # maxima, per-event points and band points are whole once multiplied by it


def build_plan(scale: Scale) -> Plan:
    by_key: dict[str, Criterion] = {}
    for criterion in scale.criteria:
        if criterion.key in by_key:
            raise ValueError(f"criterion {criterion.key!r} appears twice in the scale")
        by_key[criterion.key] = criterion
    leaves = [c for c in scale.criteria if c.kind != Kind.GROUP]
    band_points = {c.key: _band_points(c) for c in leaves}
    constants = [c.maximum for c in leaves] + [c.per_event for c in leaves]
    constants += [points for bands in band_points.values() for _, _, points in bands]
    q = max((places_of(value) for value in constants), default=0)

    def whole(value: Decimal) -> int:
        return int(value.scaleb(q))

    def by_section(chosen: list[Criterion]) -> list[Criterion]:
        return sorted(chosen, key=lambda c: SECTIONS.index(c.section))

    dividing = [
        c for c in leaves if c.kind == Kind.RELATIVE_BEST or (c.kind == Kind.TARGET and not c.bands)
    ]
    divides = {c.key for c in dividing}
    by_points = by_section([c for c in leaves if c.kind not in VALUE_KINDS])
    by_value = by_section([c for c in leaves if c.kind in VALUE_KINDS and c.key not in divides])
    int_count = len(by_points) + len(by_value)
    ordered = by_points + by_value + dividing
    position = {c.key: index for index, c in enumerate(ordered)}
    values = by_value + dividing
    under: dict[str, set[str]] = {c.key: set() for c in scale.criteria}
    for leaf in leaves:
        for key in (leaf.key, *_ancestors(leaf, by_key)):
            under[key].add(leaf.key)
    base_maxima = {c.key: Fraction(c.maximum) for c in leaves if c.section == Section.BASE}
    return Plan(
        template=dict.fromkeys(by_key, Decimal("0.00")),
        order=tuple(c.key for c in ordered),
        position=position,
        point_keys=tuple(c.key for c in by_points),
        pick_points=picker([c.key for c in by_points]),
        value_keys=tuple(c.key for c in values),
        pick_values=picker([c.key for c in values]),
        value_leaves=tuple(
            ValueLeaf(
                key=c.key,
                kind=c.kind,
                maximum_q=whole(c.maximum),
                lower_is_better=c.lower_is_better,
                bands=tuple((num, den, whole(points)) for num, den, points in band_points[c.key]),
                per_event_q=whole(c.per_event),
            )
            for c in values
        ),
        int_count=int_count,
        maximum_q=tuple(whole(c.maximum) for c in ordered),
        sections=tuple(
            (
                _section_slice(by_points, section, 0),
                _section_slice(by_value, section, len(by_points)),
            )
            for section in SECTIONS
        ),
        pair_sections=tuple(SECTIONS.index(c.section) for c in dividing),
        groups=tuple(
            GroupPlan(
                key=c.key,
                int_slices=_runs(sorted(p for k in under[c.key] if (p := position[k]) < int_count)),
                pair_positions=tuple(
                    sorted(p - int_count for k in under[c.key] if (p := position[k]) >= int_count)
                ),
            )
            for c in scale.criteria
            if c.kind == Kind.GROUP
        ),
        leaves_under={key: frozenset(found) for key, found in under.items() if found},
        base_maxima=base_maxima,
        base_maximum=sum(base_maxima.values(), Fraction(0)),
        scale_maximum=Fraction(scale.maximum),
        bonus_cap=scale.bonus_cap.as_integer_ratio(),
        penalty_cap=scale.penalty_cap.as_integer_ratio(),
        q10=10**q,
    )


def _band_points(criterion: Criterion) -> list[tuple[int, int, Decimal]]:
    """(ratio numerator, ratio denominator, points), highest ratio first; of equal ratios, the
    larger share first; points kept within 0..maximum."""
    bands = sorted(criterion.bands, key=lambda b: (b.min_ratio, b.share), reverse=True)
    top = criterion.maximum
    return [
        (*band.min_ratio.as_integer_ratio(), min(max(band.share * top, Decimal(0)), top))
        for band in bands
    ]


def _section_slice(chosen: Sequence[Criterion], section: Section, offset: int) -> slice:
    places = [offset + i for i, c in enumerate(chosen) if c.section == section]
    return slice(places[0], places[-1] + 1) if places else slice(0, 0)


def _runs(places: Sequence[int]) -> tuple[slice, ...]:
    """Sorted places as slices of consecutive ones: a group's leaves are mostly one run."""
    runs: list[slice] = []
    for place in places:
        if runs and runs[-1].stop == place:
            runs[-1] = slice(runs[-1].start, place + 1)
        else:
            runs.append(slice(place, place + 1))
    return tuple(runs)


def _ancestors(criterion: Criterion, by_key: Mapping[str, Criterion]) -> list[str]:
    """Group keys above a leaf; a broken chain (unknown parent, a cycle) just stops."""
    found: list[str] = []
    seen: set[str] = set()
    parent = criterion.parent
    while parent is not None and parent in by_key and parent not in seen:
        seen.add(parent)
        if by_key[parent].kind == Kind.GROUP:
            found.append(parent)
        parent = by_key[parent].parent
    return found
