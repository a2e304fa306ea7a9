"""Forms of the awards' pages, one module per page family: achievement records (``records``),
rounds (``rounds``), their deliberation and decision (``deciding``), the registry
(``registry``)."""

from thidua.awards.forms.records import (
    DisciplineEndForm,
    DisciplineForm,
    GrantForm,
    ImportForm,
    InitiativeForm,
    PendingCloseForm,
    PendingForm,
    UnitYearForm,
    YearForm,
)

__all__ = [
    "DisciplineEndForm",
    "DisciplineForm",
    "GrantForm",
    "ImportForm",
    "InitiativeForm",
    "PendingCloseForm",
    "PendingForm",
    "UnitYearForm",
    "YearForm",
]
