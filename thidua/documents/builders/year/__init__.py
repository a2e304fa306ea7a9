"""Builders of the year cycle: plan, covenant, results and indicator reports, roll-ups,
the summary report."""

from thidua.documents.builders.year import plan, reports, results, summary

__all__ = ["plan", "reports", "results", "summary"]
