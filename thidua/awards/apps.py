from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    verbose_name = "Danh hiệu, hình thức khen thưởng"

    def ready(self) -> None:
        # The rule book's registry answers for the award conditions too ("Thử áp dụng" and
        # POST /api/v1/rulebook/evaluate), without importing this app.
        from thidua.awards.selectors import award_rules
        from thidua.rulebook.engine.rules import RULES

        for evaluator in award_rules():
            RULES.register(evaluator)
