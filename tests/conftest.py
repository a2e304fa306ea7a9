"""Shared fixtures.

The test database holds the reference units (the Commission and its departments, the
provinces before and after 2025, their boards and communes, the lineage between them),
loaded once per database (once per xdist worker); they are reference data, not a scenario,
and take seconds to load. Everything else a test needs it builds itself through the services
with ``tests.builders``, inside its own transaction that is rolled back (or, for what all
the tests of a module read, once per module: ``module_db``). The demo is loaded only for the
tests about the demo, by the ``demo`` fixture.

Tests that commit (the browser tests, with ``transaction=True``) empty the database when they
end; ``pytest_runtest_teardown`` loads the reference units again after them, so no test
depends on the order it runs in.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.test import override_settings
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from thidua.orgs.reference import reference_load
from thidua.web.demo.loader import demo_load

# Argon2 is what production hashes with (tests/accounts/test_login.py checks it); a test
# that creates a dozen accounts should not spend a second per account on it.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _tests_may_empty_the_audit_log(
    sender: object, connection: BaseDatabaseWrapper, **kwargs: object
) -> None:
    """Tests that commit empty the database with TRUNCATE when they end, which the audit
    log's trigger refuses unless the session allows it (thidua/audit/migrations/0004)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET thidua.audit_truncate = 'allow'")


connection_created.connect(_tests_may_empty_the_audit_log)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        reference_load()


@pytest.fixture(scope="session", autouse=True)
def _demo_keys_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The demo's trustee key files go to a throwaway folder, never into the working tree; set
    for the whole session, since the demo worlds are loaded once per module."""
    with override_settings(THIDUA_DEMO_KEYS_DIR=tmp_path_factory.mktemp("demo-trustee-keys")):
        yield


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


def _commits(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool({"transactional_db", "live_server"} & set(fixtures)) or (
        marker is not None and bool(marker.kwargs.get("transaction", False))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Once a committing test has emptied the database (its fixtures are torn down by now),
    load the reference units again for the tests after it."""
    result = yield
    if nextitem is not None and _commits(item):
        with item.config.stash[blocking_manager_key].unblock():
            reference_load()
    return result


@pytest.fixture(scope="module")
def module_db(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """One transaction around a whole module, rolled back after its last test.

    What every test of a module reads (its clusters, its personas) is built once in it by a
    module-scoped fixture that asks for this one, as Django's ``setUpTestData`` does for a
    class; each test still runs in its own savepoint inside it, so what a test writes never
    reaches the next one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo(module_db: None) -> None:
    """The whole demo (thidua/web/demo), loaded once for the module that asks for it."""
    demo_load()


@pytest.fixture
def demo_in_test(db: None) -> None:
    """The whole demo for a single test, in a module whose other tests must not see it. Slow
    (the demo plays a whole year): a module of demo tests asks for ``demo`` instead."""
    demo_load()


@pytest.fixture(autouse=True)
def _evidence_files_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files go to a throwaway folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> None:
    """The rate limits count per address in the cache, and every test calls from 127.0.0.1
    (live servers included): one test's calls must not count against the next's."""
    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_first() -> None:
    """A page test that chose English must not leave the thread speaking English."""
    translation.activate("vi")
