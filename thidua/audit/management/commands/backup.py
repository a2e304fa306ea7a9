import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.backup.archive import Manifest, archive_write
from thidua.audit.backup.database import (
    DatabaseToolError,
    database_dump,
    database_file_name,
    vendor,
)
from thidua.audit.backup.media import media_files


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và các tệp minh chứng vào một tệp .tar có bản kê (số dòng từng "
        "bảng, đầu chuỗi kiểm toán, mã SHA-256 từng tệp). Đích là một thư mục hoặc một tệp .tar."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("target", help="Thư mục hoặc tệp .tar cần ghi.")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now().astimezone(dt.UTC)
        target = Path(options["target"])
        if target.is_dir() or options["target"].endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
            target = target / f"thidua-{now:%Y%m%d-%H%M%S}.tar"
        if not target.parent.is_dir():
            raise CommandError(_("Không có thư mục %(dir)s.") % {"dir": target.parent})
        with tempfile.TemporaryDirectory(prefix="thidua-backup-") as work:
            dump = Path(work) / database_file_name()
            try:
                snapshot = database_dump(dump)
            except DatabaseToolError as error:
                raise CommandError(
                    _("Không sao lưu được cơ sở dữ liệu: %(error)s") % {"error": error}
                ) from error
            media = media_files()
            manifest = archive_write(
                target,
                Manifest(
                    created_at=now.isoformat(),
                    vendor=vendor(),
                    database=dump.name,
                    tables=snapshot.tables,
                    audit_heads=snapshot.audit_heads,
                ),
                {dump.name: dump, **media},
            )
        self.stdout.write(
            _(
                "Đã sao lưu vào %(path)s: cơ sở dữ liệu %(vendor)s (%(tables)s bảng, %(rows)s "
                "dòng), %(files)s tệp minh chứng, %(streams)s luồng kiểm toán."
            )
            % {
                "path": target,
                "vendor": manifest.vendor,
                "tables": len(manifest.tables),
                "rows": sum(manifest.tables.values()),
                "files": len(media),
                "streams": len(manifest.audit_heads),
            }
        )
