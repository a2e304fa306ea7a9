from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "thidua.api"
    verbose_name = "API"
