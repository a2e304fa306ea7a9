#!/usr/bin/env bash
# The benchmarks (bench/): national-scale synthetic data in a throwaway PostgreSQL, then a table
# of timings. Never part of `make test`. Arguments go to `python -m bench.run` (e.g. --quick);
# through make, pass them as BENCH_ARGS: `make bench BENCH_ARGS=--quick`.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=$(scripts/ensure_uv.sh) || { echo "cannot install uv" >&2; exit 1; }

pgdir=$(mktemp -d /tmp/thidua-bench-pg.XXXXXX)
trap 'scripts/pg_throwaway.sh stop "$pgdir"' EXIT
DATABASE_URL=$(scripts/pg_throwaway.sh start "$pgdir") || { cat "$pgdir"/*.log >&2; exit 1; }
export DATABASE_URL

read -r -a extra_args <<<"${BENCH_ARGS:-}"
"$UV" run --frozen python -m bench.run "${extra_args[@]}" "$@"
