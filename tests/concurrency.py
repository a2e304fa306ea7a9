"""Two sessions at once on PostgreSQL: the harness of the race tests.

``race(first, second)`` runs each callable in a thread of its own, so each has its own database
connection. ``first`` runs inside a transaction that is kept open until ``second`` is either
waiting for a lock or finished; only then does ``first`` commit. So ``second`` always starts
while ``first``'s writes are done but not committed: what a double click, or two officials
acting on the same sheet, produce. Both outcomes come back, value or exception, with whether
``second`` had to wait.

The tests that use it need committed data (``transactional_db``), which Django empties when
each test ends; the suite's conftest loads the reference units again after each of them.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import pytest
from django.db import connection, transaction

T = TypeVar("T")
U = TypeVar("U")
TIMEOUT_S = 20.0
POLL_S = 0.01


@dataclass
class Outcome(Generic[T]):
    value: T | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Race(Generic[T, U]):
    first: Outcome[T]
    second: Outcome[U]
    second_waited: bool  # ``second`` was seen waiting for a lock that ``first`` held

    def errors(self) -> list[Exception]:
        return [e for e in (self.first.error, self.second.error) if e is not None]


def _waiting_for_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


def race(first: Callable[[], T], second: Callable[[], U]) -> Race[T, U]:
    """Run ``first`` (held open) and ``second`` at once, each on its own connection."""
    if connection.vendor != "postgresql":
        pytest.skip("the race tests need PostgreSQL's row locks")
    lined_up = threading.Barrier(2, timeout=TIMEOUT_S)
    first_done, release, second_done = threading.Event(), threading.Event(), threading.Event()
    one: Outcome[T] = Outcome()
    two: Outcome[U] = Outcome()
    pid: list[int] = []

    def run_first() -> None:
        try:
            lined_up.wait()
            with transaction.atomic():
                try:
                    one.value = first()
                finally:
                    first_done.set()
                # Keep the transaction, and every lock ``first`` took, until ``second`` waits.
                release.wait(TIMEOUT_S)
        except Exception as exc:
            one.error = exc
        finally:
            first_done.set()
            connection.close()

    def run_second() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid.append(cursor.fetchone()[0])
            lined_up.wait()
            first_done.wait(TIMEOUT_S)
            two.value = second()
        except Exception as exc:
            two.error = exc
        finally:
            second_done.set()
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    waited = False
    try:
        first_done.wait(TIMEOUT_S)
        deadline = time.monotonic() + TIMEOUT_S
        while not second_done.is_set() and time.monotonic() < deadline:
            if pid and _waiting_for_lock(pid[0]):
                waited = True
                break
            time.sleep(POLL_S)
    finally:
        release.set()
        for thread in threads:
            thread.join(TIMEOUT_S)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError("a session of the race did not finish")
    return Race(one, two, waited)
