"""The documents' texts as the tests compare them. A document keeps each percentage's sign on
its line with a no-break space ("5,30\u00a0%"); the tests read it as the plain space a reader
sees, so their expected texts stay as written ("5,30 %")."""

from __future__ import annotations

import dataclasses

from thidua.documents.content import Table
from thidua.documents.numbers import NBSP


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def plain_table(table: Table) -> Table:
    return dataclasses.replace(
        table,
        columns=[plain(c) for c in table.columns],
        rows=[[plain(cell) for cell in row] for row in table.rows],
        caption=plain(table.caption),
    )
