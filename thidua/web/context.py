from typing import Any

from django.http import HttpRequest

from thidua.accounts.policy import Action, may


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"can_view_audit": bool(user) and may(user, Action.AUDIT_VIEW)}
