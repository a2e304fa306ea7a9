"""The request of a page or an API call behind a sign-in.

``login_required`` (pages) and the API's authentication let only a signed-in account through,
so there the request's user is a ``User``, never the anonymous one: the pattern django-stubs
documents for views behind a sign-in. The services that record who acted take that ``User``.
"""

from django.http import HttpRequest

from thidua.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
