from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "thidua.indicators"
    verbose_name = "Chỉ tiêu, báo cáo định kỳ"

    def ready(self) -> None:
        # A point scale may link a criterion only to an indicator of this catalogue.
        from thidua.indicators.models import Indicator
        from thidua.plans.indicator_links import indicator_lookup_register

        indicator_lookup_register(lambda code: Indicator.objects.filter(code=code).exists())
