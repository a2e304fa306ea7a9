"""Errors that services raise and views turn into a message for the user."""

from collections.abc import Mapping


class DomainError(Exception):
    """A refused request: the message is for the user, already translated."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailedError(DomainError):
    """Several problems found at once, each with its place (a row, a field)."""

    def __init__(self, message: str, problems: Mapping[str, list[str]]) -> None:
        super().__init__(message)
        self.problems = dict(problems)


class PermissionDeniedError(DomainError):
    """The user may not do this action on this object."""


class NotFoundError(DomainError):
    """The object does not exist, or the user may not know that it exists."""
