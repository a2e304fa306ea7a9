"""Builders of the year cycle: plan, covenant, results and indicator reports, roll-ups,
the summary report."""
