# A criterion links to the indicator catalogue by a real foreign key. This step adds the key
# beside the old code column; 0004 fills it from the codes, 0005 drops the codes. Three steps,
# because PostgreSQL refuses to alter a table with row updates pending in the same transaction.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0001_initial'),
        ('plans', '0002_transition_to_core'),
    ]

    operations = [
        migrations.AddField(
            model_name='criterion',
            name='indicator',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.indicator', verbose_name='chỉ tiêu báo cáo'),
        ),
    ]
