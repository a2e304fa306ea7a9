"""Roll-up arithmetic of indicator values: pure, Decimal throughout, no Django import.

A share is rolled up as the ratio of the sums (Σx / Σy), never as the mean of the units'
percentages: a board with 20,000 posts weighs more than one with 2,000 (design.md, "Numbers").
Results are rounded half-up to two places only at the end; a percentage whose denominator is
zero, and a progress whose ratio is undefined, are ``None`` rather than a made-up number.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# Values carry 16 digits; sums over a whole sector and the x100 of a percentage need more
# than the default 28 before the final rounding.
PRECISION = 50


class Rule(StrEnum):
    """The roll-up rules; the values are those of ``indicators.models.RollUp``."""

    SUM = "sum"
    RATIO_OF_SUMS = "ratio_of_sums"
    MAX = "max"
    MIN = "min"
    NONE = "none"


class Better(StrEnum):
    """Which way is better; the values are those of ``indicators.models.Direction``."""

    HIGHER = "higher"
    LOWER = "lower"


@dataclass(frozen=True)
class Figure:
    """One unit's figure: x, and y for a share."""

    x: Decimal
    y: Decimal | None = None


@dataclass(frozen=True)
class Rolled:
    """A rolled-up value; numerator and denominator only for a ratio of sums."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class Change:
    """Year-on-year change: the difference (percentage points for shares) and, when the
    previous value is not zero, the relative change in percent."""

    delta: Decimal
    percent: Decimal | None


def cents(value: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percentage(x: Decimal, y: Decimal) -> Decimal | None:
    """x of y in percent, two places; ``None`` when y is zero."""
    if y == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return cents(x * HUNDRED / y)


def unit_value(figure: Figure, *, share: bool) -> Decimal | None:
    """What one unit's figure reads as: its percentage for a share, x otherwise."""
    if not share:
        return cents(figure.x)
    if figure.y is None:
        return None
    return percentage(figure.x, figure.y)


def roll_up(rule: str, figures: Sequence[Figure]) -> Rolled:
    """The value of several units' figures under ``rule``.

    For a ratio of sums, a figure without a denominator cannot take part and is left out of
    both sums (the report services refuse such a figure; this keeps old rows from skewing).
    """
    rule = Rule(rule)
    if rule is Rule.NONE or not figures:
        return Rolled(None)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        if rule is Rule.SUM:
            return Rolled(cents(sum((f.x for f in figures), Decimal(0))))
        if rule is Rule.MAX:
            return Rolled(cents(max(f.x for f in figures)))
        if rule is Rule.MIN:
            return Rolled(cents(min(f.x for f in figures)))
        shares = [f for f in figures if f.y is not None]
        if not shares:
            return Rolled(None)
        numerator = sum((f.x for f in shares), Decimal(0))
        denominator = sum((f.y for f in shares if f.y is not None), Decimal(0))
        return Rolled(percentage(numerator, denominator), cents(numerator), cents(denominator))


def roll_up_target(rule: str, targets: Sequence[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """The target of several units, from each unit's (target, denominator).

    Only when every unit has a target: a total compared with part of the targets would look
    better than it is. Shares weigh each unit's target percentage by its denominator, so the
    rolled-up target is the share that the units' targets together imply (Σ t·y / Σ y).
    """
    rule = Rule(rule)
    if rule is Rule.NONE or not targets:
        return None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        if rule is Rule.SUM:
            return cents(sum((t for t, _ in targets), Decimal(0)))
        if rule is Rule.MAX:
            return cents(max(t for t, _ in targets))
        if rule is Rule.MIN:
            return cents(min(t for t, _ in targets))
        if any(y is None for _, y in targets):
            return None
        weight = sum((y for _, y in targets if y is not None), Decimal(0))
        if weight == 0:
            return None
        implied = sum((t * y for t, y in targets if y is not None), Decimal(0))
        return cents(implied / weight)


def progress(value: Decimal | None, target: Decimal | None, *, better: str) -> Decimal | None:
    """How far a value has come against its target, in percent (100 = met).

    Higher is better: value / target. Lower is better: target / value, so a unit that stays
    under its ceiling passes 100. For a share both are percentages, so this compares the
    percentage with the target percentage (5.3 % against 10 % is 53 %).
    """
    if value is None or target is None:
        return None
    numerator, denominator = (value, target) if Better(better) is Better.HIGHER else (target, value)
    if denominator == 0:
        return None
    return percentage(numerator, denominator)


def year_change(current: Decimal | None, previous: Decimal | None) -> Change | None:
    if current is None or previous is None:
        return None
    with localcontext() as ctx:
        ctx.prec = PRECISION
        delta = current - previous
        relative = None if previous == 0 else percentage(delta, abs(previous))
        return Change(cents(delta), relative)
