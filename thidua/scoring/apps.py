from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    verbose_name = "Chấm điểm"

    def ready(self) -> None:
        # The scoring stages' checks of who has not sent their sheets, for the plan's page.
        from thidua.scoring.selectors import laggards  # noqa: F401
