#!/usr/bin/env bash
# The whole test gate: lint, format, types, and every test (browser tests included) against a
# throwaway PostgreSQL. Exits non-zero on any failure; always stops the database it started.
set -uo pipefail
cd "$(dirname "$0")/.."
UV=$(scripts/ensure_uv.sh) || { echo "cannot install uv" >&2; exit 1; }
"$UV" sync --frozen --quiet || exit 1
scripts/install_test_deps.sh || exit 1

pgdir=$(mktemp -d /tmp/thidua-pg.XXXXXX)
trap 'scripts/pg_throwaway.sh stop "$pgdir"' EXIT
DATABASE_URL=$(scripts/pg_throwaway.sh start "$pgdir") || { cat "$pgdir"/*.log >&2; exit 1; }
export DATABASE_URL DJANGO_ALLOW_ASYNC_UNSAFE=true

status=0
echo "== ruff check";  "$UV" run --frozen ruff check . || status=1
echo "== ruff format"; "$UV" run --frozen ruff format --check . || status=1
echo "== mypy";        "$UV" run --frozen mypy thidua tests bench || status=1
echo "== import contract"; "$UV" run --frozen lint-imports || status=1
echo "== django checks"; "$UV" run --frozen python manage.py makemigrations --check --dry-run >/dev/null || { echo "missing migrations"; status=1; }
# In random order (pytest-randomly prints the seed; -p randomly --randomly-seed=N replays it),
# on up to four workers (pytest-xdist), each with its own test database.
workers=$(nproc 2>/dev/null || echo 1)
[ "$workers" -gt 4 ] && workers=4
[ "$workers" -lt 2 ] && workers=0
echo "== pytest (PostgreSQL $DATABASE_URL, $workers workers)"
"$UV" run --frozen pytest -n "$workers" "$@" || status=1
# A few dozen tests: one process is quicker than starting workers that each migrate.
echo "== pytest (SQLite): text folding, search and Vietnamese ordering"
DATABASE_URL="sqlite:///$pgdir/sqlite.db" "$UV" run --frozen pytest -q -p no:cacheprovider \
    tests/core tests/orgs/test_search_and_order.py || status=1
# `make demo` on its zero-setup database: migrate and load the whole demo into SQLite.
echo "== make demo's load on SQLite"
(DATABASE_URL="sqlite:///$pgdir/demo.sqlite3" "$UV" run --frozen python manage.py migrate -v 0 \
    && DATABASE_URL="sqlite:///$pgdir/demo.sqlite3" THIDUA_DEMO_KEYS_DIR="$pgdir/demo-keys" \
    "$UV" run --frozen python manage.py demo_load \
    >/dev/null) || { echo "the demo does not load on SQLite" >&2; status=1; }
exit $status
