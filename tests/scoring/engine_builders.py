"""Builders shared by the scoring engine tests: criteria, sheets and a compute() shortcut."""

from collections.abc import Sequence
from decimal import Decimal

from thidua.scoring.engine.compute import compute
from thidua.scoring.engine.types import Criterion, Inputs, Kind, Scale, Sheet, Stage, UnitResult

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
