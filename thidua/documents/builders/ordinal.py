"""The width of a table's ordinal column ("TT", "STT") whatever the other columns.

Widths are relative, so an ordinal column given a fixed small share (0.6 of 9.8) shrinks as
the table gains columns, and below some 13 mm Word and LibreOffice wrap its header letter by
letter ("S" / "T" / "T"). "STT" in bold Times New Roman 14 is some 9.3 mm wide and a cell is
padded 1.9 mm each side: the column gets 15 mm of A4's 160 mm line, as a share of the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

ORDINAL_SHARE_OF_LINE = 15 / 160


def with_ordinal(widths: Sequence[float]) -> list[float]:
    """The relative ``widths`` of the other columns, the ordinal column first at its share."""
    rest = sum(widths)
    return [rest * ORDINAL_SHARE_OF_LINE / (1 - ORDINAL_SHARE_OF_LINE), *widths]
