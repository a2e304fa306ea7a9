"""Load the rule book (``thidua/rulebook/data/rulebook.yaml``). Idempotent."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.core.errors import ValidationFailedError
from thidua.rulebook.services.loader import RULEBOOK_PATH, rulebook_load


class Command(BaseCommand):
    help = "Nạp văn bản và quy định từ tệp YAML; chạy lại nhiều lần không làm thay đổi gì thêm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=RULEBOOK_PATH)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = rulebook_load(actor=None, path=options["path"])
        except ValidationFailedError as error:
            lines = [error.message]
            for place, reasons in error.problems.items():
                lines += [f"{place}: {reason}" for reason in reasons]
            raise CommandError("\n".join(lines)) from error
        self.stdout.write(
            _("%(created)s mới, %(updated)s cập nhật, %(unchanged)s không đổi.")
            % {
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": len(result.unchanged),
            }
        )
