from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của nhật ký kiểm toán, từng luồng; báo mắt xích hỏng đầu tiên."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if report.intact:
            self.stdout.write(
                f"OK: {report.checked} sự kiện trong {report.streams} luồng, chuỗi nguyên vẹn."
            )
            return
        raise CommandError(
            f"Chuỗi hỏng tại sự kiện #{report.broken_event_id} "
            f"(luồng “{report.stream}”, sau {report.checked} sự kiện hợp lệ): {report.reason}"
        )
