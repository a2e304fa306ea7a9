"""The second factor's gate: a signed-in user who has an authenticator, or must have one, reaches
nothing but the second step, the enrolment and the sign-out until a code is given.

The password step signs the user in before the code is asked for (django-otp's model: the
session is authenticated, then verified), so this gate, not the sign-in page, is what keeps an
unverified session out of every other page, the admin and the API alike.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.two_factor import gate_state, is_verified

# Pages an unverified session may open: the steps themselves, signing out, choosing a language.
OPEN_ROUTES = ("accounts:login", "accounts:logout", "accounts:verify", "accounts:enrol")


class TwoFactorGate:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and user.is_authenticated
            and not is_verified(user)
            and not self._open(request.path)
            and not self._bears_token(request)
        ):
            state = gate_state(user)
            if state.has_device:
                return self._refuse(request, "accounts:verify")
            if state.required:
                return self._refuse(request, "accounts:enrol")
        return self.get_response(request)

    @staticmethod
    def _bears_token(request: HttpRequest) -> bool:
        """An API call with a bearer token is judged by the token alone (thidua.api.auth), so a
        half-signed-in session cookie beside it neither helps nor stands in its way."""
        authorization = request.headers.get("Authorization", "")
        return request.path.startswith("/api/") and authorization.lower().startswith("bearer ")

    @staticmethod
    def _open(path: str) -> bool:
        if path.startswith(("/" + settings.STATIC_URL.lstrip("/"), "/i18n/")):
            return True
        return any(path == reverse(name) for name in OPEN_ROUTES)

    @staticmethod
    def _refuse(request: HttpRequest, step: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Cần hoàn tất xác thực hai lớp trước khi dùng API bằng phiên này.")},
                status=403,
            )
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
