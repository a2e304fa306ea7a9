"""Backup and restore of the whole app: the database and the evidence files, in one archive
with a manifest that lets a restore prove it brought back what was saved (``manage.py backup``,
``manage.py restore``)."""
