"""On PostgreSQL the database itself refuses two values of one rule in force on the same day.

An exclusion constraint over the key and the closed date range [valid_from, valid_to] (an empty
end is open: daterange's upper bound infinity). ``btree_gist`` lets a GiST index compare the key
with "="; it is a trusted extension, so the database owner may create it. SQLite (the demo
database) has no such constraint: there the service's check under its lock is the guard.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE rulebook_rule ADD CONSTRAINT rule_key_no_overlap EXCLUDE USING gist (
    key WITH =,
    daterange(valid_from, valid_to, '[]') WITH &&
);
"""
DROP = "ALTER TABLE rulebook_rule DROP CONSTRAINT IF EXISTS rule_key_no_overlap;"


def create_constraint(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_constraint(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("rulebook", "0001_initial")]
    operations = [migrations.RunPython(create_constraint, drop_constraint)]
