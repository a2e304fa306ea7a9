"""``python -m bench.run [--quick]``: build a fresh benchmark database on DATABASE_URL, fill it
with national-scale synthetic data, time the sector's main reads and print a table.

``make bench`` (scripts/bench.sh) runs this against a throwaway PostgreSQL.
"""

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import django

RESULTS_PATH = Path(__file__).resolve().parent / "results" / "latest.json"
FULL = {
    "audit_events": 20_000,
    "repetitions": 30,
    "chain_repetitions": 5,
    "writes": 60,
    "ballots": 500,
}
QUICK = {
    "audit_events": 2_000,
    "repetitions": 5,
    "chain_repetitions": 2,
    "writes": 15,
    "ballots": 100,
}
PREFERRED_TERM_YEAR = 2020


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer audit events and repetitions")
    parser.add_argument("--audit-events", type=int, help="audit events to generate")
    parser.add_argument("--repetitions", type=int, help="timed runs per benchmark")
    parser.add_argument(
        "--recreate", action="store_true", help="drop the database first if it has tables"
    )
    parser.add_argument("--json", type=Path, default=RESULTS_PATH, help="where to write results")
    return parser.parse_args(argv)


def _say(message: str) -> None:
    print(message, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    profile = QUICK if args.quick else FULL
    audit_events = args.audit_events if args.audit_events is not None else profile["audit_events"]
    repetitions = args.repetitions or profile["repetitions"]

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    # Production runs with DEBUG off; with it on, Django would also log every query in memory,
    # which slows both generation and the timed reads.
    os.environ.setdefault("DEBUG", "0")
    django.setup()
    # Imported after setup: they import the project's models.
    from bench.audit_concurrency import audit_concurrency_cases
    from bench.award_cases import award_cases
    from bench.cases import MERGED_BOARD_CODE, Plan, run_all
    from bench.database import BenchDatabaseError, analyze, prepare_database
    from bench.documents import document_cases
    from bench.generate import DEFAULT_YEARS, generate, officer_username
    from bench.generate_indicators import generate_indicators
    from bench.indicator_cases import indicator_cases
    from bench.report import counts_table, results_table, seconds_table, write_json
    from bench.scoring_cases import scoring_cases
    from bench.vote_cases import vote_cases
    from thidua.accounts.models import User

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    try:
        where = prepare_database(recreate=args.recreate)
    except BenchDatabaseError as exc:
        print(exc, file=sys.stderr)
        return 2
    seconds["create and migrate"] = time.perf_counter() - started
    _say(f"Database: {where}")

    years = DEFAULT_YEARS
    _say(f"Generating {years[0]}–{years[-1]} with {audit_events:,} audit events…")
    phase = time.perf_counter()
    counts = generate(years=years, audit_events=audit_events)
    seconds["generate"] = time.perf_counter() - phase
    _say("Generating the indicator reports of every board and commune…")
    phase = time.perf_counter()
    counts |= generate_indicators(years=years)
    seconds["generate indicators"] = time.perf_counter() - phase
    phase = time.perf_counter()
    analyze()
    seconds["analyze"] = time.perf_counter() - phase

    _say(f"Timing ({repetitions} repetitions each)…")
    phase = time.perf_counter()
    term_year = PREFERRED_TERM_YEAR if PREFERRED_TERM_YEAR in years else years[len(years) // 2]
    results = run_all(
        Plan(
            repetitions=repetitions,
            chain_repetitions=profile["chain_repetitions"],
            term_year=term_year,
        )
    )
    results += scoring_cases(repetitions)
    indicators = indicator_cases(repetitions, years)
    results += indicators.results
    results += award_cases(repetitions)
    writer = User.objects.get(username=officer_username(MERGED_BOARD_CODE))
    results += audit_concurrency_cases(writer, profile["writes"])
    results += vote_cases(repetitions, ballots=profile["ballots"])
    results += document_cases(repetitions)
    seconds["benchmarks"] = time.perf_counter() - phase
    seconds["total"] = time.perf_counter() - started

    _say("")
    _say(counts_table(counts))
    _say("")
    _say(results_table(results))
    for note in indicators.skipped:
        _say(f"Skipped: {note}")
    _say("")
    _say(seconds_table(seconds))
    write_json(
        args.json,
        {
            "finished_at": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
            "quick": args.quick,
            "database": where,
            "python": platform.python_version(),
            "django": django.get_version(),
            "repetitions": repetitions,
            "counts": counts,
            "seconds": {name: round(value, 2) for name, value in seconds.items()},
            "results": [result.as_dict() for result in results],
            "skipped": indicators.skipped,
        },
    )
    _say(f"\nResults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
