"""Reads of indicators, scoped to the user where they are not the sector's shared figures: the
catalogue and targets (``catalogue``), periods and reports (``reports``), good practices
(``practices``), roll-ups (``rollup``, ``rollup_terms``, over the ``scopes``), and the accepted
figures a point scale reads (``values``)."""
