from typing import Any

from django.core.management.base import BaseCommand

from thidua.orgs.reference import reference_load


class Command(BaseCommand):
    help = (
        "Nạp đơn vị tham chiếu: BTCTW, 34 tỉnh và 3.321 xã năm 2025, 63 tỉnh trước 2025, kế thừa."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = reference_load()
        self.stdout.write(
            f"Đã thêm {result['units_added']} đơn vị và {result['links_added']} quan hệ kế thừa."
        )
