"""Lookups into the loaded demo, for the tests about the demo (which ask for the ``demo``
fixture). They only read: a builder would make what the demo failed to load and hide it."""

from django.test import Client

from tests.builders.people import client_of
from thidua.accounts.models import User
from thidua.orgs.models import ClusterTerm


def demo_term(number: int, year: int) -> ClusterTerm:
    return ClusterTerm.objects.get(cluster__number=number, year=year)


def demo_user(username: str) -> User:
    return User.objects.get(username=username)


def demo_client(username: str) -> Client:
    return client_of(demo_user(username))
