"""Writes of the officer election: its two votes set up, and their result applied."""

from thidua.elections.services.election import (
    decision_text,
    election_apply,
    election_create,
)

__all__ = ["decision_text", "election_apply", "election_create"]
