"""The document benchmarks on a small scale: a 12-member cluster's summary report and the
sector's year-end roll-up, each with its floor of selector reads."""

import pytest

from bench.documents import document_cases
from tests.builders.clusters import board
from tests.builders.people import persona
from tests.builders.reports import indicator, period, report

pytestmark = pytest.mark.django_db


def test_the_summary_and_the_sector_rollup_are_timed_against_their_floors() -> None:
    persona("thuongtruc")
    trained = indicator("cadres_trained_or_retrained")
    year_end = period(2025)
    share = indicator("staff_streamlined_share")
    for code in ("01", "79", "31"):
        # A share near its whole: the copied year must keep x under y.
        report(board(code), year_end, {trained: 100, share: (300, 310)})
    summary, summary_docx, summary_floor, sector, sector_docx, sector_floor = document_cases(1)
    print(
        *[
            f"{r.name}: {r.median_ms:.0f} ms, {r.queries} queries; {r.notes}"
            for r in (summary, summary_docx, summary_floor, sector, sector_docx, sector_floor)
        ],
        sep="\n",
    )
    assert "of the floor" in summary.notes
    assert "goal 2 s" in summary.notes
    assert "goal 5 s" in sector.notes
    assert summary.queries > summary_floor.queries > 0
    assert sector_floor.queries > 0
    assert summary.repetitions == sector.repetitions == 1
    assert "KiB" in summary_docx.notes
    assert "KiB" in sector_docx.notes
