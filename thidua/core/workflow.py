"""The machinery every workflow shares: refuse a move its table does not allow, and write the
history row of a move that was made.

Each app keeps its own table of moves beside its statuses (plans' stages and submissions,
indicators' reports); this module knows no status of any app, so every floor may use it.
"""

from collections.abc import Mapping

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.core.models import Transition

# A status -> the statuses it may move to.
Moves = Mapping[str, frozenset[str]]


def transition_check(
    moves: Moves, current: str, target: str, *, labels: Mapping[str, str | Promise]
) -> None:
    if target not in moves.get(current, frozenset()):
        raise DomainError(
            _("Không thể chuyển từ “%(frm)s” sang “%(to)s”.")
            % {"frm": labels.get(current, current), "to": labels.get(target, target)}
        )


def transition_record(
    *,
    obj: models.Model,
    from_status: str,
    to_status: str,
    by: AbstractBaseUser | AnonymousUser | None,
    reason: str = "",
) -> Transition:
    return Transition.objects.create(
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        from_status=from_status,
        to_status=to_status,
        by_id=by.pk if by is not None and by.is_authenticated else None,
        reason=reason,
    )
