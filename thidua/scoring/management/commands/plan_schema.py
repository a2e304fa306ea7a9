from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from thidua.scoring.interchange.document import schema_text


class Command(BaseCommand):
    help = (
        "In JSON Schema của tài liệu trao đổi kế hoạch, sinh từ các mô hình trong "
        "thidua/scoring/interchange/document.py (bản công bố: "
        "thidua/scoring/data/plan-interchange.schema.json)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", help="Tệp cần ghi; bỏ trống thì in ra màn hình.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = schema_text()
        if not options["output"]:
            self.stdout.write(text, ending="")
            return
        Path(options["output"]).write_text(text, encoding="utf-8")
        self.stdout.write(_("Đã ghi JSON Schema ra %(path)s.") % {"path": options["output"]})
