"""``manage.py vote_verify --record FILE``: check a downloaded election record with no
database; prints "OK: …" or fails naming the first thing that does not verify."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.voting.verify_cli import CliError, add_verify_arguments, verify_record_file


class Command(BaseCommand):
    help = "Verify a vote's election record (keys, ballots, tally, decryptions, result)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_verify_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            ok, message = verify_record_file(options["record"])
        except CliError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if not ok:
            raise CommandError(message, returncode=1)
        self.stdout.write(message)
