import runpy
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import thidua.settings
from thidua.env import env_bool, env_int


def test_env_bool_refuses_a_value_that_is_not_a_boolean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("THIDUA_FLAG", False)
    monkeypatch.setenv("THIDUA_FLAG", "on")
    assert env_bool("THIDUA_FLAG", False) is True


def test_env_int_refuses_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_N", "five")
    with pytest.raises(ImproperlyConfigured):
        env_int("THIDUA_N", 1)


def _settings_with(monkeypatch: pytest.MonkeyPatch, url: str | None) -> dict[str, Any]:
    """The settings module run afresh (not the one already loaded) under this DATABASE_URL."""
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)
    return runpy.run_path(str(Path(thidua.settings.__file__)))


def test_without_database_url_the_demo_runs_on_sqlite_under_var(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = _settings_with(monkeypatch, None)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(Path(settings.BASE_DIR) / "var" / "thidua.sqlite3")


def test_a_postgres_url_gives_every_connection_field(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgres://u:p%40ss@db.example.vn:5433/thidua?sslmode=require"
    database = _settings_with(monkeypatch, url)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["USER"], database["PASSWORD"]) == ("u", "p@ss")
    assert (database["HOST"], str(database["PORT"]), database["NAME"]) == (
        "db.example.vn",
        "5433",
        "thidua",
    )
    assert database["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://localhost/thidua", "thidua.sqlite3", ""])
def test_a_database_url_the_project_cannot_use_stops_the_start(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        _settings_with(monkeypatch, url)
