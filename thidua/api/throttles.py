"""The API's rate limits, one per address and one per credential (django-ninja's throttles).

Both run after authentication (django-ninja checks the credential first), so an unknown token
is answered 401 before any count; guessing tokens is the sign-in lockout's business. The
rates are read from the settings at each request (``API_RATE_PER_ADDRESS``,
``API_RATE_PER_TOKEN``, e.g. ``"600/m"``), and the history lives in Django's cache, which the
settings make shared between the server's processes.
"""

import hashlib

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


class _SettingRate(SimpleRateThrottle):
    setting = ""

    def __init__(self) -> None:
        super().__init__(rate=self._rate())

    def _rate(self) -> str:
        return str(getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self._rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class PerAddressRate(_SettingRate):
    """Every request from one address, whoever signs in."""

    scope = "address"
    setting = "API_RATE_PER_ADDRESS"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PerTokenRate(_SettingRate):
    """Every request made with one bearer token (or, in the browser, one signed-in user)."""

    scope = "token"
    setting = "API_RATE_PER_TOKEN"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            ident = hashlib.sha256(header[7:].strip().encode()).hexdigest()
        elif request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}
