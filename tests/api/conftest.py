import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> None:
    """The rate limits count per address in the cache; every test client calls from
    127.0.0.1, so one test's calls must not count against the next's."""
    cache.clear()
