# The codes now live as keys (0004); the code column goes, and the database itself refuses a
# link on a criterion that is not scored from a figure.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0004_criterion_indicator_links'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='criterion',
            name='indicator_code',
        ),
        migrations.AddConstraint(
            model_name='criterion',
            constraint=models.CheckConstraint(condition=models.Q(('indicator__isnull', True), ('kind__in', ['occurrence', 'relative_best', 'target']), _connector='OR'), name='criterion_links_only_a_figure'),
        ),
    ]
