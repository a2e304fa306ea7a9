"""A cluster's sheets combined into one row per stage and unit, in the plan's leaf order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from thidua.scoring.engine.kinds import convert_column
from thidua.scoring.engine.num import Num, Scaled, combine
from thidua.scoring.engine.plan import Plan
from thidua.scoring.engine.types import Inputs, Kind, Sheet, Stage
from thidua.scoring.engine.units import StageRow

Rows = dict[Stage, dict[str, StageRow]]  # per stage, in the order given, and per unit


def sheets_by_stage_and_unit(inputs: Inputs) -> dict[tuple[Stage, str], list[Sheet]]:
    """Sheets of the ranked units. A second sheet from the same assessor for the same unit and
    stage is refused: which one counted would depend on the order they came in."""
    wanted = set(inputs.units)
    if len(wanted) != len(inputs.units):
        raise ValueError("a unit is listed twice")
    grouped: dict[tuple[Stage, str], list[Sheet]] = {}
    seen: set[tuple[str, Stage, str]] = set()
    for sheet in inputs.sheets:
        if sheet.unit not in wanted:
            continue
        ident = (sheet.unit, sheet.stage, sheet.assessor)
        if ident in seen:
            raise ValueError(f"two sheets from {sheet.assessor} for {sheet.unit} ({sheet.stage})")
        seen.add(ident)
        grouped.setdefault((sheet.stage, sheet.unit), []).append(sheet)
    return grouped


def not_applicable_leaves(inputs: Inputs, plan: Plan) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for unit, key in inputs.not_applicable:
        leaves = plan.leaves_under.get(key)
        if leaves:
            found.setdefault(unit, set()).update(leaves)
    return {unit: frozenset(keys) for unit, keys in found.items()}


def stage_rows(
    inputs: Inputs,
    grouped: Mapping[tuple[Stage, str], Sequence[Sheet]],
    plan: Plan,
    scaled: Scaled,
    scale: int,
    not_applicable: Mapping[str, frozenset[str]],
    stages: Sequence[Stage],
) -> Rows:
    """Per stage and unit, the combined points of every leaf, scaled by ``scale``."""
    method = inputs.config.peer_method
    points: dict[Stage, dict[str, tuple[list[int | None], bool]]] = {}
    values: dict[Stage, dict[str, list[int | None]]] = {}
    for (stage, unit), sheets in grouped.items():
        marks = [sheet.points for sheet in sheets]
        combined = combine(marks, plan.point_keys, plan.pick_points, method, scaled)
        points.setdefault(stage, {})[unit] = combined
        if plan.value_keys:
            marks = [sheet.values for sheet in sheets]
            found = combine(marks, plan.value_keys, plan.pick_values, method, scaled)[0]
            values.setdefault(stage, {})[unit] = found
    targets: dict[str, dict[str, int]] = {}
    measured = {leaf.key for leaf in plan.value_leaves if leaf.kind == Kind.TARGET}
    for (unit, key), target in inputs.targets.items():
        if key in measured:
            targets.setdefault(key, {})[unit] = scaled[str(target)]
    rows: Rows = {}
    for stage in stages:
        if stage in points:
            converted = _convert(plan, values.get(stage, {}), targets, not_applicable, scale)
            empty: list[Num | None] = [None] * len(plan.value_keys)
            rows[stage] = {
                unit: _row(head, complete, converted.get(unit, empty))
                for unit, (head, complete) in points[stage].items()
            }
    return rows


def _row(head: list[int | None], complete: bool, tail: list[Num | None]) -> StageRow:
    return head + tail, complete and None not in tail


def _convert(
    plan: Plan,
    values: Mapping[str, list[int | None]],
    targets: Mapping[str, Mapping[str, int]],
    not_applicable: Mapping[str, frozenset[str]],
    scale: int,
) -> dict[str, list[Num | None]]:
    """Value-kind points per unit, in the order of ``plan.value_keys``. A column at a time,
    because RELATIVE_BEST compares the units; N/A units take no part."""
    if not values or not plan.value_leaves:
        return {}
    units = list(values)
    columns = list(zip(*(values[unit] for unit in units), strict=True))
    converted = []
    for leaf, column in zip(plan.value_leaves, columns, strict=True):
        if not_applicable:
            column = tuple(
                None if leaf.key in not_applicable.get(unit, ()) else value
                for unit, value in zip(units, column, strict=True)
            )
        wanted = targets.get(leaf.key, {})
        goals = [wanted.get(unit) for unit in units] if leaf.kind == Kind.TARGET else column
        converted.append(convert_column(leaf, column, goals, scale, plan.q10))
    return {unit: list(row) for unit, row in zip(units, zip(*converted, strict=True), strict=True)}
