# Each criterion's indicator code becomes the key of that indicator. A code the catalogue does
# not hold is refused, every one of them named, rather than dropped: a scale would silently
# stop reading the figure it was written to read.

from django.db import migrations


def codes_to_keys(apps, schema_editor):
    Criterion = apps.get_model('plans', 'Criterion')
    Indicator = apps.get_model('indicators', 'Indicator')
    linked = list(Criterion.objects.exclude(indicator_code='').select_related('scale__plan'))
    catalogue = dict(Indicator.objects.values_list('code', 'pk'))
    unknown = [c for c in linked if c.indicator_code not in catalogue]
    if unknown:
        lines = '\n'.join(
            f'  kế hoạch #{c.scale.plan_id} “{c.scale.plan.title}”, thang điểm v{c.scale.version}, '
            f'tiêu chí {c.code}: “{c.indicator_code}”'
            for c in unknown
        )
        raise RuntimeError(
            'Các tiêu chí sau gắn với chỉ tiêu không có trong danh mục:\n'
            f'{lines}\n'
            'Hãy nạp danh mục chỉ tiêu (manage.py indicators_catalogue_load) hoặc bỏ liên kết '
            'của các tiêu chí này, rồi chạy lại migrate.'
        )
    for criterion in linked:
        criterion.indicator_id = catalogue[criterion.indicator_code]
    Criterion.objects.bulk_update(linked, ['indicator'], batch_size=1000)


def keys_to_codes(apps, schema_editor):
    Criterion = apps.get_model('plans', 'Criterion')
    linked = list(Criterion.objects.filter(indicator__isnull=False).select_related('indicator'))
    for criterion in linked:
        criterion.indicator_code = criterion.indicator.code
    Criterion.objects.bulk_update(linked, ['indicator_code'], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0001_initial'),
        ('plans', '0003_criterion_indicator'),
    ]

    operations = [migrations.RunPython(codes_to_keys, keys_to_codes)]
