from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.audit.checkpoints import audit_verify_with_checkpoint
from thidua.audit.management.commands.audit_verify import verification_lines
from thidua.audit.services import audit_seal


class Command(BaseCommand):
    help = (
        "Niêm phong nhật ký kiểm toán (ghi đầu của mọi luồng vào một sự kiện), kiểm tra chuỗi và "
        "ghi mốc kiểm tra đã ký ra ngoài cơ sở dữ liệu. Chạy định kỳ (cron)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        seal = audit_seal()
        heads = (seal.after or {}).get("heads", {})
        self.stdout.write(
            _("Đã niêm phong %(n)s luồng tại sự kiện #%(id)s.") % {"n": len(heads), "id": seal.pk}
        )
        verification = audit_verify_with_checkpoint()
        lines = verification_lines(verification)
        if not verification.intact:
            raise CommandError("\n".join(lines))
        self.stdout.write("\n".join(lines))
