"""The OpenAPI document tells the truth: schemathesis runs over every operation of a real
running server, signed in with a bearer token as two roles, and fails on any server error,
any status code, content type, header or body the document does not declare, any schema-invalid
request accepted and any schema-valid request refused.

It runs the ``schemathesis`` command (4.x) against ``live_server``: the examples, coverage and
fuzzing phases, a bounded number of cases per operation, and deterministic generation
(no seed: the same cases every run) so a run can be replayed. The rate limit is raised for
the run (it would otherwise answer 429 to a burst, which is declared but hides the answers
under test).

Checks: ``all`` that schemathesis 4.x names, none excluded (``ignored_auth`` replays each case
without the token and must hear 401; the stateful ``use_after_free`` and
``ensure_resource_availability`` find no links to follow). The one setting changed, in
tests/api/schemathesis.toml: a schema-valid request may be refused with 400 by a business
rule on the stored state (and with 422 on the roll-up, whose parameters depend on each other).
"""

import re
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from tests.builders.assessments import published_plan
from tests.builders.people import persona
from tests.builders.reports import binh_duong, figures, open_period, reporting_setting, save
from thidua.accounts.services import api_token_create

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ("thuongtruc", "canbo.binhduong")
MAX_EXAMPLES = 8


def _data() -> None:
    """Something to find behind the ids: a published plan, an open period with a draft."""
    published_plan()
    reporting_setting()
    period = open_period()
    save(persona("canbo.binhduong"), binh_duong(), period, figures(staff_streamlined=10))


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_as_its_document_says(
    role: str, live_server: LiveServer, tmp_path: Path
) -> None:
    _data()
    _token_row, key = api_token_create(actor=None, user=persona(role), name="schemathesis")
    # Read once here: building the document takes seconds on a busy machine, longer than
    # schemathesis waits for it.
    document = tmp_path / "openapi.json"
    with urlopen(f"{live_server.url}/api/v1/openapi.json", timeout=120) as answer:  # noqa: S310
        document.write_bytes(answer.read())
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        f"--config-file={Path(__file__).with_name('schemathesis.toml')}",
        "run",
        str(document),
        f"--url={live_server.url}",
        "--request-timeout=60",
        "--checks=all",
        "--phases=examples,coverage,fuzzing",
        f"--max-examples={MAX_EXAMPLES}",
        "--generation-deterministic",
        "--no-shrink",
        "--workers=1",
        "--no-color",
        f"--header=Authorization: Bearer {key}",
        f"--report-dir={tmp_path}",
    ]
    # The fuzzer sends thousands of requests, many with bad credentials on purpose: the rate
    # limits and the lockout (tested on their own) would soon answer everything with 429.
    with override_settings(
        API_RATE_PER_TOKEN="100000/m", API_RATE_PER_ADDRESS="100000/m", AXES_FAILURE_LIMIT=10**9
    ):
        run = subprocess.run(  # noqa: S603 (our own command line, no shell)
            # In the test's own folder: schemathesis keeps a cache of the failures it found
            # (.schemathesis/) and replays them first; a run must not depend on the last one.
            command,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            cwd=tmp_path,
        )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-3000:]
    generated = re.search(r"(\d+) generated", run.stdout)
    print(f"schemathesis as {role}: {generated and generated.group(0)}")
    # Every operation was exercised, not skipped: some tens of cases each.
    assert generated is not None, run.stdout[-5000:]
    assert int(generated.group(1)) >= 20 * 28, run.stdout[-5000:]
