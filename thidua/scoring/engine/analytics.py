"""What makes inflated self-scores visible (domain §4): self against peer gaps per criterion,
assessors who are systematically lenient or severe, and how far assessors agree.

Pure, like the rest of the engine, and on the same inputs as ``compute``. Points of value-kind
criteria are converted per sheet with the engine's rules; a stage's combined points are the
engine's (same method, same best value per stage). Arithmetic is exact, results are Decimals
with two places.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations

from thidua.scoring.engine.kinds import criterion_points_exact
from thidua.scoring.engine.num import combine_exact, round_fraction
from thidua.scoring.engine.types import VALUE_KINDS, Criterion, Inputs, Kind, Stage


@dataclass(frozen=True, slots=True)
class Gap:
    unit: str
    criterion: str
    self_points: Decimal
    peer_points: Decimal  # the peers combined
    gap: Decimal  # self minus peers: positive when the unit rated itself higher


@dataclass(frozen=True, slots=True)
class Leniency:
    assessor: str
    mean_difference: Decimal  # positive: lenient; negative: severe
    comparisons: int


@dataclass(frozen=True, slots=True)
class SelfInflation:
    unit: str
    self_total: Decimal
    peer_total: Decimal
    inflation: Decimal  # over the leaves that have both


@dataclass(frozen=True, slots=True)
class Agreement:
    first: str
    second: str  # first < second
    mean_abs_difference: Decimal
    identical_share: Decimal  # 1.00 when every shared point was the same
    count: int


@dataclass(frozen=True, slots=True)
class _Stage:
    """One stage's exact points per (unit, leaf): per assessor, and combined."""

    by_assessor: dict[tuple[str, str], dict[str, Fraction]]
    combined: dict[tuple[str, str], Fraction]


def self_peer_gaps(inputs: Inputs) -> list[Gap]:
    """Per unit and leaf scored both by the unit and by its peers, in unit then scale order."""
    return [_gap(*found) for found in _exact_gaps(inputs)]


def flag_disputes(inputs: Inputs, threshold: Decimal) -> list[Gap]:
    """The gaps larger than ``threshold`` either way: candidates for the explanation round."""
    limit = Fraction(threshold)
    return [_gap(*found) for found in _exact_gaps(inputs) if abs(found[2] - found[3]) > limit]


def unit_self_inflation(inputs: Inputs) -> list[SelfInflation]:
    """Per unit: its own points minus its peers' combined points, over the leaves that have
    both, so that a criterion the peers skipped does not count as inflation."""
    totals: dict[str, list[Fraction]] = {}
    for unit, _, own, peers in _exact_gaps(inputs):
        found = totals.setdefault(unit, [Fraction(0), Fraction(0)])
        found[0] += own
        found[1] += peers
    return [
        SelfInflation(unit, round_fraction(own), round_fraction(peers), round_fraction(own - peers))
        for unit, (own, peers) in sorted(totals.items())
    ]


def assessor_leniency(inputs: Inputs, stage: Stage = Stage.PEER) -> list[Leniency]:
    """Per assessor, the mean over the (unit, leaf) it scored of its points minus the mean of
    the other assessors' points there; pairs scored by it alone are not comparisons."""
    differences: dict[str, list[Fraction]] = defaultdict(list)
    for marks in _marks(inputs, stage).by_assessor.values():
        if len(marks) < 2:
            continue
        total = sum(marks.values(), Fraction(0))
        for assessor, points in marks.items():
            others = (total - points) / (len(marks) - 1)
            differences[assessor].append(points - others)
    return [
        Leniency(assessor, round_fraction(sum(found, Fraction(0)) / len(found)), len(found))
        for assessor, found in sorted(differences.items())
    ]


def assessor_agreement(inputs: Inputs, stage: Stage = Stage.PEER) -> list[Agreement]:
    """Per pair of assessors, over the (unit, leaf) both scored: the mean absolute difference
    and the share of identical points."""
    pairs: dict[tuple[str, str], list[Fraction]] = defaultdict(list)
    for marks in _marks(inputs, stage).by_assessor.values():
        for first, second in combinations(sorted(marks), 2):
            pairs[(first, second)].append(abs(marks[first] - marks[second]))
    return [
        Agreement(
            first,
            second,
            round_fraction(sum(found, Fraction(0)) / len(found)),
            round_fraction(Fraction(sum(1 for d in found if d == 0), len(found))),
            len(found),
        )
        for (first, second), found in sorted(pairs.items())
    ]


