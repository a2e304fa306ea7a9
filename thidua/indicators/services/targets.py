"""A unit's targets for an indicator, over one year or several, and the rules they follow."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.audit.services import audit_record
from thidua.core.access import forbidden
from thidua.core.errors import ValidationFailedError
from thidua.indicators.models import Indicator, IndicatorKind, Target
from thidua.indicators.services.periods import FIRST_YEAR, LAST_YEAR
from thidua.orgs.models import Unit

# A target is stored with two decimals below 10^12 (Target.value).
MAX_TARGET = Decimal(10) ** 12


def target_problems(indicator: Indicator, value: Decimal) -> list[str]:
    """A share's target is a percentage; counts and amounts are not negative; yes/no is 0/1."""
    exponent = value.as_tuple().exponent
    if not value.is_finite() or abs(value) >= MAX_TARGET:
        return [_("Chỉ tiêu quá lớn.")]
    if isinstance(exponent, int) and exponent < -2:
        return [_("Chỉ tiêu có quá hai chữ số thập phân.")]
    if value < 0:
        return [_("Chỉ tiêu không được âm.")]
    kind = indicator.kind
    if kind in {IndicatorKind.SHARE, IndicatorKind.PERCENTAGE} and value > 100:
        return [_("Chỉ tiêu tỷ lệ tính bằng phần trăm, từ 0 đến 100.")]
    if kind == IndicatorKind.YES_NO and value not in {0, 1}:
        return [_("Chỉ tiêu có/không chỉ nhận 0 hoặc 1.")]
    if kind == IndicatorKind.COUNT and value != value.to_integral_value():
        return [_("Chỉ tiêu số lượng phải là số nguyên.")]
    return []


def target_set(
    *,
    actor: User,
    unit: Unit,
    indicator: Indicator,
    start_year: int,
    end_year: int,
    value: Decimal,
    basis: str = "",
) -> Target:
    """Set a unit's target over one year or several (10 % by 2021: 2018–2021); setting the same
    years again replaces the value."""
    if not (may(actor, Action.ORGS_MANAGE) or may(actor, Action.UNIT_APPROVE, unit)):
        raise forbidden()
    problems: dict[str, list[str]] = {}
    if not (FIRST_YEAR <= start_year <= end_year <= LAST_YEAR):
        problems["years"] = [_("Năm bắt đầu phải không sau năm kết thúc, trong khoảng hợp lệ.")]
    if not indicator.active:
        problems["indicator"] = [_("Chỉ tiêu này đã ngừng sử dụng.")]
    if found := target_problems(indicator, value):
        problems["value"] = found
    basis = " ".join(basis.split())
    if len(basis) > 400:
        problems["basis"] = [_("Căn cứ tối đa 400 ký tự.")]
    if problems:
        raise ValidationFailedError(_("Chỉ tiêu giao chưa hợp lệ."), problems)
    with transaction.atomic():
        target, created = Target.objects.select_for_update().get_or_create(
            unit=unit,
            indicator=indicator,
            start_year=start_year,
            end_year=end_year,
            defaults={"value": value, "basis": basis},
        )
        before = None if created else {"value": target.value, "basis": target.basis}
        target.value, target.basis = value, basis
        target.save()
        audit_record(
            actor=actor,
            action="target.set",
            obj=target,
            before=before,
            after={"unit": unit.code, "indicator": indicator.code, "value": value, "basis": basis},
        )
    return target
