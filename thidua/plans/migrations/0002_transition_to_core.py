# The workflow history is core's now (core 0002 takes the table over): plans forgets the model
# without touching the table or its rows.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0001_initial'),
        ('core', '0002_transition'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Transition')],
            database_operations=[],
        ),
    ]
