"""What the scoring engine takes and gives: the scale, the sheets and the regulation's choices
in, the ranked units out.

The bottom of the engine: it imports nothing else of it, so every engine module uses these
enums and dataclasses themselves rather than copies of their values. The working structures of
a computation (the flattened plan, a unit's rows) stay with the module that computes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    GROUP = "group"  # inner node: its maximum is the sum of its children's maxima
    MANUAL = "manual"  # points entered within 0..maximum, on a step
    TARGET = "target"  # actual / target -> points, linear and capped, or by bands
    PASS_FAIL = "pass_fail"  # noqa: S105 - all or nothing: points are 0 or the maximum
    OCCURRENCE = "occurrence"  # +/- points per event, capped to 0..maximum
    RELATIVE_BEST = "relative_best"  # maximum * value / best value among the members


# The kinds scored from a measured value (``Sheet.values``) rather than from points.
VALUE_KINDS = (Kind.TARGET, Kind.OCCURRENCE, Kind.RELATIVE_BEST)


class Section(StrEnum):
    BASE = "base"  # counts toward the scale's maximum; rescaled when items are not applicable
    BONUS = "bonus"  # added on top, capped by the scale's bonus cap
    PENALTY = "penalty"  # subtracted, capped by the scale's penalty cap


class Stage(StrEnum):
    SELF = "self"
    PEER = "peer"
    HEAD = "head"
    DEPARTMENT = "department"  # the supervising department of the Central Commission
    APPRAISAL = "appraisal"  # the appraised score set in the explanation round


class Method(StrEnum):
    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"  # without the single highest and lowest, when 3+ assessors


class Combine(StrEnum):
    PRECEDENCE = "precedence"  # per criterion, the first stage in ``precedence`` that scored it
    WEIGHTED = "weighted"  # weighted mean of the stages that scored it; an appraisal replaces it


class TieRule(StrEnum):
    GROUP_HIGHER = "group_higher"  # more points in the named group (``TieBreak.group``)
    BONUS_HIGHER = "bonus_higher"
    PENALTY_LOWER = "penalty_lower"


@dataclass(frozen=True, slots=True)
class Band:
    """Achievement ratio at or above ``min_ratio`` earns ``share`` of the maximum."""

    min_ratio: Decimal  # 1 = 100 % of the target
    share: Decimal  # 0.8 = 80 % of the maximum


@dataclass(frozen=True, slots=True)
class Criterion:
    key: str  # stable code within the scale: "1", "1.2", "1.2.a"
    parent: str | None
    kind: Kind
    maximum: Decimal
    section: Section = Section.BASE
    step: Decimal | None = None  # MANUAL: points must be a multiple of it
    lower_is_better: bool = False  # TARGET and RELATIVE_BEST
    bands: tuple[Band, ...] = ()  # TARGET: empty means linear
    per_event: Decimal = Decimal(0)  # OCCURRENCE: signed points per event


@dataclass(frozen=True, slots=True)
class Scale:
    criteria: tuple[Criterion, ...]  # parents before children, in display order
    maximum: Decimal  # of the BASE section, e.g. 100
    bonus_cap: Decimal = Decimal(0)
    penalty_cap: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class TieBreak:
    rule: TieRule
    group: str = ""  # the criterion key for GROUP_HIGHER


@dataclass(frozen=True, slots=True)
class Config:
    """How a cluster's regulation combines the scores; configuration, not code."""

    peer_method: Method = Method.MEAN
    combine: Combine = Combine.PRECEDENCE
    precedence: tuple[Stage, ...] = (Stage.APPRAISAL, Stage.DEPARTMENT, Stage.HEAD, Stage.PEER)
    weights: Mapping[Stage, Decimal] = field(default_factory=dict)
    tie_breaks: tuple[TieBreak, ...] = ()


@dataclass(frozen=True, slots=True)
class Sheet:
    """One assessor's marks for one unit in one stage (self: assessor == unit)."""

    unit: str
    stage: Stage
    assessor: str
    points: Mapping[str, Decimal] = field(default_factory=dict)  # MANUAL, PASS_FAIL
    values: Mapping[str, Decimal] = field(default_factory=dict)  # TARGET, OCCURRENCE, RELATIVE_BEST


@dataclass(frozen=True, slots=True)
class Inputs:
    scale: Scale
    units: tuple[str, ...]
    sheets: Sequence[Sheet]
    config: Config = Config()
    targets: Mapping[tuple[str, str], Decimal] = field(default_factory=dict)  # (unit, criterion)
    not_applicable: frozenset[tuple[str, str]] = frozenset()  # (unit, criterion)


@dataclass(frozen=True, slots=True)
class UnitResult:
    unit: str
    rank: int  # competition ranking: 1, 1, 3
    total: Decimal
    base: Decimal  # after N/A rescaling
    bonus: Decimal
    penalty: Decimal  # a positive number, subtracted from the total
    tied_with: tuple[str, ...]
    tie_note: str  # which tie rule decided against the next unit, or "" (machine-readable)
    points: Mapping[str, Decimal]  # final points per criterion key, groups included
    stage_points: Mapping[tuple[str, Stage], Decimal]  # combined points per criterion and stage


@dataclass(frozen=True, slots=True)
class Result:
    ranking: tuple[UnitResult, ...]  # in rank order
