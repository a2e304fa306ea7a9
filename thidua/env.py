"""Typed readers of environment variables that fail loudly on a bad value."""

import os
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
SUPPORTED_DATABASES = {"django.db.backends.postgresql", "django.db.backends.sqlite3"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, default: str) -> dict[str, Any]:
    """The database a URL names (``postgres://user:pass@host:port/name``, ``sqlite:///path``),
    read by dj-database-url; the project runs on PostgreSQL and SQLite only (``design.md``), so
    any other database, or a URL that does not parse, stops the start-up with the reason."""
    raw = os.environ.get(name, default)
    try:
        parsed = dj_database_url.parse(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a database URL ({exc}), got {raw!r}") from exc
    if parsed.get("ENGINE") not in SUPPORTED_DATABASES:
        raise ImproperlyConfigured(
            f"{name} must name PostgreSQL (postgres://...) or SQLite (sqlite:///...), got {raw!r}"
        )
    return dict(parsed)
