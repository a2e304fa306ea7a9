import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import ClusterTerm
from thidua.scoring.interchange.access import plan_import


class Command(BaseCommand):
    help = (
        "Nhập một tài liệu trao đổi kế hoạch vào một nhiệm kỳ cụm: --mode scale tạo kế hoạch "
        "nháp với thang điểm mới nhất; --mode full dựng lại cả năm để lưu trữ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp JSON theo docs/plan-interchange.md.")
        parser.add_argument("--term", type=int, required=True, help="Số hiệu nhiệm kỳ cụm nhận.")
        parser.add_argument("--mode", choices=["scale", "full"], required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        term = ClusterTerm.objects.select_related("cluster").filter(pk=options["term"]).first()
        if term is None:
            raise CommandError(_("Không có nhiệm kỳ cụm số %(id)s.") % {"id": options["term"]})
        try:
            document = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(
                _("Không đọc được tệp %(path)s: %(reason)s.")
                % {"path": options["file"], "reason": error.strerror}
            ) from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(
                _("Tệp %(path)s không phải JSON UTF-8 hợp lệ: %(reason)s.")
                % {"path": options["file"], "reason": error}
            ) from error
        try:
            # The operator acts as the system, like the other maintenance commands.
            plan = plan_import(actor=None, document=document, term=term, mode=options["mode"])
        except ValidationFailedError as error:
            for path, messages in error.problems.items():
                for message in messages:
                    self.stderr.write(f"{path}: {message}")
            raise CommandError(error.message) from error
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("Đã nhập kế hoạch số %(id)s “%(title)s”.") % {"id": plan.pk, "title": plan.title}
        )
