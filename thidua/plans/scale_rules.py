"""The rules a point scale must satisfy before it is frozen: the maxima add up."""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from thidua.core.errors import ValidationFailedError
from thidua.core.numbers import number_text
from thidua.plans.models import Criterion, CriterionKind, Scale, Section


def scale_problems(scale: Scale, criteria: list[Criterion] | None = None) -> dict[str, list[str]]:
    """Every reason the scale does not add up, keyed by criterion code ("" for the scale)."""
    nodes = criteria if criteria is not None else list(scale.criteria.all())
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    problems: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        kids = children.get(node.pk, [])
        if node.kind == CriterionKind.GROUP:
            if not kids:
                problems[node.code].append(_("Nhóm tiêu chí chưa có tiêu chí con."))
                continue
            total = sum((k.maximum for k in kids), Decimal(0))
            if total != node.maximum:
                problems[node.code].append(
                    _(
                        "Tổng điểm tối đa các tiêu chí con (%(sum)s) khác điểm tối đa của nhóm "
                        "(%(max)s)."
                    )
                    % {"sum": number_text(total), "max": number_text(node.maximum)}
                )
            if any(k.section != node.section for k in kids):
                problems[node.code].append(
                    _("Các tiêu chí con phải cùng loại điểm (chuẩn, thưởng, trừ) với nhóm.")
                )
        elif kids:
            problems[node.code].append(_("Chỉ nhóm tiêu chí mới có tiêu chí con."))
    base_leaves = [n for n in nodes if n.kind != CriterionKind.GROUP and n.section == Section.BASE]
    base_total = sum((n.maximum for n in base_leaves), Decimal(0))
    if base_total != scale.maximum:
        problems[""].append(
            _(
                "Tổng điểm tối đa các tiêu chí chấm (%(sum)s) khác điểm tối đa của thang điểm "
                "(%(max)s)."
            )
            % {"sum": number_text(base_total), "max": number_text(scale.maximum)}
        )
    return dict(problems)


def scale_check(scale: Scale) -> None:
    problems = scale_problems(scale)
    if problems:
        raise ValidationFailedError(_("Thang điểm chưa khớp, chưa thể ban hành."), problems)
