"""Forms of the awards' pages, one module per page family: rounds (``rounds``), their
deliberation and decision (``deciding``), the registry (``registry``)."""
