import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.plans.models import Plan
from thidua.scoring.interchange.export import plan_document


class Command(BaseCommand):
    help = "Xuất một kế hoạch thi đua ra tài liệu trao đổi JSON (docs/plan-interchange.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan_id", type=int, help="Số hiệu kế hoạch.")
        parser.add_argument("-o", "--output", help="Tệp JSON cần ghi; bỏ trống thì in ra màn hình.")

    def handle(self, *args: Any, **options: Any) -> None:
        # Run by an operator with shell access to the server: no user, no permission check.
        plan = Plan.objects.filter(pk=options["plan_id"]).first()
        if plan is None:
            raise CommandError(_("Không có kế hoạch số %(id)s.") % {"id": options["plan_id"]})
        text = json.dumps(plan_document(plan), ensure_ascii=False, indent=2) + "\n"
        if not options["output"]:
            self.stdout.write(text, ending="")
            return
        Path(options["output"]).write_text(text, encoding="utf-8")
        self.stdout.write(
            _("Đã xuất kế hoạch “%(title)s” ra %(path)s.")
            % {"title": plan.title, "path": options["output"]}
        )
