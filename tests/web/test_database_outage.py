"""A database outage in the middle of a burst of writes: PostgreSQL stopped and started again
inside the test.

Every test worker shares one PostgreSQL server, so this test stops none of it: it starts its
own throwaway server (scripts/pg_throwaway.sh), migrates it, and runs the app as a separate
server process (``manage.py runserver``, DEBUG off) against it. While a burst of report saves
runs, the database is stopped, then started again. What must hold:

- no answer is a 500: the API answers a JSON 503 with ``Retry-After``, a page the Vietnamese
  "thử lại sau" page (503), built without the database;
- every write answered with success committed, and every committed write was answered with
  success: the audit events of the saves equal the successful answers (no partial write, no
  committed write reported as failed);
- the app recovers by itself once the database is back;
- the outage is logged once (one line, no traceback), not once per request.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError, IntegrityError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from thidua.web.middleware import OutageTolerantSessions

ROOT = Path(__file__).resolve().parents[2]
PG = ROOT / "scripts" / "pg_throwaway.sh"
SETUP = """
import json
from django.test import Client
from tests.builders.people import persona
from tests.builders.reports import long_an, open_period, reporting_setting
from thidua.accounts.services import api_token_create
from thidua.orgs.reference import reference_load
reference_load()
reporting_setting()
period = open_period()
officer = persona("canbo.longan")
_row, key = api_token_create(actor=None, user=officer, name="outage")
client = Client()
client.force_login(officer)
print(json.dumps({
    "report": f"/api/v1/periods/{period.pk}/units/{long_an().pk}/report",
    "token": key,
    "session": client.cookies["sessionid"].value,
}))
"""
COUNT = """
from thidua.audit.models import AuditEvent
from thidua.indicators.models import Report
print(AuditEvent.objects.filter(action="report.save").count(), Report.objects.count())
"""


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]


def _as_postgres(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else list(command)


def _pg_ctl(data: Path) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parts[-3])
    return str(found[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


class PrivateDatabase:
    """A throwaway PostgreSQL of this test's own, that it may stop and start."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = subprocess.run(  # noqa: S603
            [str(PG), "start", str(folder)], capture_output=True, text=True, check=True
        ).stdout.strip()
        self.port = (folder / "port").read_text().strip()

    def stop(self) -> None:
        subprocess.run(  # noqa: S603
            _as_postgres(
                _pg_ctl(self.folder), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"
            ),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(  # noqa: S603
            _as_postgres(
                _pg_ctl(self.folder),
                "-D",
                str(self.folder / "data"),
                "-l",
                str(self.folder / "server.log"),
                "-o",
                options,
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def drop(self) -> None:
        subprocess.run([str(PG), "stop", str(self.folder)], check=False)  # noqa: S603


def _python(env: dict[str, str], code: str) -> str:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _call(url: str, method: str = "GET", body: object = None, **headers: str) -> Answer:
    data = None if body is None else json.dumps(body).encode()
    request = Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urlopen(request, timeout=20) as response:  # noqa: S310
            return Answer(response.status, response.read(), dict(response.headers))
    except HTTPError as refused:
        return Answer(refused.code, refused.read(), dict(refused.headers))


@dataclass
class App:
    url: str
    database: PrivateDatabase
    env: dict[str, str]
    report: str
    token: str
    session: str
    log: Path


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    # Not under tmp_path: the postgres account must reach the folder.
    database = PrivateDatabase(Path(tempfile.mkdtemp(prefix="thidua-outage-")))
    try:
        env = {
            **os.environ,
            "DATABASE_URL": database.url,
            "DJANGO_SETTINGS_MODULE": "thidua.settings",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
        made = json.loads(_python(env, SETUP).strip().splitlines()[-1])
        port = _free_port()
        log = tmp_path / "server.log"
        with log.open("w") as out:
            server = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        # runserver runs the system checks before it listens: on a busy machine (every worker
        # of the suite starting servers and browsers) that has taken more than 15 seconds.
        started = time.monotonic()
        while time.monotonic() - started < 90:
            try:
                urlopen(f"{url}/accounts/dang-nhap/", timeout=2).close()  # noqa: S310
                break
            except (URLError, ConnectionError):
                time.sleep(0.2)
        try:
            yield App(url, database, env, made["report"], made["token"], made["session"], log)
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        database.drop()


def _save(app: App, value: int) -> Answer:
    body = {"values": [{"indicator": "staff_streamlined", "value": value}]}
    return _call(
        app.url + app.report,
        "PUT",
        body,
        Authorization=f"Bearer {app.token}",
        **{"Content-Type": "application/json"},
    )


def test_an_outage_answers_503_then_the_app_recovers_with_no_write_lost(app: App) -> None:
    answers: list[Answer] = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        before = list(pool.map(lambda n: _save(app, n), range(8)))
        burst = [pool.submit(_save, app, 100 + n) for n in range(40)]
        # Stop the database in the middle of the burst, some writes answered, others running.
        while sum(f.done() for f in burst) < 6:
            time.sleep(0.01)
        app.database.stop()
        during = [f.result() for f in burst]
        down = list(pool.map(lambda n: _save(app, 200 + n), range(8)))
        page = _call(app.url + "/don-vi/", Cookie=f"sessionid={app.session}")
        app.database.start()
        after = list(pool.map(lambda n: _save(app, 300 + n), range(8)))
    answers = before + during + down + after

    assert {a.status for a in before} <= {200, 201}
    assert not [a for a in answers if a.status == 500]
    assert {a.status for a in answers} <= {200, 201, 503}, {a.status for a in answers}
    for refused in down:
        assert refused.status == 503
        assert refused.headers["Content-Type"] == "application/json"
        assert int(refused.headers["Retry-After"]) > 0
        assert "thử lại sau" in json.loads(refused.body)["detail"]
    assert page.status == 503
    assert page.headers["Content-Type"].startswith("text/html")
    assert "thử lại sau" in page.body.decode()
    assert int(page.headers["Retry-After"]) > 0
    # Recovery: every save after the restart goes through.
    assert {a.status for a in after} == {200}

    saves, reports = map(int, _python(app.env, COUNT).split())
    succeeded = sum(1 for a in answers if a.status in {200, 201})
    assert (saves, reports) == (succeeded, 1)
    log = app.log.read_text()
    assert log.count("Database unavailable") == 1, log
    assert "Traceback" not in log, log


def _session_writing_view(request: HttpRequest) -> HttpResponse:
    request.session["seen"] = True
    return HttpResponse("đã lưu", status=201)


@pytest.mark.parametrize("error", [OperationalError, IntegrityError])
def test_a_session_that_cannot_be_saved_keeps_the_views_answer(
    rf: RequestFactory, monkeypatch: pytest.MonkeyPatch, error: type[DatabaseError]
) -> None:
    """The view committed and answered; the database went away before the session's save.
    The client hears the view's answer, not an error. Any other database error still
    surfaces."""

    def fail(self: SessionBase, must_create: bool = False) -> None:
        raise error("connection lost")

    monkeypatch.setattr(SessionStore, "save", fail)
    middleware = OutageTolerantSessions(_session_writing_view)
    if error is OperationalError:
        response = middleware(rf.post("/"))
        assert isinstance(response, HttpResponse)
        assert (response.status_code, response.content.decode()) == (201, "đã lưu")
    else:
        with pytest.raises(IntegrityError):
            middleware(rf.post("/"))
