"""``manage.py vote_trustee keygen|decrypt``: a trustee's steps on their own machine, with no
database (see thidua/voting/verify_cli.py)."""

from argparse import ArgumentParser, Namespace
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.voting.verify_cli import CliError, add_trustee_arguments, run_trustee


class Command(BaseCommand):
    help = "A vote trustee's key generation and partial decryption (no database)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_trustee_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run_trustee(Namespace(**options), self.stdout)
        except CliError as exc:
            raise CommandError(str(exc), returncode=2) from exc
