from typing import Any

from django.core.management.base import BaseCommand

from thidua.web.demo.loader import DEMO_PASSWORD, demo_accounts, demo_load


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (đơn vị, cụm thi đua, tài khoản theo vai trò); chạy lại không trùng lặp."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-accounts", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        demo_load()
        if options["quiet_accounts"]:
            return
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for account in demo_accounts():
            self.stdout.write(f"  {account.username:<20} {account.role.label}")
        self.stdout.write(
            "  lanhdao.<tỉnh> (vd. lanhdao.longan)  Lãnh đạo mỗi Ban Tổ chức tỉnh ủy, thành ủy"
        )
        self.stdout.write("  chuyenvien.vudiaphuong3  Chuyên viên Vụ Địa phương III (thẩm định)")
