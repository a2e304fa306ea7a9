"""API authentication: the browser's session, or a bearer token for integrations."""

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from thidua.accounts.models import User
from thidua.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


API_AUTH = [SessionAuth(), TokenAuth()]
