import pytest

from thidua.rulebook.services.loader import rulebook_load


@pytest.fixture
def rulebook(db: None) -> None:
    """The shipped rule book, loaded in the test's own transaction."""
    rulebook_load()
