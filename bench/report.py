"""Printing the figures as aligned tables and keeping them as JSON for later comparison."""

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.timing import Result

HEADERS = ("benchmark", "n", "median ms", "p95 ms", "queries", "notes")
# Columns after the first two hold numbers and read best right-aligned.
RIGHT_ALIGNED = {1, 2, 3, 4}


def _table(rows: Sequence[Sequence[str]], right_aligned: set[int]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in right_aligned else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def results_table(results: Sequence[Result]) -> str:
    rows = [HEADERS] + [
        (
            r.name,
            str(r.repetitions),
            f"{r.median_ms:,.2f}",
            f"{r.p95_ms:,.2f}",
            str(r.queries),
            r.notes,
        )
        for r in results
    ]
    return _table(rows, RIGHT_ALIGNED)


def counts_table(counts: Mapping[str, int]) -> str:
    rows = [("data", "rows")] + [(name, f"{value:,}") for name, value in counts.items()]
    return _table(rows, {1})


def seconds_table(seconds: Mapping[str, float]) -> str:
    rows = [("phase", "seconds")] + [(name, f"{value:,.1f}") for name, value in seconds.items()]
    return _table(rows, {1})


def write_json(path: Path, payload: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
