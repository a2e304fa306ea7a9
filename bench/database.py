"""The benchmark database: created when missing, refused when it already holds tables (unless
asked to drop it), then migrated. Only PostgreSQL: the figures are meant for production."""

from typing import Any

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from psycopg import sql


class BenchDatabaseError(RuntimeError):
    pass


def _connect(params: dict[str, Any], dbname: str) -> psycopg.Connection[Any]:
    return psycopg.connect(
        dbname=dbname,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        autocommit=True,
    )


def _table_count(params: dict[str, Any]) -> int:
    with _connect(params, params["NAME"]) as conn:
        row = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return int(row[0]) if row else 0


def prepare_database(*, recreate: bool) -> str:
    """Make DATABASE_URL's database exist and be empty, then migrate it; returns a description.

    A database that already has tables is refused, because ``python -m bench.run`` pointed at
    a real database by mistake must not fill it with synthetic data; ``recreate`` drops it.
    """
    params: dict[str, Any] = settings.DATABASES["default"]
    if params["ENGINE"] != "django.db.backends.postgresql":
        raise BenchDatabaseError(
            "The benchmarks need PostgreSQL: set DATABASE_URL=postgres://… or run `make bench`."
        )
    name = params["NAME"]
    with _connect(params, "postgres") as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and _table_count(params) > 0:
            if not recreate:
                raise BenchDatabaseError(
                    f"Database {name!r} already has tables; pass --recreate to drop it first."
                )
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    call_command("migrate", verbosity=0, interactive=False)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()
    return (
        f"PostgreSQL {version[0] if version else '?'} at {params['HOST']}:{params['PORT']}/{name}"
    )


def analyze() -> None:
    """Refresh the planner's statistics after the bulk load, as autovacuum would in time;
    otherwise the first plans are chosen for empty tables."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
