"""API authentication: the browser's session, or a bearer token for integrations.

A bearer token is tried first and, when the request carries one, it is the only credential
read: a browser never adds an ``Authorization`` header on its own, so a cross-site request
cannot forge it, and the session's CSRF check has nothing to protect. A request that signs in
with the session cookie is always held to the CSRF check, as the pages are.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from thidua.accounts import lockout
from thidua.accounts.models import User
from thidua.accounts.services import api_token_user


def _bears_token(request: HttpRequest) -> bool:
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


class TokenAuth(HttpBearer):
    """A bearer token, behind the same lockout as the sign-in page: a wrong token counts against
    the address it came from, and a locked-out address is refused before its token is looked
    up, the right token included."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not lockout.is_allowed(request, None):
            raise HttpError(429, lockout.locked_message())
        user = api_token_user(token)
        if user is None:
            if lockout.record_failure(request, None):
                raise HttpError(429, lockout.locked_message())
            return None
        request.user = user
        return user


class BrowserSessionAuth(SessionAuth):
    """The session cookie, CSRF-checked; never consulted for a request that bears a token."""

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(self.param_name)
        if key is None or _bears_token(request):
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                _(
                    "Thiếu hoặc sai mã chống giả mạo (CSRF): gửi kèm mã của phiên đăng nhập, "
                    "hoặc dùng mã truy cập API."
                ),
            )
        return key

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        # The middleware has already read the session into request.user; without the cookie's
        # key (no cookie, or a token borne instead) that user does not count here.
        if key is None or not isinstance(request.user, User):
            return None
        return request.user if request.user.is_authenticated else None


API_AUTH = [TokenAuth(), BrowserSessionAuth()]
