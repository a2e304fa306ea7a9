"""The log becomes several chains (streams), so writers stop queueing on one head row.

The events already written, and the one head row, get the stream "" (the single chain): their
hashes are computed as before, so the existing chain verifies unchanged. New events go to the
streams ``s00``… (see thidua/audit/chain.py).

The single head row was created with an explicit id, which left PostgreSQL's id sequence at
its start; it is moved past that row so the heads of the new streams can be inserted.
"""

from django.core.management.color import no_style
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def reset_head_ids(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    head = apps.get_model("audit", "AuditChainHead")
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [head]):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_append_only_trigger'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditchainhead',
            name='stream',
            field=models.CharField(default='', max_length=16, unique=True),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='stream',
            field=models.CharField(blank=True, default='', max_length=16, verbose_name='luồng'),
        ),
        migrations.RunPython(reset_head_ids, migrations.RunPython.noop),
    ]
