"""A unit's periodic report: draft → submitted by the leader → accepted or returned.

Every figure is checked against its indicator before anything is written. A report that has
been accepted is never reopened: its figures change only through ``report_correct``, which
keeps the value before and after with a reason and bumps the revision.
"""

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.dates import datetime_text
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.files import stored_file_create
from thidua.core.models import StoredFile
from thidua.core.workflow import transition_check, transition_record
from thidua.indicators import access
from thidua.indicators.models import (
    PeriodScope,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    ReportValueChange,
)
from thidua.indicators.selectors.periods import period_includes
from thidua.indicators.selectors.reports import report_values
from thidua.indicators.services.figures import Values, values_problems
from thidua.orgs.models import Unit

DRAFT, SUBMITTED, ACCEPTED, RETURNED = (
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.ACCEPTED,
    ReportStatus.RETURNED,
)
# Unlike a registration, an accepted report is not returned: a later change is a correction
# with its history, so the figures others have rolled up never change silently.
REPORT_MOVES: Mapping[str, frozenset[str]] = {
    DRAFT: frozenset({SUBMITTED}),
    RETURNED: frozenset({SUBMITTED}),
    SUBMITTED: frozenset({ACCEPTED, RETURNED}),
    ACCEPTED: frozenset(),
}
_LABELS = dict(ReportStatus.choices)
MAX_TEXT, MAX_REASON = 20_000, 2_000


def _require_open(report: Report | None, period: ReportingPeriod) -> None:
    """A draft is written only before the deadline; a returned report may be reworked after it,
    since the return itself asked for the change."""
    status = report.status if report else DRAFT
    if status not in access.WRITABLE:
        raise DomainError(
            _("Báo cáo đang ở trạng thái “%(status)s”, không sửa được.")
            % {"status": _LABELS[status]}
        )
    if status == DRAFT and timezone.now() > period.deadline:
        raise DomainError(
            _("Đã quá hạn nộp báo cáo kỳ “%(period)s” (hạn %(deadline)s).")
            % {
                "period": period.title,
                "deadline": datetime_text(period.deadline),
            }
        )


def _require_asked(unit: Unit, period: ReportingPeriod) -> None:
    """A cluster's or a department's period asks only the members of its clusters."""
    if period.scope != PeriodScope.SECTOR and not period_includes(period, unit):
        raise DomainError(
            _("Kỳ “%(period)s” (%(scope)s) không yêu cầu %(unit)s báo cáo.")
            % {"period": period.title, "scope": period.scope_text, "unit": unit.name}
        )


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit", "period")
        .get(pk=report.pk)
    )


def _snapshot(report: Report) -> dict[str, list[str | None]]:
    return {
        v.indicator.code: [str(v.value), None if v.denominator is None else str(v.denominator)]
        for v in report.values.select_related("indicator")
    }


def report_require_writable(actor: User, report: Report) -> None:
    """Refuse early (before reading an upload) what ``report_save`` would refuse."""
    access.require_prepare(actor, report.unit)
    _require_open(report, report.period)


def report_save(
    *,
    actor: User,
    unit: Unit,
    period: ReportingPeriod,
    values: Values,
    results: str,
    limitations: str,
    directions: str,
    notes: Mapping[str, str] | None = None,
) -> Report:
    """Save the unit's draft: ``values`` is the whole set of figures (an indicator left out has
    no figure); ``notes`` None keeps the notes of the figures kept."""
    access.require_prepare(actor, unit)
    if not unit.is_valid_in_year(period.year):
        raise DomainError(
            _("Đơn vị %(unit)s không hoạt động trong năm %(year)s.")
            % {"unit": unit.name, "year": period.year}
        )
    _require_asked(unit, period)
    existing = Report.objects.filter(unit=unit, period=period).first()
    _require_open(existing, period)
    catalogue, problems = values_problems(values, notes, kept=report_values(existing))
    texts = {"results": results, "limitations": limitations, "directions": directions}
    for field, text in texts.items():
        if len(text) > MAX_TEXT:
            problems[field] = [_("Nội dung tối đa %(n)s ký tự.") % {"n": MAX_TEXT}]
    if problems:
        raise ValidationFailedError(_("Số liệu báo cáo chưa hợp lệ, chưa lưu gì."), problems)
    with transaction.atomic():
        report = _locked(Report.objects.get_or_create(unit=unit, period=period)[0])
        _require_open(report, period)
        before = _snapshot(report)
        kept = {v.indicator_id: v for v in report.values.all()}
        report.values.exclude(indicator__code__in=list(values)).delete()
        for code, (x, y) in values.items():
            indicator = catalogue[code]
            old = kept.get(indicator.pk)
            note = notes.get(code, "") if notes is not None else (old.note if old else "")
            ReportValue.objects.update_or_create(
                report=report,
                indicator=indicator,
                defaults={"value": x, "denominator": y, "note": note.strip()},
            )
        for field, text in texts.items():
            setattr(report, field, text.strip())
        report.save()
        audit_record(
            actor=actor,
            action="report.save",
            obj=report,
            before={"values": before},
            after={"values": _snapshot(report)},
        )
    return report


