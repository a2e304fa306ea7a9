"""``manage.py vote_verify --record FILE``: check a downloaded election record with no
database; ``manage.py vote_verify VOTE``: build the record of vote number VOTE from the
database and check it the same way (the same pure verifier, not the server's casting and
tallying code paths). Prints "OK: …" or fails naming the first thing that does not verify."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.voting.verify_cli import CliError, verify_record_file


class Command(BaseCommand):
    help = "Verify a vote's election record (keys, ballots, tally, decryptions, result)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("vote", nargs="?", type=int, help="the vote's number in the database")
        source.add_argument("--record", help="the vote's record (JSON), no database needed")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["record"]:
            try:
                ok, message = verify_record_file(Path(options["record"]))
            except CliError as exc:
                raise CommandError(str(exc), returncode=2) from exc
        else:
            ok, message = self._from_database(options["vote"])
        if not ok:
            raise CommandError(message, returncode=1)
        self.stdout.write(message)

    def _from_database(self, pk: int) -> tuple[bool, str]:
        # Imported here: the --record form must run without a database or the app's models.
        from thidua.core.errors import NotFoundError
        from thidua.voting.models import Vote
        from thidua.voting.protocol import ProtocolError, record_summary, record_verify
        from thidua.voting.selectors import record_for

        vote = Vote.objects.filter(pk=pk).first()
        if vote is None:
            raise CommandError(f"no vote {pk}", returncode=2)
        try:
            record = record_for(vote)
        except NotFoundError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        except ProtocolError as exc:
            # A stored ballot or decryption that does not even parse: altered in the database.
            return False, f"the stored record does not parse: {exc}"
        problems = record_verify(record)
        if problems:
            return False, problems[0]
        return True, f"OK: {record_summary(record)}"
