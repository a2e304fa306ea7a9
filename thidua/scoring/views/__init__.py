"""The scoring pages, one module per page family: a plan's scoring home and the head's acts
(``plan``), score entry (``entry``), the explanation round (``explanation``), results, trace and
analytics (``results``), and the Excel round trip of a sheet (``excel``)."""
