"""The checks every layer makes before asking the policy: is someone signed in, and the one
refusal for an action the policy does not allow.

``core`` sits below ``accounts``, so the user is typed as Django's base user, which the
project's ``User`` extends (an anonymous user answers ``is_authenticated`` with False)."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.core.errors import PermissionDeniedError


def signed_in(user: AbstractBaseUser | AnonymousUser) -> bool:
    """A signed-in, active account: a deactivated official keeps no access."""
    return bool(user.is_authenticated and user.is_active)


def require_signed_in(user: AbstractBaseUser | AnonymousUser) -> None:
    if not signed_in(user):
        raise PermissionDeniedError(_("Vui lòng đăng nhập."))


def forbidden() -> PermissionDeniedError:
    """The refusal of an action the policy does not allow, with the one message for it."""
    return PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))
