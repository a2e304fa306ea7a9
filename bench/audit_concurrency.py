"""Audited writes at once: how much the audit chain's lock costs when many officials save.

Every service appends its audit event inside its own transaction, and appending locks the head
of the event's chain until the transaction commits. This benchmark runs ``WRITERS`` threads,
each on its own connection and its own unit, each saving the unit through the real service
(``unit_update``: lock the row, save it, append the event) one transaction after another, and
compares with floors measured in the same run:

- the **same writes without the audit event** (the row lock, the save, the commit), with as
  many writers: what the audit adds under concurrency;
- the **audited writes with one writer**: whether more writers get more done or queue;
- the **audited writes on one stream**, as the log was before it had streams (one head row
  for the whole system): what the streams buy.

Each load runs twice: as is, and with ``COMMIT_MS`` of waiting before the commit, inside the
transaction. The throwaway PostgreSQL of ``make bench`` runs with ``fsync`` off, so its commits
cost nothing; a production server flushes its log at each commit, and whatever holds a lock
until commit holds it for that long too.

Threads share Python's interpreter lock, but a thread waiting for PostgreSQL releases it, and
lock waits are what this measures. Figures: writes per second over the whole load, the median
and p95 (nearest rank) of one write's time, and the ratio of each to its floor.
"""

import contextlib
import dataclasses
import statistics
import threading
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from bench.timing import Result, percentile
from thidua.accounts.models import User
from thidua.audit.chain import DEFAULT_STREAMS, stream_of
from thidua.orgs.models import Unit, UnitKind
from thidua.orgs.services import unit_create, unit_update

WRITERS = 8
COMMIT_MS = 2.0
UNIT_CODE = "BENCH-AUDIT-{n}"


@dataclass(frozen=True)
class Load:
    writers: int
    audited: bool
    commit_ms: float
    streams: int = DEFAULT_STREAMS

    @property
    def name(self) -> str:
        what = "audited" if self.audited else "no audit"
        if self.audited and self.streams == 1:
            what += ", 1 stream"
        commit = f", commit +{self.commit_ms:g} ms" if self.commit_ms else ""
        return f"concurrent writes: {self.writers} × {what}{commit}"


@dataclass(frozen=True)
class Measured:
    load: Load
    per_second: float
    samples: list[float]
    queries: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95_ms(self) -> float:
        return percentile(self.samples, 0.95)


def _units(writers: int) -> list[Unit]:
    """One unit per writer, made for this benchmark, so no two writers touch the same row."""
    units = []
    for n in range(writers):
        code = UNIT_CODE.format(n=n)
        unit = Unit.objects.filter(code=code).first() or unit_create(
            actor=None, name=f"Đơn vị đo hiệu năng {n}", kind=UnitKind.OTHER, code=code
        )
        units.append(unit)
    return units


def _write(load: Load, actor: User, unit: Unit, n: int) -> None:
    """One write as a service makes it, in a transaction of its own."""
    with transaction.atomic():
        if load.audited:
            unit_update(actor=actor, unit=unit, short_name=f"Lần {n}")
        else:
            with transaction.atomic():  # the savepoint unit_update's own block makes
                locked = Unit.objects.select_for_update().get(pk=unit.pk)
                locked.short_name = f"Lần {n}"
                locked.save()
        if load.commit_ms:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(%s)", [load.commit_ms / 1000])


def _queries(load: Load, actor: User, unit: Unit) -> int:
    with CaptureQueriesContext(connection) as captured:
        _write(load, actor, unit, -1)
    return len(captured.captured_queries)


def _run(load: Load, actor: User, units: list[Unit], writes: int) -> Measured:
    with override_settings(AUDIT_STREAMS=load.streams):
        return _run_threads(load, actor, units, writes)


def _run_threads(load: Load, actor: User, units: list[Unit], writes: int) -> Measured:
    lined_up = threading.Barrier(load.writers + 1)
    samples: list[list[float]] = [[] for _ in range(load.writers)]
    failures: list[BaseException] = []

    def writer(index: int) -> None:
        try:
            _write(load, actor, units[index], -1)  # warm up: connection, caches
            lined_up.wait()
            for n in range(writes):
                started = time.perf_counter()
                _write(load, actor, units[index], n)
                samples[index].append((time.perf_counter() - started) * 1000)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
            lined_up.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(load.writers)]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):  # a writer failed: raised below
        lined_up.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise failures[0]
    return Measured(
        load,
        per_second=load.writers * writes / elapsed,
        samples=[s for writer_samples in samples for s in writer_samples],
        queries=_queries(load, actor, units[0]),
    )


def _result(measured: Measured, floors: dict[str, Measured]) -> Result:
    notes = [f"{measured.per_second:,.0f} writes/s"]
    for label, floor in floors.items():
        notes.append(
            f"vs {label}: ×{measured.per_second / floor.per_second:.2f} writes/s,"
            f" ×{measured.p95_ms / floor.p95_ms:.2f} p95"
        )
    return Result(
        name=measured.load.name,
        repetitions=len(measured.samples),
        median_ms=measured.median_ms,
        p95_ms=measured.p95_ms,
        queries=measured.queries,
        notes="; ".join(notes),
    )


def audit_concurrency_cases(actor: User, writes: int) -> list[Result]:
    """The loads, each with its ratios to the floors of the same commit time."""
    units = _units(WRITERS)
    spread = len({stream_of("orgs.unit", str(u.pk)) for u in units})
    results: list[Result] = []
    for commit_ms in (0.0, COMMIT_MS):
        bare, one, single, many = (
            _run(Load(writers, audited, commit_ms, streams), actor, units, writes)
            for writers, audited, streams in (
                (WRITERS, False, DEFAULT_STREAMS),
                (1, True, DEFAULT_STREAMS),
                (WRITERS, True, 1),
                (WRITERS, True, DEFAULT_STREAMS),
            )
        )
        floors = {"no audit": bare, "1 writer": one}
        streamed = _result(many, {**floors, "1 stream": single})
        results += [
            _result(bare, {}),
            _result(one, {}),
            _result(single, floors),
            dataclasses.replace(
                streamed,
                notes=f"{streamed.notes}; writers on {spread} of {DEFAULT_STREAMS} streams",
            ),
        ]
    return results
