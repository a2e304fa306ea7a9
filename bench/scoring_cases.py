"""Scoring benchmarks: the pure engine on one busy cluster and on a whole sector year, and the
floor a database sets for the same rows (a GROUP BY over them in PostgreSQL).

The data is synthetic and seeded: a 100-criterion scale in 8 groups with every kind of
criterion, scores as fresh Decimals (as a database read makes them), inputs built before the
timer starts. ``scoring_cases`` returns ``bench.timing.Result`` rows like the other benchmarks.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator, Sequence
from decimal import Decimal

from django.db import connection

from bench.timing import Result, measure
from thidua.scoring.engine.compute import compute
from thidua.scoring.engine.types import Band, Criterion, Inputs, Kind, Scale, Section, Sheet, Stage

SEED = 20251
SECTOR_UNITS = 3_400
CLUSTER_SIZES = (10, 20)
BUSY_CLUSTER = 12
APPRAISED_SHARE = 0.3  # units whose explanation round changed a few scores
APPRAISED_CRITERIA = 5
MAX_SECTOR_REPETITIONS = 5  # one repetition already computes the whole sector


def bench_scale() -> Scale:
    """6 base groups (90 leaves, 100 points), a bonus group and a penalty group (5 leaves each)."""
    criteria: list[Criterion] = []
    kinds = (
        [Kind.MANUAL] * 70
        + [Kind.PASS_FAIL] * 6
        + [Kind.TARGET] * 6
        + [Kind.OCCURRENCE] * 4
        + [Kind.RELATIVE_BEST] * 4
    )
    for group in range(6):
        members = list(range(group * 15, group * 15 + 15))
        maxima = [Decimal(2) if index % 9 == 0 else Decimal(1) for index in members]
        criteria.append(Criterion(f"{group + 1}", None, Kind.GROUP, sum(maxima, Decimal(0))))
        for index, maximum in zip(members, maxima, strict=True):
            criteria.append(
                _leaf(f"{group + 1}.{index + 1}", f"{group + 1}", kinds[index], maximum)
            )
    for number, section in ((7, Section.BONUS), (8, Section.PENALTY)):
        criteria.append(Criterion(f"{number}", None, Kind.GROUP, Decimal(10), section=section))
        for index in range(5):
            kind = Kind.OCCURRENCE if section is Section.PENALTY and index >= 3 else Kind.MANUAL
            criteria.append(
                Criterion(
                    f"{number}.{index + 1}",
                    f"{number}",
                    kind,
                    Decimal(2),
                    section=section,
                    step=Decimal("0.25") if kind is Kind.MANUAL else None,
                    per_event=Decimal("0.5"),
                )
            )
    return Scale(tuple(criteria), Decimal(100), Decimal(5), Decimal(5))


def _leaf(key: str, parent: str, kind: Kind, maximum: Decimal) -> Criterion:
    number = int(key.split(".")[1])
    if kind is Kind.TARGET and number % 2:
        bands = (Band(Decimal("1"), Decimal("1")), Band(Decimal("0.8"), Decimal("0.6")))
        return Criterion(key, parent, kind, maximum, bands=bands)
    if kind is Kind.OCCURRENCE:
        per_event = Decimal("0.25") if number % 2 else Decimal("-0.25")
        return Criterion(key, parent, kind, maximum, per_event=per_event)
    step = Decimal("0.25") if kind is Kind.MANUAL else None
    return Criterion(key, parent, kind, maximum, step=step, lower_is_better=number % 3 == 0)


def _sheet(
    rng: random.Random, scale: Scale, unit: str, stage: Stage, assessor: str, only: int = 0
) -> Sheet:
    """A sheet scoring every leaf (or the first ``only`` leaves), with fresh Decimals."""
    points: dict[str, Decimal] = {}
    values: dict[str, Decimal] = {}
    leaves = [c for c in scale.criteria if c.kind is not Kind.GROUP]
    for criterion in leaves[:only] if only else leaves:
        if criterion.kind is Kind.MANUAL:
            quarters = int(criterion.maximum * 4)
            points[criterion.key] = Decimal(f"{rng.randint(quarters // 2, quarters) / 4:.2f}")
        elif criterion.kind is Kind.PASS_FAIL:
            points[criterion.key] = Decimal(str(criterion.maximum if rng.random() < 0.8 else 0))
        elif criterion.kind is Kind.OCCURRENCE:
            values[criterion.key] = Decimal(rng.randint(0, 5))
        else:
            values[criterion.key] = Decimal(f"{rng.uniform(50, 150):.2f}")
    return Sheet(unit=unit, stage=stage, assessor=assessor, points=points, values=values)


def cluster_inputs(
    rng: random.Random, scale: Scale, units: Sequence[str], peers: Sequence[int]
) -> Inputs:
    """Self sheets, ``peers[i]`` peer sheets for unit i (from the next members in turn), and an
    appraisal of a few criteria for some units."""
    sheets: list[Sheet] = []
    targets: dict[tuple[str, str], Decimal] = {}
    target_keys = [c.key for c in scale.criteria if c.kind is Kind.TARGET]
    for index, unit in enumerate(units):
        sheets.append(_sheet(rng, scale, unit, Stage.SELF, unit))
        for step in range(1, peers[index] + 1):
            assessor = units[(index + step) % len(units)]
            sheets.append(_sheet(rng, scale, unit, Stage.PEER, assessor))
        if rng.random() < APPRAISED_SHARE:
            sheets.append(_sheet(rng, scale, unit, Stage.APPRAISAL, "council", APPRAISED_CRITERIA))
        for key in target_keys:
            targets[(unit, key)] = Decimal(rng.randrange(90, 130))
    return Inputs(scale=scale, units=tuple(units), sheets=sheets, targets=targets)


def score_count(inputs: Inputs) -> int:
    return sum(len(sheet.points) + len(sheet.values) for sheet in inputs.sheets)


def busy_cluster() -> Inputs:
    """One cluster in which every member scores every other member on every leaf."""
    rng = random.Random(SEED)
    units = [f"U{index:02d}" for index in range(BUSY_CLUSTER)]
    return cluster_inputs(rng, bench_scale(), units, [BUSY_CLUSTER - 1] * BUSY_CLUSTER)


def sector_year() -> list[Inputs]:
    """About 3,400 units in clusters of 10-20; each unit has 3 or 4 assigned peers."""
    rng = random.Random(SEED + 1)
    scale = bench_scale()
    clusters: list[Inputs] = []
    made = 0
    while made < SECTOR_UNITS:
        remaining = SECTOR_UNITS - made
        size = rng.randint(*CLUSTER_SIZES)
        if remaining - size < CLUSTER_SIZES[0]:  # leave no cluster smaller than the smallest
            size = remaining if remaining <= CLUSTER_SIZES[1] else remaining - CLUSTER_SIZES[0]
        units = [f"U{made + index:04d}" for index in range(size)]
        peers = [3 + ((made + index) % 5 < 2) for index in range(size)]
        clusters.append(cluster_inputs(rng, scale, units, peers))
        made += size
    return clusters


def _rows(clusters: Sequence[Inputs]) -> Iterator[tuple[int, int, str, int, Decimal]]:
    """The sector's scores as table rows: unit, criterion, stage, assessor, points."""
    number = {key: index for index, key in enumerate(c.key for c in clusters[0].scale.criteria)}
    for inputs in clusters:
        for sheet in inputs.sheets:
            unit = int(sheet.unit[1:])
            assessor = int(sheet.assessor[1:]) if sheet.assessor.startswith("U") else 0
            for marks in (sheet.points, sheet.values):
                for key, points in marks.items():
                    yield unit, number[key], sheet.stage.value, assessor, points


