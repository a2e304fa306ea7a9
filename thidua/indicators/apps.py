from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "thidua.indicators"
    verbose_name = "Chỉ tiêu, báo cáo định kỳ"
