"""Whether one mark fits its criterion: the checks shared by the pages, Excel and the API."""

from decimal import Decimal

from django.utils.translation import gettext as _

from thidua.core.numbers import number_text
from thidua.plans.models import Criterion, CriterionKind

POINT_KINDS = {CriterionKind.MANUAL, CriterionKind.PASS_FAIL}
VALUE_KINDS = {CriterionKind.TARGET, CriterionKind.OCCURRENCE, CriterionKind.RELATIVE_BEST}
# What the columns hold: points up to 99,999.99, measured values up to 10^12.
POINTS_LIMIT = Decimal(100_000)
VALUE_LIMIT = Decimal(10**12)


def is_linked(criterion: Criterion) -> bool:
    """Whether the criterion's actual value is read from the unit's accepted year-end report
    (issue 4: never entered a second time on the sheet). Only value-kind criteria have a value
    to read; a criterion scored by points keeps its points whatever indicator it names."""
    return criterion.indicator_id is not None and criterion.kind in VALUE_KINDS


def linked_value_refusal() -> str:
    return _(
        "Số liệu của tiêu chí này lấy từ báo cáo năm đã được tiếp nhận, không nhập trên phiếu."
    )


def mark_problems(
    criterion: Criterion, *, points: Decimal | None, value: Decimal | None
) -> list[str]:
    """Every reason the mark is refused, in Vietnamese; empty when it is acceptable."""
    problems = []
    for amount, limit in ((points, POINTS_LIMIT), (value, VALUE_LIMIT)):
        if amount is None:
            continue
        if amount.as_tuple().exponent < -2:  # type: ignore[operator]
            return [_("Chỉ được nhập tối đa hai chữ số thập phân.")]
        if abs(amount) >= limit:
            return [_("Số quá lớn.")]
    if criterion.kind in POINT_KINDS:
        if value is not None:
            problems.append(_("Tiêu chí này chấm bằng điểm, không nhập số liệu."))
        if points is None:
            return problems
        if points < 0:
            problems.append(_("Điểm không được âm."))
        elif points > criterion.maximum:
            problems.append(
                _("Điểm %(p)s vượt điểm tối đa %(max)s.")
                % {"p": number_text(points), "max": number_text(criterion.maximum)}
            )
        elif criterion.kind == CriterionKind.PASS_FAIL and points not in {0, criterion.maximum}:
            problems.append(
                _("Tiêu chí đạt/không đạt chỉ nhận 0 hoặc %(max)s điểm.")
                % {"max": number_text(criterion.maximum)}
            )
        elif criterion.step and points % criterion.step:
            problems.append(
                _("Điểm phải theo bước %(step)s.") % {"step": number_text(criterion.step)}
            )
    elif criterion.kind in VALUE_KINDS:
        if points is not None:
            problems.append(_("Tiêu chí này nhập số liệu thực hiện, điểm do hệ thống tính."))
        if value is not None and is_linked(criterion):
            problems.append(linked_value_refusal())
        elif value is not None and value < 0:
            problems.append(_("Số liệu không được âm."))
    else:
        problems.append(_("Nhóm tiêu chí không chấm trực tiếp."))
    return problems
