"""The engine's result as the JSON kept at publication and served by the API."""

from decimal import Decimal
from typing import Any

from thidua.scoring.engine.types import Result


def _text(value: Decimal) -> str:
    return f"{value:.2f}"


def result_payload(result: Result, *, scale_version: int) -> dict[str, Any]:
    """Units are ids as strings (the engine's keys); amounts are strings with two decimals."""
    return {
        "scale_version": scale_version,
        "ranking": [
            {
                "unit": row.unit,
                "rank": row.rank,
                "total": _text(row.total),
                "base": _text(row.base),
                "bonus": _text(row.bonus),
                "penalty": _text(row.penalty),
                "tied_with": list(row.tied_with),
                "tie_note": row.tie_note,
                "points": {code: _text(p) for code, p in row.points.items()},
                "stage_points": [
                    [code, str(stage), _text(p)] for (code, stage), p in row.stage_points.items()
                ],
            }
            for row in result.ranking
        ],
    }
