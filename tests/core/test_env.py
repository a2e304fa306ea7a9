import pytest
from django.core.exceptions import ImproperlyConfigured

from thidua.env import database_from_url, env_bool, env_int


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


def test_database_url_forms() -> None:
    pg = database_from_url("postgres://u:p%40ss@127.0.0.1:5433/thidua")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["PORT"], pg["NAME"]) == ("u", "p@ss", "5433", "thidua")
    assert database_from_url("sqlite:///var/x.sqlite3")["NAME"] == "var/x.sqlite3"
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://localhost/x")
