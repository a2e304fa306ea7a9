"""Reads of the awards, by topic: judging a submitted case (``judging``), the stored history of
a person or unit (``history``), rounds (``rounds``) and the registry (``registry``)."""

from thidua.awards.selectors.judging import (
    award_rules,
    catalogue,
    catalogue_for,
    eligibility_for,
    say,
)

__all__ = ["award_rules", "catalogue", "catalogue_for", "eligibility_for", "say"]
