from typing import Any

from django.core.management.base import BaseCommand

from thidua.audit.services import audit_seal


class Command(BaseCommand):
    help = "Niêm phong nhật ký kiểm toán: ghi đầu của mọi luồng vào một sự kiện (chạy định kỳ)."

    def handle(self, *args: Any, **options: Any) -> None:
        seal = audit_seal()
        heads = (seal.after or {}).get("heads", {})
        self.stdout.write(f"Đã niêm phong {len(heads)} luồng tại sự kiện #{seal.pk}.")
