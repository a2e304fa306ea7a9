"""The row lock the ORM does not name: a shared one.

``select_for_update`` takes a row for oneself. A write that only depends on a row, such as a
mark on a sheet depending on the plan's stage, needs the opposite: many such writes may hold
the row at once, but nobody may change it (``plan_advance``, ``plan_publish`` lock it for
update) until they commit. That is PostgreSQL's ``FOR SHARE``.

Lock order, to keep clear of deadlocks: the plan first (shared or for update), then the row
being decided (a sheet, a registration, a dispute), then the audit chain (``audit_record``).
"""

from typing import Any

from django.db import connections, models, router


def share_lock(model: type[models.Model], pk: Any) -> None:
    """Hold the row of ``model`` with this key against change until the transaction ends
    (PostgreSQL only: SQLite, the demo database, takes one writer at a time anyway)."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("share_lock must run inside the transaction it protects")
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        # Names come from the model's metadata, never from input.
        cursor.execute(f"SELECT 1 FROM {table} WHERE {key} = %s FOR SHARE", [pk])  # noqa: S608
