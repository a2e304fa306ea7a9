import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.documents.tasks import run_task, task_claim

# How long an idle worker waits before looking at the queue again.
IDLE_SECONDS = 2.0


class Command(BaseCommand):
    help = "Chạy các việc nền trong hàng chờ (như dựng báo cáo tổng hợp toàn ngành)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Chạy hết các việc đang chờ rồi dừng."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            claimed = task_claim()
            if claimed is None:
                if options["once"]:
                    return
                time.sleep(IDLE_SECONDS)
                continue
            try:
                run_task(claimed.pk)
            except Exception as error:
                self.stderr.write(f"{claimed.pk}\t{error!r}")
            claimed.refresh_from_db()
            self.stdout.write(f"{claimed.pk}\t{claimed.kind}\t{claimed.status}")
