"""Pages of indicators: reporting periods (``periods``), a unit's report (``reports``), the
good-practice library (``practices``)."""
