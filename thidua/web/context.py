from typing import Any

from django.http import HttpRequest

from thidua.accounts.policy import Action, may


def navigation(request: HttpRequest) -> dict[str, Any]:
    # A page rendered before the authentication middleware ran (an early 404) has no user.
    return {"can_view_audit": hasattr(request, "user") and may(request.user, Action.AUDIT_VIEW)}
