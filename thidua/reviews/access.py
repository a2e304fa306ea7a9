"""Who may organise and read a board's votes of confidence.

The board's leader (who approves for the unit) and the secretariat organise; the board's staff
and those above it read; another board does not even learn that the vote exists. Counting and
confirming a paper count is the counting committee's, as the voting app decides.
"""

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.core.access import forbidden, signed_in
from thidua.orgs.models import Unit
from thidua.reviews.models import ConfidenceSession


def may_organise(user: User | AnonymousUser, unit: Unit) -> bool:
    return signed_in(user) and (
        may(user, Action.ORGS_MANAGE) or may(user, Action.UNIT_APPROVE, unit)
    )


def may_read(user: User | AnonymousUser, session: ConfidenceSession) -> bool:
    return signed_in(user) and may(user, Action.UNIT_VIEW_INTERNAL, session.unit)


def require(allowed: bool) -> None:
    if not allowed:
        raise forbidden()


__all__ = ["may_organise", "may_read", "require"]
