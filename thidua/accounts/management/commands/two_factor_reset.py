from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.models import User
from thidua.accounts.two_factor import two_factor_reset


class Command(BaseCommand):
    help = (
        "Gỡ mọi thiết bị xác thực hai lớp của một tài khoản (mất điện thoại và mã dự phòng); "
        "người đó đăng nhập bằng mật khẩu rồi thiết lập lại."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{options['username']}”.")
        two_factor_reset(actor=None, user=user)
        self.stdout.write(f"Đã gỡ xác thực hai lớp của {user.username}.")
