"""Reads of the indicator catalogue and of the targets set against it.

The catalogue is the sector's shared reference: every signed-in official reads it, and the
point scales above name its indicators by code.
"""

from collections.abc import Collection

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.access import require_signed_in
from thidua.core.errors import NotFoundError
from thidua.indicators.models import Indicator, Target
from thidua.orgs.models import Unit


def indicator_list_for(*, user: User | AnonymousUser) -> QuerySet[Indicator]:
    """The catalogue: the indicators in use, in their set order."""
    require_signed_in(user)
    return Indicator.objects.filter(active=True).order_by("position", "code")


def indicator_unknown(code: str) -> NotFoundError:
    """The refusal of a code the catalogue does not hold."""
    return NotFoundError(_("Không có chỉ tiêu “%(code)s” trong danh mục.") % {"code": code})


def indicator_by_code(code: str) -> Indicator:
    """The catalogue's indicator of ``code``, for a criterion that names it (the builder's form);
    refuses a code the catalogue does not hold."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise indicator_unknown(code)
    return indicator


def indicators_by_code(codes: Collection[str]) -> dict[str, Indicator]:
    """The catalogue's indicators of ``codes`` in one query (none for no codes): a document
    names many; the codes missing from the answer are not in the catalogue."""
    if not codes:
        return {}
    return {i.code: i for i in Indicator.objects.filter(code__in=codes)}


def indicator_get_for(*, user: User | AnonymousUser, code: str) -> Indicator:
    """An indicator by its code, retired ones included (old reports still roll up)."""
    require_signed_in(user)
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise NotFoundError(_("Không tìm thấy chỉ tiêu “%(code)s”.") % {"code": code})
    return indicator


def targets_in_force(*, unit: Unit, year: int) -> dict[str, Target]:
    """The unit's target of each indicator covering ``year``; the narrowest span wins (a yearly
    milestone inside a multi-year target)."""
    found: dict[str, Target] = {}
    rows = (
        Target.objects.filter(unit=unit, start_year__lte=year, end_year__gte=year)
        .select_related("indicator")
        .order_by("indicator__code", "-start_year", "end_year")
    )
    for target in rows:
        code = target.indicator.code
        span = target.end_year - target.start_year
        if code not in found or span < found[code].end_year - found[code].start_year:
            found[code] = target
    return found
