from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.audit.checkpoints import Verification, audit_verify_with_checkpoint

# A report names this many problems at most; the count says how many there are.
SHOWN_PROBLEMS = 50


def verification_lines(verification: Verification) -> list[str]:
    """What a verification found, in the operator's words, one problem a line."""
    lines = list(verification.notes)
    report = verification.report
    if verification.previous is not None:
        lines.append(
            _("Đối chiếu với mốc kiểm tra lúc %(at)s.") % {"at": verification.previous.created_at}
        )
    if verification.intact:
        lines.append(
            _("OK: %(n)s sự kiện trong %(s)s luồng, chuỗi nguyên vẹn, khớp đầu chuỗi.")
            % {"n": report.checked, "s": report.streams}
        )
        if verification.written is not None:
            lines.append(_("Đã ghi mốc kiểm tra mới: %(path)s.") % {"path": verification.written})
        return lines
    lines.append(
        _("Kiểm tra không đạt: %(n)s vấn đề (%(ok)s sự kiện hợp lệ).")
        % {"n": len(verification.problems), "ok": report.checked}
    )
    lines += [f"- {problem}" for problem in verification.problems[:SHOWN_PROBLEMS]]
    return lines


class Command(BaseCommand):
    help = (
        "Kiểm tra nhật ký kiểm toán: chuỗi băm từng luồng, dòng đầu chuỗi và mốc kiểm tra đã ký "
        "ngoài cơ sở dữ liệu; ghi mốc mới khi chuỗi nguyên vẹn. Mã thoát khác 0 nếu có vấn đề."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-checkpoint",
            action="store_true",
            help=_("Chỉ kiểm tra, không ghi mốc kiểm tra mới."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verification = audit_verify_with_checkpoint(write=not options["no_checkpoint"])
        lines = verification_lines(verification)
        if not verification.intact:
            raise CommandError("\n".join(lines))
        self.stdout.write("\n".join(lines))
