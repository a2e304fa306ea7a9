"""On PostgreSQL the database itself refuses to change or delete an issued document.

A draft may be rebuilt or deleted; once issued, the row (its number, content and files) is the
record and a correction is a new document naming the one it replaces. TRUNCATE fires no row
trigger, so the test suite may still empty its database between tests, as it does for the audit
log (tests/conftest.py). SQLite (the demo database) has no such guard: the services refuse it.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE OR REPLACE FUNCTION documents_refuse_issued_change() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'issued' THEN
        RAISE EXCEPTION 'documents_document %: an issued document is immutable, % refused',
            OLD.id, TG_OP;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER documents_issued_immutable
    BEFORE UPDATE OR DELETE ON documents_document
    FOR EACH ROW EXECUTE FUNCTION documents_refuse_issued_change();
"""
DROP = """
DROP TRIGGER IF EXISTS documents_issued_immutable ON documents_document;
DROP FUNCTION IF EXISTS documents_refuse_issued_change();
"""


def create_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