def _compute_all(clusters: Sequence[Inputs]) -> int:
    return sum(len(compute(inputs).ranking) for inputs in clusters)


def scoring_cases(repetitions: int) -> list[Result]:
    cluster = busy_cluster()
    busy = measure(
        f"scoring compute, 1 cluster × {BUSY_CLUSTER}, all peers",
        lambda: compute(cluster),
        repetitions=repetitions,
        notes=lambda result: f"{score_count(cluster):,} scores, {len(result.ranking)} units",
    )
    clusters = sector_year()
    scores = sum(score_count(inputs) for inputs in clusters)
    sector = measure(
        f"scoring compute, sector year ({len(clusters)} clusters)",
        lambda: _compute_all(clusters),
        repetitions=min(repetitions, MAX_SECTOR_REPETITIONS),
        notes=lambda units: f"{scores:,} scores, {units:,} units; target < 1 s",
        warmup=0,
    )
    busy = dataclasses.replace(busy, notes=f"{busy.notes}; target < 30 ms")
    return [busy, sector, database_floor(clusters, scores, repetitions)]


def database_floor(clusters: Sequence[Inputs], scores: int, repetitions: int) -> Result:
    """The same rows summed by PostgreSQL: what reading the scores alone would cost."""
    query = "SELECT unit, stage, SUM(points) FROM bench_scores GROUP BY unit, stage"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_scores (unit int, criterion int, stage text,"
            " assessor int, points numeric(9,2))"
        )
        try:
            with cursor.copy(
                "COPY bench_scores (unit, criterion, stage, assessor, points) FROM STDIN"
            ) as copy:
                for row in _rows(clusters):
                    copy.write_row(row)
            cursor.execute("ANALYZE bench_scores")

            def run() -> int:
                cursor.execute(query)
                return len(cursor.fetchall())

            result = measure(
                "scoring floor: PostgreSQL GROUP BY unit, stage",
                run,
                repetitions=min(repetitions, MAX_SECTOR_REPETITIONS),
                notes=lambda groups: f"{scores:,} scores → {groups:,} sums",
            )
        finally:
            cursor.execute("DROP TABLE IF EXISTS bench_scores")
    return result
