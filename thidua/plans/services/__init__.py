"""Every write to plans, one module per topic: the plan and its stages (``plan``), adoption of
a sector-wide plan (``adopt``), the point scale (``scale``), registrations, the covenant and the
lists inside a board (``registration``)."""
