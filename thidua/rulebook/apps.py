from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "thidua.rulebook"
    verbose_name = "Văn bản, quy định thi đua, khen thưởng"
