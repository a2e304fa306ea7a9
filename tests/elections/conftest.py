import pytest

from thidua.rulebook.services.loader import rulebook_load


@pytest.fixture
def rulebook(db: None) -> None:
    """The shipped rule book (its ``officer_election`` rules), in the test's own transaction."""
    rulebook_load()