def _gap(unit: str, criterion: str, own: Fraction, peers: Fraction) -> Gap:
    return Gap(
        unit, criterion, round_fraction(own), round_fraction(peers), round_fraction(own - peers)
    )


def _exact_gaps(inputs: Inputs) -> Iterator[tuple[str, str, Fraction, Fraction]]:
    own = _marks(inputs, Stage.SELF).combined
    peers = _marks(inputs, Stage.PEER).combined
    order = {c.key: index for index, c in enumerate(inputs.scale.criteria)}
    for unit, key in sorted(own.keys() & peers.keys(), key=lambda uk: (uk[0], order[uk[1]])):
        yield unit, key, own[(unit, key)], peers[(unit, key)]


def _marks(inputs: Inputs, stage: Stage) -> _Stage:
    """The stage's points as the engine reads them: points for MANUAL and PASS_FAIL, values
    converted for the other kinds, N/A leaves and units outside ``inputs.units`` left out."""
    leaves = {c.key: c for c in inputs.scale.criteria if c.kind is not Kind.GROUP}
    excluded = _not_applicable(inputs)
    wanted = set(inputs.units)
    points: dict[tuple[str, str], dict[str, Fraction]] = defaultdict(dict)
    values: dict[tuple[str, str], dict[str, Fraction]] = defaultdict(dict)
    for sheet in inputs.sheets:
        if sheet.stage is not stage or sheet.unit not in wanted:
            continue
        for key, criterion in leaves.items():
            marks = sheet.values if criterion.kind in VALUE_KINDS else sheet.points
            if key in marks and (sheet.unit, key) not in excluded:
                found = points if criterion.kind not in VALUE_KINDS else values
                if sheet.assessor in found[(sheet.unit, key)]:
                    raise ValueError(f"two sheets from {sheet.assessor} for {sheet.unit}")
                found[(sheet.unit, key)][sheet.assessor] = Fraction(marks[key])
    method = inputs.config.peer_method
    combined = {place: combine_exact(list(m.values()), method) for place, m in points.items()}
    value_of = {place: combine_exact(list(m.values()), method) for place, m in values.items()}
    bests = _bests(leaves, value_of)
    for (unit, key), by_assessor in values.items():
        criterion, best = leaves[key], bests[key]
        given = inputs.targets.get((unit, key))
        target = None if given is None else Fraction(given)
        points[(unit, key)] = {
            assessor: criterion_points_exact(criterion, value=value, target=target, best=best)
            for assessor, value in by_assessor.items()
        }
        combined[(unit, key)] = criterion_points_exact(
            criterion, value=value_of[(unit, key)], target=target, best=best
        )
    return _Stage(by_assessor=dict(points), combined=combined)


def _bests(
    leaves: dict[str, Criterion], values: dict[tuple[str, str], Fraction]
) -> dict[str, Fraction]:
    """Per leaf, the best combined value among the units (RELATIVE_BEST)."""
    found: dict[str, list[Fraction]] = defaultdict(list)
    for (_, key), value in values.items():
        found[key].append(value)
    return {
        key: min(all_values) if leaves[key].lower_is_better else max(all_values)
        for key, all_values in found.items()
    }


def _not_applicable(inputs: Inputs) -> set[tuple[str, str]]:
    """(unit, leaf) pairs not applicable, a group marked N/A standing for all its leaves."""
    parent = {c.key: c.parent for c in inputs.scale.criteria}
    marked = inputs.not_applicable
    excluded: set[tuple[str, str]] = set()
    for unit in inputs.units:
        for key in parent:
            seen: set[str] = set()
            above: str | None = key
            while above is not None and above not in seen:
                if (unit, above) in marked:
                    excluded.add((unit, key))
                    break
                seen.add(above)
                above = parent.get(above)
    return excluded
