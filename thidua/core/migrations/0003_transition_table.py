# The workflow history's table and index take core's names; the rows stay where they are
# (a rename, not a copy).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_transition'),
        ('plans', '0002_transition_to_core'),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='transition',
            new_name='core_transi_object__29134d_idx',
            old_name='plans_trans_object__9d86da_idx',
        ),
        migrations.AlterModelTable(
            name='transition',
            table=None,
        ),
    ]
