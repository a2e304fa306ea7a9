"""The rules a reported figure must follow, checked before a report (by the form, an upload or
the API) writes anything."""

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from thidua.core.numbers import number_text
from thidua.indicators.models import Indicator, IndicatorKind

# A figure is stored with two decimals below 10^14 (ReportValue.value).
MAX_VALUE = Decimal(10) ** 14
MAX_NOTE = 400

# x, and y for a share: {"staff_streamlined_share": (Decimal(2489), Decimal(22345))}.
Values = Mapping[str, tuple[Decimal, Decimal | None]]


def value_problems(indicator: Indicator, x: Decimal, y: Decimal | None) -> list[str]:
    """Why x (and y) cannot be this indicator's figure; empty when they can."""
    problems: list[str] = []
    for number in (x, y):
        if number is None:
            continue
        exponent = number.as_tuple().exponent
        if not number.is_finite() or abs(number) >= MAX_VALUE:
            problems.append(_("Số liệu quá lớn."))
        elif isinstance(exponent, int) and exponent < -2:
            problems.append(_("Số liệu có quá hai chữ số thập phân."))
    if problems:
        return problems
    if x < 0 or (y is not None and y < 0):
        return [_("Số liệu không được âm.")]
    kind = indicator.kind
    if kind != IndicatorKind.SHARE and y is not None:
        return [_("Chỉ tiêu này không có mẫu số (y); chỉ nhập x.")]
    if kind == IndicatorKind.SHARE:
        if y is None:
            return [
                _("Chỉ tiêu tỷ lệ cần cả x (%(x)s) và y (%(y)s).")
                % {"x": indicator.numerator_label, "y": indicator.denominator_label}
            ]
        if y == 0:
            return [_("Mẫu số y phải lớn hơn 0.")]
        if y < x:
            return [
                _("Tử số x (%(x)s) không được lớn hơn mẫu số y (%(y)s).")
                % {"x": number_text(x), "y": number_text(y)}
            ]
    elif kind == IndicatorKind.COUNT and x != x.to_integral_value():
        return [_("Số lượng phải là số nguyên.")]
    elif kind == IndicatorKind.PERCENTAGE and x > 100:
        return [_("Tỷ lệ phần trăm phải từ 0 đến 100.")]
    elif kind == IndicatorKind.YES_NO and x not in {0, 1}:
        return [_("Chỉ tiêu có/không chỉ nhận 0 (không) hoặc 1 (có).")]
    return problems


def values_problems(
    values: Values,
    notes: Mapping[str, str] | None = None,
    *,
    kept: Values | None = None,
) -> tuple[dict[str, Indicator], dict[str, list[str]]]:
    """The indicators named by ``values`` and every problem, keyed ``values.<code>``.

    An indicator withdrawn from the catalogue takes no new figure, but a figure entered before
    and ``kept`` unchanged does not block saving the rest of the report.
    """
    catalogue = {i.code: i for i in Indicator.objects.filter(code__in=list(values))}
    problems: dict[str, list[str]] = {}
    for code, (x, y) in values.items():
        indicator = catalogue.get(code)
        if indicator is None:
            found = [_("Không có chỉ tiêu mã “%(code)s” trong danh mục.") % {"code": code}]
        elif not indicator.active and (kept or {}).get(code) != (x, y):
            found = [_("Chỉ tiêu “%(code)s” đã ngừng sử dụng.") % {"code": code}]
        else:
            found = value_problems(indicator, x, y)
        if found:
            problems[f"values.{code}"] = found
    for code, note in (notes or {}).items():
        if note.strip() and code not in values:
            problems.setdefault(f"values.{code}", []).append(
                _("Có ghi chú nhưng chưa nhập số liệu.")
            )
        if len(note) > MAX_NOTE:
            problems.setdefault(f"values.{code}", []).append(
                _("Ghi chú tối đa %(n)s ký tự.") % {"n": MAX_NOTE}
            )
    return catalogue, problems
