"""Pages of plans: the plan (``plan``), the scale builder (``builder``), registration and the
lists inside a board (``registration``), the covenant (``covenant``)."""
