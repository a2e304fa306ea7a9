"""The sign-in pages: the password step and the second step (login), enrolment and the account's
security page (two_factor)."""
