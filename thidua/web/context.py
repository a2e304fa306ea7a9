from typing import Any

from django.http import HttpRequest

from thidua.accounts.policy import Action, may


def navigation(request: HttpRequest) -> dict[str, Any]:
    # A page rendered before the authentication middleware ran (an early 404) has no user.
    user = getattr(request, "user", None)
    if user is None:
        return {"can_view_audit": False, "can_manage_accounts": False, "can_manage_orgs": False}
    return {
        "can_view_audit": may(user, Action.AUDIT_VIEW),
        # A unit's leader manages their own unit's accounts; the directory and the clusters
        # are the secretariat's.
        "can_manage_accounts": may(user, Action.ACCOUNTS_MANAGE),
        "can_manage_orgs": may(user, Action.ORGS_MANAGE),
    }
