"""The database side of a backup: a dump and its row counts from one snapshot, a restore.

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore``, with the connection of
``DATABASES['default']``; the password goes through ``PGPASSWORD``, never on a command line
(where ``ps`` shows it). The binaries are those on PATH, or in ``PG_BIN_DIR``.
SQLite: the file, copied with SQLite's online backup API (a consistent copy while the app runs).
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from thidua.audit.models import AuditChainHead


class DatabaseToolError(RuntimeError):
    """pg_dump or pg_restore failed, or cannot be found."""


@dataclass(frozen=True)
class Snapshot:
    tables: dict[str, int]
    audit_heads: dict[str, tuple[int, str]]


def _settings() -> dict[str, Any]:
    return connections[DEFAULT_DB_ALIAS].settings_dict


def vendor() -> str:
    return connections[DEFAULT_DB_ALIAS].vendor


def database_file_name() -> str:
    return "database.dump" if vendor() == "postgresql" else "database.sqlite3"


def table_counts() -> dict[str, int]:
    """Rows in every table of the database (the app's and Django's)."""
    connection = connections[DEFAULT_DB_ALIAS]
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            # The names come from the database's own catalogue, quoted.
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
            counts[table] = int(cursor.fetchone()[0])
    return counts


def audit_heads() -> dict[str, tuple[int, str]]:
    return {h.stream: (h.last_event_id, h.last_hash) for h in AuditChainHead.objects.all()}


def _tool(name: str) -> str:
    folder = getattr(settings, "PG_BIN_DIR", "") or os.environ.get("PG_BIN_DIR", "")
    found = str(Path(folder) / name) if folder else shutil.which(name)
    if not found or not Path(found).exists():
        raise DatabaseToolError(f"{name} not found (PATH or PG_BIN_DIR)")
    return found


def _pg_args() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore, and their environment (the password)."""
    params = _settings()
    args = ["--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args.append(f"{option}={params[key]}")
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise DatabaseToolError(f"{Path(command[0]).name}: {done.stderr.strip()[-2000:]}")


def database_dump(target: Path) -> Snapshot:
    """Dump the database to ``target``; the row counts and audit heads are read in the
    snapshot the dump is taken from, so they describe exactly what it holds."""
    if vendor() != "postgresql":
        return _sqlite_dump(target)
    connection = connections[DEFAULT_DB_ALIAS]
    args, env = _pg_args()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = str(cursor.fetchone()[0])
        snapshot = Snapshot(table_counts(), audit_heads())
        _run(
            [
                _tool("pg_dump"),
                *args,
                "--format=custom",
                f"--snapshot={snapshot_id}",
                f"--file={target}",
                f"--dbname={_settings()['NAME']}",
            ],
            env,
        )
    return snapshot


def _quoted(name: str) -> str:
    """A table name from sqlite_master, quoted for SQLite."""
    return '"' + name.replace('"', '""') + '"'


def _sqlite_dump(target: Path) -> Snapshot:
    source = sqlite3.connect(str(_settings()["NAME"]))
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    # Counted on the copy: it is what the archive holds.
    check = sqlite3.connect(str(target))
    try:
        names = [
            row[0]
            for row in check.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        tables = {
            n: int(check.execute(f"SELECT COUNT(*) FROM {_quoted(n)}").fetchone()[0])  # noqa: S608
            for n in names
        }
        heads = {
            str(s): (int(i), str(h))
            for s, i, h in check.execute(
                "SELECT stream, last_event_id, last_hash FROM audit_auditchainhead"
            )
        }
    finally:
        check.close()
    return Snapshot(tables, heads)


def database_is_empty() -> bool:
    """No row in any table but Django's record of its migrations."""
    return not any(count for table, count in table_counts().items() if table != "django_migrations")


def database_restore(source: Path) -> None:
    """Replace the database's contents with the dump at ``source``. Every connection of this
    process is closed first: a restore must not wait on (or be undone by) one of them."""
    connections.close_all()
    if vendor() != "postgresql":
        _sqlite_restore(source)
        return
    args, env = _pg_args()
    _run(
        [
            _tool("pg_restore"),
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={_settings()['NAME']}",
            str(source),
        ],
        env,
    )
    connections.close_all()


def _sqlite_restore(source: Path) -> None:
    saved = sqlite3.connect(str(source))
    live = sqlite3.connect(str(_settings()["NAME"]))
    try:
        saved.backup(live)
    finally:
        saved.close()
        live.close()
