"""Forms of the plan pages, one module per page family: the plan (``plan``), the scale builder
(``scale``), registration and the lists inside a board (``registration``)."""
