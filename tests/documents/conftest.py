"""The documents' tests."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Tests that print through LibreOffice (seconds each): `-m "not libreoffice"` leaves them
    # out of a quick run; `make test` runs them (scripts/install_test_deps.sh installs it).
    config.addinivalue_line("markers", "libreoffice: converts a document with LibreOffice")
