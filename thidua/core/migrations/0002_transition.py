# The workflow history moved from plans to core: the model is taken over as it stands, rows and
# all, by state alone; 0003 then gives the table core's name.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('plans', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Transition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_type', models.CharField(max_length=60)),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('from_status', models.CharField(max_length=30)),
                        ('to_status', models.CharField(max_length=30)),
                        ('at', models.DateTimeField(auto_now_add=True)),
                        ('reason', models.TextField(blank=True)),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['at', 'id'],
                        'db_table': 'plans_transition',
                        'indexes': [models.Index(fields=['object_type', 'object_id'], name='plans_trans_object__9d86da_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