def report_file_attach(*, actor: User, report: Report, name: str, content: bytes) -> StoredFile:
    """Evidence for the report; its type, size and content are checked by the file store."""
    report_require_writable(actor, report)
    with transaction.atomic():
        report = _locked(report)
        _require_open(report, report.period)
        stored = stored_file_create(name=name, content=content)
        report.files.add(stored)
        audit_record(
            actor=actor,
            action="report.file_attach",
            obj=report,
            after={"file": stored.name, "sha256": stored.sha256, "size": stored.size},
        )
    return stored


def report_file_detach(*, actor: User, report: Report, file: StoredFile) -> None:
    report_require_writable(actor, report)
    with transaction.atomic():
        report = _locked(report)
        _require_open(report, report.period)
        if not report.files.filter(pk=file.pk).exists():
            raise DomainError(_("Tệp không thuộc báo cáo này."))
        report.files.remove(file)
        audit_record(
            actor=actor, action="report.file_detach", obj=report, before={"file": file.name}
        )


def _reason(reason: str, *, missing: str) -> str:
    reason = reason.strip()
    if not reason:
        raise DomainError(missing, field="reason")
    if len(reason) > MAX_REASON:
        raise DomainError(_("Lý do tối đa %(n)s ký tự.") % {"n": MAX_REASON}, field="reason")
    return reason


def _move(report: Report, target: str, *, by: User, reason: str = "") -> str:
    transition_check(REPORT_MOVES, report.status, target, labels=_LABELS)
    before = str(report.status)
    report.status = target
    transition_record(obj=report, from_status=before, to_status=target, by=by, reason=reason)
    return before


def report_submit(*, actor: User, report: Report) -> Report:
    """The unit's leader submits; not every indicator needs a figure, but one at least."""
    access.require_submit(actor, report.unit)
    with transaction.atomic():
        report = _locked(report)
        transition_check(REPORT_MOVES, report.status, SUBMITTED, labels=_LABELS)
        _require_asked(report.unit, report.period)
        _require_open(report, report.period)
        if not report.values.exists():
            raise DomainError(_("Báo cáo chưa có số liệu nào; hãy nhập ít nhất một chỉ tiêu."))
        before = _move(report, SUBMITTED, by=actor)
        report.submitted_by, report.submitted_at = actor, timezone.now()
        report.save()
        audit_record(
            actor=actor,
            action="report.submit",
            obj=report,
            before={"status": before},
            after={"status": report.status},
        )
    return report


def report_accept(*, actor: User, report: Report) -> Report:
    access.require_decide(actor, report)
    with transaction.atomic():
        report = _locked(report)
        before = _move(report, ACCEPTED, by=actor)
        report.decided_by, report.decided_at = actor, timezone.now()
        report.return_reason = ""
        report.save()
        audit_record(
            actor=actor,
            action="report.accept",
            obj=report,
            before={"status": before},
            after={"status": report.status},
        )
    return report


def report_return(*, actor: User, report: Report, reason: str) -> Report:
    access.require_decide(actor, report)
    reason = _reason(reason, missing=_("Phải ghi lý do trả lại."))
    with transaction.atomic():
        report = _locked(report)
        before = _move(report, RETURNED, by=actor, reason=reason)
        report.decided_by, report.decided_at = actor, timezone.now()
        report.return_reason = reason
        report.save()
        audit_record(
            actor=actor,
            action="report.return",
            obj=report,
            before={"status": before},
            after={"status": report.status, "reason": reason},
        )
    return report


def report_correct(*, actor: User, report: Report, values: Values, reason: str) -> Report:
    """Change figures of an accepted report; each change is kept with the value it replaced.

    ``values`` holds only the figures that change (or are added); the report stays accepted.
    """
    access.require_correct(actor, report)
    if report.status != ACCEPTED:
        raise DomainError(_("Chỉ điều chỉnh số liệu của báo cáo đã được tiếp nhận."))
    reason = _reason(reason, missing=_("Phải ghi lý do điều chỉnh số liệu."))
    catalogue, problems = values_problems(values)
    if problems:
        raise ValidationFailedError(_("Số liệu điều chỉnh chưa hợp lệ, chưa lưu gì."), problems)
    with transaction.atomic():
        report = _locked(report)
        if report.status != ACCEPTED:
            raise DomainError(_("Chỉ điều chỉnh số liệu của báo cáo đã được tiếp nhận."))
        current = {v.indicator_id: v for v in report.values.all()}
        changed = {
            code: xy
            for code, xy in values.items()
            if (old := current.get(catalogue[code].pk)) is None
            or (old.value, old.denominator) != xy
        }
        if not changed:
            raise DomainError(_("Không có số liệu nào thay đổi."))
        report.revision += 1
        report.save(update_fields=["revision"])
        for code, (x, y) in changed.items():
            indicator = catalogue[code]
            old = current.get(indicator.pk)
            ReportValueChange.objects.create(
                report=report,
                indicator=indicator,
                old_value=old.value if old else None,
                old_denominator=old.denominator if old else None,
                new_value=x,
                new_denominator=y,
                revision=report.revision,
                reason=reason,
                changed_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            ReportValue.objects.update_or_create(
                report=report, indicator=indicator, defaults={"value": x, "denominator": y}
            )
        audit_record(
            actor=actor,
            action="report.correct",
            obj=report,
            before={c: _pair(current.get(catalogue[c].pk)) for c in changed},
            after={"values": {c: [str(x), y] for c, (x, y) in changed.items()}, "reason": reason},
        )
    return report


def _pair(value: ReportValue | None) -> list[Decimal | None] | None:
    return None if value is None else [value.value, value.denominator]
