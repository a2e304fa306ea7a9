"""Writes of the achievement records: a person's or a unit's year, initiatives, discipline,
pending matters, grants entered from the paper archive, and the Excel import of a year.

Who may write: a board keeps its own staff's records and its own (``awards.access``), the
secretariat all. Each write runs in one transaction with its audit row.
"""

from thidua.awards.services.records.grants import grant_enter
from thidua.awards.services.records.matters import (
    discipline_add,
    discipline_end_set,
    pending_close,
    pending_open,
)
from thidua.awards.services.records.years import achievement_year_set, initiative_add

__all__ = [
    "achievement_year_set",
    "discipline_add",
    "discipline_end_set",
    "grant_enter",
    "initiative_add",
    "pending_close",
    "pending_open",
]
