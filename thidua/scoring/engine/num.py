"""Exact arithmetic for the scoring engine, kept out of Fraction in the hot loops.

A cluster's scores are Decimals with few places and its assessor counts are small, so every
combined score is an integer once multiplied by ``10**places * lcm(1..assessors) * 10**q``
(``q`` covers the scale's own constants). The engine works on such integers, and on
``(numerator, denominator)`` pairs where a division by a target or a best value makes them
impossible; Fraction is only built once per unit, for the totals.

Decimal's hash is slow, so scores are looked up by their text, which is cheap to make and hash.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction
from itertools import repeat
from operator import add, floordiv, itemgetter
from typing import cast

from thidua.scoring.engine.types import Method

_ZERO = Decimal(0)
# The same text as str() for the plain numbers scores are, and measurably cheaper to make.
_TEXT = Decimal.to_eng_string

# The engine's Decimal arithmetic only adds, multiplies and shifts, which is exact at this
# precision; the traps turn any surprise into an error rather than a silently rounded score.
EXACT = Context(
    prec=200, rounding=ROUND_HALF_UP, traps=[InvalidOperation, Inexact, DivisionByZero, Overflow]
)

Pair = tuple[int, int]  # the exact value numerator / denominator, denominator > 0
Num = int | Pair  # an int is a value multiplied by the scale in force where it is used


class NeedPlacesError(Exception):
    """A number has more decimal places than the scaling assumed; compute again with more."""

    def __init__(self, places: int) -> None:
        super().__init__(places)
        self.places = places


def places_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def as_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        decimal = value
    elif isinstance(value, int | str):
        decimal = Decimal(value)
    else:
        raise TypeError(f"expected a Decimal, got {value!r}")
    if not decimal.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return decimal


class Scaled(dict[str, int]):
    """Decimal text -> the value times ``10**places * factor``, exactly."""

    __slots__ = ("factor", "places")

    def __init__(self, places: int, factor: int) -> None:
        super().__init__()
        self.places = places
        self.factor = factor

    def __missing__(self, text: str) -> int:
        # Most texts are plain "123.45": read the digits directly, which is much cheaper.
        places = self.places
        if len(text) > places and text[-places - 1] == "." and "E" not in text:
            value = int(text.replace(".", "")) * self.factor
            self[text] = value
            return value
        head, _, tail = text.partition(".")
        digits = (head + tail).removeprefix("-")
        if len(tail) <= self.places and digits.isascii() and digits.isdigit():
            value = int(head + tail.ljust(self.places, "0")) * self.factor
            self[text] = value
            return value
        decimal = as_decimal(text)
        shifted = decimal.scaleb(self.places)
        whole = int(shifted)
        if whole != shifted:
            raise NeedPlacesError(places_of(decimal))
        value = whole * self.factor
        self[text] = value
        return value


_CENTS: dict[int, Decimal] = {}
_CENTS_LIMIT = 200_000


def from_cents(cents: int) -> Decimal:
    found = _CENTS.get(cents)
    if found is None:
        found = Decimal(cents).scaleb(-2)
        if len(_CENTS) < _CENTS_LIMIT:
            _CENTS[cents] = found
    return found


def cents(numerator: int, denominator: int) -> int:
    """numerator / denominator in hundredths, half away from zero (ROUND_HALF_UP)."""
    if numerator >= 0:
        return (200 * numerator + denominator) // (2 * denominator)
    return -((-200 * numerator + denominator) // (2 * denominator))


def round_pair(value: Pair) -> Decimal:
    return from_cents(cents(value[0], value[1]))


def round_fraction(value: Fraction) -> Decimal:
    return from_cents(cents(value.numerator, value.denominator))


class Rounded(dict[Num, Decimal]):
    """A scaled int (or an exact pair) -> its Decimal with two places; ints repeat, so cached."""

    __slots__ = ("scale",)

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale

    def __missing__(self, value: Num) -> Decimal:
        if isinstance(value, int):
            found = from_cents(cents(value, self.scale))
        else:
            found = from_cents(cents(value[0], value[1]))
        self[value] = found
        return found


def exact(value: Num, scale: int) -> Fraction:
    if isinstance(value, int):
        return Fraction(value, scale)
    return Fraction(*value)


def pair_add(total: Pair, value: Pair) -> Pair:
    """Over the least common denominator, so that long sums keep small numbers."""
    (num, den), (other, other_den) = total, value
    if den == other_den:
        return num + other, den
    common = math.gcd(den, other_den)
    return num * (other_den // common) + other * (den // common), den // common * other_den


def pair_sub(total: Pair, value: Pair) -> Pair:
    return pair_add(total, (-value[0], value[1]))


def pair_min(first: Pair, second: Pair) -> Pair:
    return first if first[0] * second[1] <= second[0] * first[1] else second


def pair_scale(value: Pair, factor: Fraction) -> Pair:
    return value[0] * factor.numerator, value[1] * factor.denominator


def lcm_upto(count: int) -> int:
    return math.lcm(*range(1, max(count, 1) + 1))


Picker = Callable[[Mapping[str, Decimal]], tuple[Decimal, ...]]


def picker(keys: Sequence[str]) -> Picker:
    """A function reading ``keys`` out of a mapping in one C call (KeyError if one is missing)."""
    if len(keys) > 1:
        return cast(Picker, itemgetter(*keys))
    if keys:
        only = keys[0]
        return lambda marks: (marks[only],)
    return lambda marks: ()


def _reduce(values: list[Decimal], method: Method, scaled: Scaled) -> int:
    """Combined value of one criterion, times the scale; exact because the scale holds
    lcm(1..count) and every division below is by at most ``count``."""
    count = len(values)
    if method == Method.MEDIAN and count > 1:
        ordered = sorted(values)
        middle = count // 2
        if count % 2:
            return scaled[str(ordered[middle])]
        return (scaled[str(ordered[middle - 1])] + scaled[str(ordered[middle])]) // 2
    if method == Method.TRIMMED_MEAN and count > 2:
        trimmed = scaled[str(sum(values))] - scaled[str(max(values))] - scaled[str(min(values))]
        return trimmed // (count - 2)
    return scaled[str(sum(values))] // count


def combine(
    maps: Sequence[Mapping[str, Decimal]],
    keys: Sequence[str],
    pick: Picker,
    method: Method,
    scaled: Scaled,
) -> tuple[list[int | None], bool]:
    """The assessors' numbers for ``keys`` combined by ``method`` and scaled, in the order of
    ``keys``, None where nobody gave one; and whether there is no None.

    The common case (every assessor filled in every key) runs as chains of ``map`` and ``zip``,
    which loop in C. Decimals are added first and only each sum becomes an integer, because
    adding is cheaper than converting.
    """
    maps = [one for one in maps if one]
    if not maps:
        return [None] * len(keys), not keys
    try:
        columns = [pick(one) for one in maps]
    except KeyError:
        ragged = _combine_ragged(maps, keys, method, scaled)
        return ragged, None not in ragged
    if (
        method == Method.MEAN
        or (method == Method.TRIMMED_MEAN and len(columns) < 3)
        or len(columns) == 1
    ):
        try:
            return _mean(columns, scaled, _TEXT), True
        except TypeError:  # ints among the Decimals, which to_eng_string refuses
            return _mean(columns, scaled, str), True
    combined: list[int | None] = [
        _reduce(list(values), method, scaled) for values in zip(*columns, strict=True)
    ]
    return combined, True


def _mean(
    columns: Sequence[tuple[Decimal, ...]], scaled: Scaled, text: Callable[[Decimal], str]
) -> list[int | None]:
    sums: Iterable[Decimal] = columns[0]
    for column in columns[1:]:
        sums = map(add, sums, column)
    found = map(scaled.__getitem__, map(text, sums))
    if len(columns) == 1:
        return list(found)
    return list(map(floordiv, found, repeat(len(columns))))


def _combine_ragged(
    maps: Sequence[Mapping[str, Decimal]], keys: Sequence[str], method: Method, scaled: Scaled
) -> list[int | None]:
    """Assessors who left some keys blank: each key is combined over those who filled it."""
    wanted = set(keys)
    lists: dict[str, list[Decimal]] = {}
    for one in maps:
        for key, value in one.items():
            if key in wanted:
                lists.setdefault(key, []).append(value)
    return [_reduce(lists[key], method, scaled) if key in lists else None for key in keys]


def combine_exact(values: Sequence[Fraction], method: Method) -> Fraction:
    """The same combination on Fractions, for the analytics and the reference helpers."""
    count = len(values)
    if count == 0:
        raise ValueError("nothing to combine")
    if method == Method.MEDIAN:
        ordered = sorted(values)
        middle = count // 2
        return ordered[middle] if count % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    if method == Method.TRIMMED_MEAN and count > 2:
        return (sum(values, Fraction(0)) - max(values) - min(values)) / (count - 2)
    return sum(values, Fraction(0)) / count
