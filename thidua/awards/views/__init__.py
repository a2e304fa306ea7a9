"""The awards' pages, by topic: the achievement records (``records``) and their Excel import
(``importing``)."""
