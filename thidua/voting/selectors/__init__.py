"""Reads of the voting app, scoped to the asking user."""

from thidua.voting.selectors.votes import (
    ballot_list,
    minutes_data,
    receipt_for,
    record_for,
    vote_get_for,
    vote_list_for,
)

__all__ = [
    "ballot_list",
    "minutes_data",
    "receipt_for",
    "record_for",
    "vote_get_for",
    "vote_list_for",
]
