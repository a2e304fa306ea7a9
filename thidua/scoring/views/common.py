"""What every scoring page shares: the message of a refused write."""

from thidua.core.errors import DomainError, NotFoundError, PermissionDeniedError


def refusal(exc: DomainError) -> str:
    """The message of a refused write; access errors go on to the 403/404 pages."""
    if isinstance(exc, PermissionDeniedError | NotFoundError):
        raise exc
    return exc.message
