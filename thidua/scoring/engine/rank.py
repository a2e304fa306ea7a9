"""Competition ranking on exact totals, with tie-break rules and visible ties."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Entry:
    unit: str
    total: Fraction
    rules: tuple[Fraction, ...]  # one per tie rule, oriented so that higher is better


@dataclass(frozen=True, slots=True)
class Placed:
    unit: str
    rank: int
    tied_with: tuple[str, ...]
    tie_note: str


def rank(entries: Sequence[Entry], rule_names: Sequence[str]) -> list[Placed]:
    """Units in rank order. Equal on the total and on every rule is a tie (ranks 1, 1, 3);
    the unit id only orders the tied units, so that the output does not depend on input order.
    """
    # Stable sorts: by unit id, then (descending) by total and rules, keeping ties by unit id.
    by_unit = sorted(entries, key=lambda e: e.unit)
    ordered = sorted(by_unit, key=lambda e: (e.total, e.rules), reverse=True)
    placed: list[Placed] = []
    start = 0
    while start < len(ordered):
        head = ordered[start]
        stop = start + 1
        while stop < len(ordered) and _equal(ordered[stop], head):
            stop += 1
        note = ""
        if stop < len(ordered) and ordered[stop].total == head.total:
            after = ordered[stop].rules
            decisive = next(i for i, value in enumerate(head.rules) if value != after[i])
            note = rule_names[decisive]
        members = sorted(entry.unit for entry in ordered[start:stop])
        for entry in ordered[start:stop]:
            others = tuple(unit for unit in members if unit != entry.unit)
            placed.append(Placed(entry.unit, start + 1, others, note))
        start = stop
    return placed


def _equal(first: Entry, second: Entry) -> bool:
    return first.total == second.total and first.rules == second.rules
