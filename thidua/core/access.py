"""The checks every layer makes before asking the policy: is someone signed in, and the one
refusal for an action the policy does not allow.

``core`` sits below ``accounts``, so the user is read through the attributes every Django user
has (an anonymous user answers ``is_authenticated`` with False)."""

from typing import Any

from django.utils.translation import gettext as _

from thidua.core.errors import PermissionDeniedError


def signed_in(user: Any) -> bool:
    """A signed-in, active account: a deactivated official keeps no access."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def require_signed_in(user: Any) -> None:
    if not signed_in(user):
        raise PermissionDeniedError(_("Vui lòng đăng nhập."))


def forbidden() -> PermissionDeniedError:
    """The refusal of an action the policy does not allow, with the one message for it."""
    return PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này."))
