"""``manage.py document_build KIND --term ID --as USERNAME --out FILE.docx``: a draft built from
the data and written to a file, never issued and never stored (no number, nothing in the
register), for operators and scripts.

Chosen: the command builds as a named user (``--as``), never as an all-seeing system: the
builders read through the selectors as that user may, so a script sees what its owner may see
and no more. ``certificate`` takes ``--grant ID`` and writes the one-page PDF.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.models import User
from thidua.core.errors import DomainError
from thidua.documents.builders import BUILDERS, SOURCES
from thidua.documents.builders.awards.certificate import certificate_fields
from thidua.documents.render.certificate import certificate_pdf
from thidua.documents.render.docx import render_docx

CERTIFICATE = "certificate"


class Command(BaseCommand):
    help = "Dựng bản dự thảo một văn bản từ số liệu (không cấp số, không lưu) ra tệp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=[*sorted(BUILDERS), CERTIFICATE])
        sources = parser.add_mutually_exclusive_group(required=True)
        for source in SOURCES:
            sources.add_argument(f"--{source}", type=int, metavar="ID")
        parser.add_argument("--out", required=True, type=Path, help="Tệp .docx (bằng: .pdf).")
        parser.add_argument(
            "--as", dest="username", required=True, help="Dựng với quyền xem của tài khoản này."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind: str = options["kind"]
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {options['username']}.")
        source = "grant" if kind == CERTIFICATE else BUILDERS[kind].source
        source_id = options.get(source)
        if source_id is None:
            raise CommandError(f"Loại văn bản {kind} cần --{source} ID.")
        try:
            if kind == CERTIFICATE:
                data = certificate_pdf(**certificate_fields(source_id, user))
            else:
                data = render_docx(BUILDERS[kind].build(source_id, user))
        except DomainError as error:
            raise CommandError(error.message) from error
        out: Path = options["out"]
        out.write_bytes(data)
        self.stdout.write(f"{out}\t{len(data)}")
