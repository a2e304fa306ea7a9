"""Timing one benchmark: warm up, time each repetition, then count its SQL queries apart."""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.db import connection
from django.test.utils import CaptureQueriesContext

T = TypeVar("T")


@dataclass(frozen=True)
class Result:
    name: str
    repetitions: int
    median_ms: float
    p95_ms: float
    queries: int
    notes: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: with few repetitions p95 is the slowest run, never a blend."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def measure(
    name: str,
    action: Callable[[], T],
    *,
    repetitions: int,
    notes: Callable[[T], str] = lambda _: "",
    warmup: int = 1,
) -> Result:
    """Time ``action`` ``repetitions`` times with ``time.perf_counter``.

    The warm-up runs fill Django's and PostgreSQL's caches so that the figures describe a
    running server. Queries are counted on one extra run, because capturing them makes Django
    wrap the cursor and would slow down the timed runs.
    """
    for _ in range(warmup):
        action()
    samples: list[float] = []
    for _ in range(repetitions):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        outcome = action()
    return Result(
        name=name,
        repetitions=repetitions,
        median_ms=statistics.median(samples),
        p95_ms=percentile(samples, 0.95),
        queries=len(captured.captured_queries),
        notes=notes(outcome),
    )
