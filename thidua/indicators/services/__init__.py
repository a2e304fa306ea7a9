"""Every write to indicators, one module per topic: the catalogue load (``catalogue``),
reporting periods (``periods``), targets (``targets``), reports (``reports``, checked by the
rules of ``figures``), good practices (``practices``)."""
