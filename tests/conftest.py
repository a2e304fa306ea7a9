"""Shared fixtures: the reference units and demo clusters are loaded once per test session;
each test then runs in a transaction that is rolled back. Personas are the demo accounts."""

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from thidua.accounts.models import User
from thidua.orgs.models import Cluster, ClusterTerm, Unit
from thidua.web.demo.loader import demo_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        demo_load()


@pytest.fixture(autouse=True)
def _evidence_files_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files go to a throwaway folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _vietnamese_first() -> None:
    """A page test that chose English must not leave the thread speaking English."""
    translation.activate("vi")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests empty the database when they finish (live_server needs real commits),
    so they run after every test that relies on the session's data."""
    items.sort(key=lambda item: "browser" in item.keywords)


def persona(username: str) -> User:
    return User.objects.get(username=username)


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(persona(username))
    return client


def board(code: str) -> Unit:
    """An organization board by province code: "74-63" is Bình Dương before 2025."""
    return Unit.objects.get(code=f"BTC-{code}")


def term(number: int, year: int) -> ClusterTerm:
    return ClusterTerm.objects.get(cluster=Cluster.objects.get(number=number), year=year)
