"""Builders of commendation and votes: minutes, submission, achievement report, decision,
certificate."""
