"""Builders of commendation and votes: minutes, submission, achievement report, decision,
certificate."""

from thidua.documents.builders.awards import (  # noqa: F401  (each registers its builder)
    achievement,
    decision,
    deliberation,
    submission,
    vote_minutes,
)
from thidua.documents.builders.awards.certificate import certificate_fields

__all__ = ["certificate_fields"]
