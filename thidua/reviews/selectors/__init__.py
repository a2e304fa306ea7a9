"""Every read of the reviews app."""

from thidua.reviews.selectors.outcomes import PersonOutcome, SessionOutcomes, confidence_outcomes
from thidua.reviews.selectors.sessions import (
    organisable_units,
    rated_choices,
    session_get_for,
    sessions_for,
    unit_users,
)

__all__ = [
    "PersonOutcome",
    "SessionOutcomes",
    "confidence_outcomes",
    "organisable_units",
    "rated_choices",
    "session_get_for",
    "sessions_for",
    "unit_users",
]
