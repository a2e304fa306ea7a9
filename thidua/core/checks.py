"""System checks that refuse a production start with development settings."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=False)
def production_settings_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors: list[CheckMessage] = []
    if settings.DEBUG:
        errors.append(Error("DEBUG must be off in production.", id="thidua.E001"))
    if settings.SECRET_KEY == settings.INSECURE_SECRET_KEY or len(settings.SECRET_KEY) < 40:
        errors.append(
            Error("SECRET_KEY must be set to a long random value in production.", id="thidua.E002")
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(Error("ALLOWED_HOSTS must not be empty in production.", id="thidua.E003"))
    return errors
