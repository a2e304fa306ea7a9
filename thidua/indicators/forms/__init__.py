"""Forms of the report pages (``reports``) and of the good-practice library (``practices``)."""
