"""Consistency checks of a point scale, before it is published."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, InvalidOperation, localcontext

from thidua.scoring.engine.types import Criterion, Kind, Scale, Section


def scale_problems(scale: Scale) -> list[tuple[str, str]]:
    """(criterion key, reason code) for each inconsistency; the key is "" for the whole scale.

    Codes: duplicate_key, unknown_parent, parent_after_child, parent_not_group,
    section_mismatch, empty_group, group_maximum (not the sum of its children's), base_total
    (base leaves do not add up to the scale's maximum), negative_cap, negative_maximum,
    bad_step, maximum_off_step, per_event_zero, bad_band.
    """
    problems: list[tuple[str, str]] = []
    every_key = {c.key for c in scale.criteria}
    seen: dict[str, Criterion] = {}
    children: dict[str, Decimal] = {}
    for c in scale.criteria:
        if c.key in seen:
            problems.append((c.key, "duplicate_key"))
            continue
        parent = seen.get(c.parent) if c.parent is not None else None
        if c.parent is not None and parent is None:
            known = c.parent in every_key
            problems.append((c.key, "parent_after_child" if known else "unknown_parent"))
        elif parent is not None and parent.kind != Kind.GROUP:
            problems.append((c.key, "parent_not_group"))
        elif parent is not None and parent.section != c.section:
            problems.append((c.key, "section_mismatch"))
        if c.parent is not None:
            children[c.parent] = children.get(c.parent, Decimal(0)) + c.maximum
        seen[c.key] = c
        problems.extend((c.key, reason) for reason in _criterion_problems(c))
    for c in seen.values():
        if c.kind == Kind.GROUP and c.key not in children:
            problems.append((c.key, "empty_group"))
        elif c.kind == Kind.GROUP and children[c.key] != c.maximum:
            problems.append((c.key, "group_maximum"))
    leaves = [c for c in seen.values() if c.kind != Kind.GROUP and c.section == Section.BASE]
    if sum((c.maximum for c in leaves), Decimal(0)) != scale.maximum:
        problems.append(("", "base_total"))
    if scale.bonus_cap < 0 or scale.penalty_cap < 0:
        problems.append(("", "negative_cap"))
    return problems


def _criterion_problems(c: Criterion) -> list[str]:
    found: list[str] = []
    if c.maximum < 0:
        found.append("negative_maximum")
    if c.kind == Kind.MANUAL and c.step is not None:
        if c.step <= 0:
            found.append("bad_step")
        elif c.maximum % c.step != 0:
            found.append("maximum_off_step")
    if c.kind == Kind.OCCURRENCE and c.per_event == 0:
        found.append("per_event_zero")
    if any(b.min_ratio < 0 or not 0 <= b.share <= 1 for b in c.bands):
        found.append("bad_band")
    return found


# Exact remainders of the numbers people type in; an inexact one would be an error.
_REMAINDER = Context(prec=200, rounding=ROUND_HALF_UP, traps=[InvalidOperation, Inexact])


def validate_points(criterion: Criterion, points: Decimal) -> str | None:
    """None when ``points`` may be entered for ``criterion``, else a machine reason code."""
    if not points.is_finite():
        return "not_finite"
    if points < 0:
        return "negative"
    if points > criterion.maximum:
        return "above_max"
    if criterion.kind == Kind.PASS_FAIL and points not in (0, criterion.maximum):
        return "not_pass_fail"
    step = criterion.step
    if criterion.kind == Kind.MANUAL and step is not None and step > 0:
        with localcontext(_REMAINDER):
            if points % step != 0:
                return "off_step"
    return None
