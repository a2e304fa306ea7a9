"""Close every plan stage whose deadline has passed. Idempotent: run it from cron."""

from typing import Any

from django.core.management.base import BaseCommand

from thidua.plans.services.plan import plans_close_due


class Command(BaseCommand):
    help = "Chuyển các kế hoạch đã quá hạn giai đoạn sang giai đoạn kế tiếp."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = plans_close_due()
        for plan in moved:
            self.stdout.write(f"{plan.pk}\t{plan.get_stage_display()}\t{plan.title}")
        self.stdout.write(f"{len(moved)}")
