"""Send the reminders before deadlines and the notices of acceptances and returns. Idempotent:
run it from cron after ``plans_close_due`` (see docs); nothing is ever sent twice."""

from typing import Any

from django.core.management.base import BaseCommand

from thidua.web.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Gửi thông báo nhắc hạn và thông báo chấp nhận, trả lại (chạy định kỳ)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = reminders_send()
        self.stdout.write(f"{run.reminders}\t{run.notices}")
