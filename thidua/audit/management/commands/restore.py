import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.audit.backup.archive import ArchiveError, Manifest, archive_open
from thidua.audit.backup.database import (
    DatabaseToolError,
    audit_heads,
    database_is_empty,
    database_restore,
    table_counts,
    vendor,
)
from thidua.audit.backup.media import media_restore
from thidua.audit.selectors import audit_chain_verify


def restore_problems(manifest: Manifest) -> list[str]:
    """How the restored database differs from what the backup recorded: rows per table, the
    audit heads, the audit chain itself."""
    problems = []
    counts = table_counts()
    for table, expected in sorted(manifest.tables.items()):
        if counts.get(table) != expected:
            problems.append(
                _("Bảng %(table)s: %(found)s dòng, bản sao lưu ghi %(expected)s.")
                % {"table": table, "found": counts.get(table, _("không có")), "expected": expected}
            )
    if audit_heads() != dict(manifest.audit_heads):
        problems.append(_("Đầu chuỗi kiểm toán khác bản kê của bản sao lưu."))
    report = audit_chain_verify()
    problems += [_("Chuỗi kiểm toán: %(problem)s") % {"problem": p} for p in report.problems]
    return problems


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (manage.py backup): kiểm tra mã SHA-256 từng tệp, khôi phục "
        "cơ sở dữ liệu và tệp minh chứng, rồi đối chiếu số dòng từng bảng và chuỗi kiểm toán."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", help="Tệp .tar do manage.py backup ghi.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ghi đè cả khi cơ sở dữ liệu đang có dữ liệu.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["archive"])
        if not source.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": source})
        with tempfile.TemporaryDirectory(prefix="thidua-restore-") as work:
            extracted = Path(work)
            try:
                manifest = archive_open(source, extracted)
            except ArchiveError as error:
                raise CommandError(
                    _("Bản sao lưu hỏng hoặc đã bị sửa (%(error)s): không khôi phục gì.")
                    % {"error": error}
                ) from error
            if manifest.vendor != vendor():
                raise CommandError(
                    _("Bản sao lưu của %(saved)s, cơ sở dữ liệu đang dùng là %(now)s.")
                    % {"saved": manifest.vendor, "now": vendor()}
                )
            if not options["force"] and not database_is_empty():
                raise CommandError(
                    _(
                        "Cơ sở dữ liệu đang có dữ liệu: không ghi đè. Thêm --force nếu chắc chắn "
                        "muốn thay toàn bộ bằng bản sao lưu."
                    )
                )
            try:
                database_restore(extracted / manifest.database)
            except DatabaseToolError as error:
                raise CommandError(
                    _("Không khôi phục được cơ sở dữ liệu: %(error)s") % {"error": error}
                ) from error
            files = [name for name in manifest.members if name != manifest.database]
            differing = media_restore(extracted, dict(manifest.members))
        problems = [_("Tệp %(name)s khác bản kê.") % {"name": n} for n in differing]
        problems += restore_problems(manifest)
        summary = _(
            "Đã khôi phục bản sao lưu lúc %(at)s: %(tables)s bảng, %(rows)s dòng, %(files)s tệp "
            "minh chứng."
        ) % {
            "at": manifest.created_at,
            "tables": len(manifest.tables),
            "rows": sum(manifest.tables.values()),
            "files": len(files),
        }
        if problems:
            raise CommandError(
                "\n".join([summary, _("Đối chiếu sau khôi phục KHÔNG khớp:"), *problems])
            )
        self.stdout.write(summary)
        self.stdout.write(
            _(
                "Đối chiếu: số dòng từng bảng khớp bản kê, chuỗi kiểm toán nguyên vẹn và khớp "
                "đầu chuỗi. Chạy audit_verify để đối chiếu với mốc kiểm tra."
            )
        )
