from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "thidua.plans"
    verbose_name = "Kế hoạch thi đua"
