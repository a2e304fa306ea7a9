"""What every scoring page shares: the signed-in request (as django-htmx reads it too) and the
message of a refused write."""

from thidua.accounts.models import User
from thidua.core.errors import DomainError, NotFoundError, PermissionDeniedError
from thidua.core.htmx import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """The request of a ``login_required`` view: its user is signed in, so it is a ``User``
    (the pattern django-stubs documents for views behind a sign-in)."""

    user: User


def refusal(exc: DomainError) -> str:
    """The message of a refused write; access errors go on to the 403/404 pages."""
    if isinstance(exc, PermissionDeniedError | NotFoundError):
        raise exc
    return exc.message
