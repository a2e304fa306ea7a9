"""A board's staff accounts in one Excel file: the template handed out, and its reading."""
