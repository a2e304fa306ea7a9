"""Reads of plans, always for a user: the plan, its stages and scale versions (``plan``), what
the members prepare (``registration``), and how a plan reads on its page (``display``)."""
