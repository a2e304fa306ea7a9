"""Reporting periods, targets, and the rules a figure must follow. Reports are in
``services_reports``, good practices in ``services_practices``."""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.policy import Action, may, require
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.numbers import number_text
from thidua.indicators.access import refuse
from thidua.indicators.models import Indicator, IndicatorKind, PeriodKind, ReportingPeriod, Target
from thidua.orgs.models import Unit

# Years the sector's records can concern: the first seed is of 2015, a long plan ends in 2035.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# A target is stored with two decimals below 10^12 (Target.value); a figure below 10^14
# (ReportValue.value).
MAX_TARGET = Decimal(10) ** 12
MAX_VALUE = Decimal(10) ** 14
MAX_NOTE = 400

# x, and y for a share: {"staff_streamlined_share": (Decimal(2489), Decimal(22345))}.
Values = Mapping[str, tuple[Decimal, Decimal | None]]


def _period_problems(
    *, year: int, kind: str, title: str, as_of: dt.date, deadline: dt.datetime
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problems["year"] = [_("Năm phải từ %(a)s đến %(b)s.") % {"a": FIRST_YEAR, "b": LAST_YEAR}]
    if kind not in PeriodKind.values:
        problems["kind"] = [_("Loại kỳ báo cáo không hợp lệ.")]
    if not title or len(title) > 200:
        problems["title"] = [_("Tên kỳ báo cáo bắt buộc, tối đa 200 ký tự.")]
    if as_of.year != year:
        problems["as_of"] = [_("Ngày chốt số liệu phải thuộc năm %(year)s.") % {"year": year}]
    if timezone.is_naive(deadline):
        problems["deadline"] = [_("Hạn nộp phải kèm múi giờ.")]
    elif timezone.localdate(deadline) < as_of:
        problems["deadline"] = [_("Hạn nộp không được trước ngày chốt số liệu.")]
    return problems


def period_create(
    *,
    actor: Any,
    year: int,
    kind: str,
    title: str,
    as_of: dt.date,
    deadline: dt.datetime,
) -> ReportingPeriod:
    """The secretariat opens a period: one mid-year and one year-end period a year, any number
    of ad hoc ones."""
    require(actor, Action.ORGS_MANAGE)
    title = " ".join(title.split())
    problems = _period_problems(year=year, kind=kind, title=title, as_of=as_of, deadline=deadline)
    if problems:
        raise ValidationFailedError(_("Kỳ báo cáo chưa hợp lệ."), problems)
    with transaction.atomic():
        if (
            kind != PeriodKind.AD_HOC
            and ReportingPeriod.objects.filter(year=year, kind=kind).exists()
        ):
            raise DomainError(
                _("Đã có kỳ “%(kind)s” năm %(year)s.")
                % {"kind": PeriodKind(kind).label, "year": year},
                field="kind",
            )
        period = ReportingPeriod.objects.create(
            year=year, kind=kind, title=title, as_of=as_of, deadline=deadline
        )
        audit_record(
            actor=actor,
            action="reporting_period.create",
            obj=period,
            after={"year": year, "kind": kind, "as_of": as_of, "deadline": deadline},
        )
    return period


def period_deadline_set(
    *, actor: Any, period: ReportingPeriod, deadline: dt.datetime
) -> ReportingPeriod:
    """Move a period's deadline: an extension, or the real deadline of a past period recorded
    once its reports are in."""
    require(actor, Action.ORGS_MANAGE)
    problems = _period_problems(
        year=period.year,
        kind=period.kind,
        title=period.title,
        as_of=period.as_of,
        deadline=deadline,
    )
    if problems:
        raise ValidationFailedError(_("Hạn nộp chưa hợp lệ."), problems)
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        before = period.deadline
        period.deadline = deadline
        period.save(update_fields=["deadline"])
        audit_record(
            actor=actor,
            action="reporting_period.deadline_set",
            obj=period,
            before={"deadline": before},
            after={"deadline": deadline},
        )
    return period


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
    actor: Any,
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
        raise refuse()
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
