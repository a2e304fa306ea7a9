"""The request of a page or an API call behind a sign-in.

``login_required`` (pages) and the API's authentication let only a signed-in account through,
so there the request's user is a ``User``, never the anonymous one: the pattern django-stubs
documents for views behind a sign-in. The services that record who acted take that ``User``.
It is also the request django-htmx reads (``request.htmx``), for the pages that answer HTMX.
"""

from thidua.accounts.models import User
from thidua.core.htmx import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
