"""Which indicator a criterion of a point scale may name.

The indicator catalogue lives in ``indicators``, an app above ``plans``; it registers its
lookup here when it loads, so that a scale refuses a code the catalogue does not hold without
``plans`` importing from above. With no lookup registered only the kind is checked.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from thidua.plans.models import CriterionKind

# The kinds whose actual value is a measured figure, the only ones a report can supply.
LINKABLE_KINDS = frozenset(
    {CriterionKind.TARGET, CriterionKind.OCCURRENCE, CriterionKind.RELATIVE_BEST}
)

_known_codes: Callable[[str], bool] | None = None


def indicator_lookup_register(known: Callable[[str], bool]) -> None:
    global _known_codes
    _known_codes = known


def indicator_link_problems(code: str, kind: str) -> list[str]:
    if not code:
        return []
    problems = []
    if kind not in LINKABLE_KINDS:
        problems.append(
            _(
                "Chỉ tiêu chí nhập số liệu (so với chỉ tiêu, theo số lần, so với đơn vị cao nhất) "
                "mới gắn được với chỉ tiêu báo cáo."
            )
        )
    if _known_codes is not None and not _known_codes(code):
        problems.append(_("Không có chỉ tiêu “%(code)s” trong danh mục.") % {"code": code})
    return problems
