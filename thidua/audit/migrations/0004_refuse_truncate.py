"""On PostgreSQL the database refuses TRUNCATE of the audit log and of its head rows.

A row trigger does not see TRUNCATE, so the log could be emptied whole and then verified as
"0 events". A statement-level trigger refuses it, unless the session says on purpose that it
empties the whole database (``SET thidua.audit_truncate = 'allow'``): the test suite does so
to empty its database between tests (tests/conftest.py). Whoever owns the tables can still
lift the guard (or drop the trigger); the head rows and the signed checkpoint kept outside
the database (thidua/audit/checkpoint.py) catch what such a person removes.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLES = ("audit_auditevent", "audit_auditchainhead")

CREATE = """
CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('thidua.audit_truncate', true), '') = 'allow' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"""
CREATE TRIGGER {table}_no_truncate
    BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
"""
    for table in TABLES
)
DROP = "".join(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};\n" for table in TABLES) + (
    "DROP FUNCTION IF EXISTS audit_refuse_truncate();\n"
)


def create_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_streams")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
