"""A unit's report of a period: the staff's form, files and Excel, the leader's submission, the
decision of the cluster head or the secretariat, and corrections after acceptance.

Every action answers with the page itself when refused, the typed values kept and each problem
beside its field; the services write nothing on a refusal. Before a unit's first save its staff
see the empty form and may download the empty Excel sheet; a GET never creates a report, the
first save (the form or an upload) does, through report_save."""

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.access import forbidden
from thidua.core.errors import (
    DomainError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from thidua.core.files import attachment
from thidua.core.xlsx import MAX_UPLOAD_BYTES
from thidua.indicators import access
from thidua.indicators.excel.sheet import report_sheet_build
from thidua.indicators.excel.upload import report_sheet_upload
from thidua.indicators.forms.reports import CorrectionForm, FileForm, ReasonForm, ReportForm
from thidua.indicators.models import Report, ReportStatus
from thidua.indicators.selectors.reports import ReportPage, report_page_for
from thidua.indicators.services import reports as services_reports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report_form(page: ReportPage, data: Any = None) -> ReportForm:
    initial: dict[str, Any] = {}
    if page.report is not None:
        initial = {t: getattr(page.report, t) for t in ("results", "limitations", "directions")}
    for row in page.rows:
        if row.value is not None:
            code = row.indicator.code
            initial[f"x_{code}"] = row.value.value
            initial[f"y_{code}"] = row.value.denominator
            initial[f"note_{code}"] = row.value.note
    return ReportForm(data, rows=page.rows, initial=initial)


def _correction_form(page: ReportPage, data: Any = None) -> CorrectionForm:
    initial: dict[str, Any] = {}
    for row in page.rows:
        if row.value is not None:
            initial[f"x_{row.indicator.code}"] = row.value.value
            initial[f"y_{row.indicator.code}"] = row.value.denominator
    return CorrectionForm(data, rows=page.rows, initial=initial)


def _render(
    request: HttpRequest,
    page: ReportPage,
    *,
    form: ReportForm | None = None,
    correction: CorrectionForm | None = None,
    reason: ReasonForm | None = None,
    upload: FileForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    user, report = request.user, page.report
    status = report.status if report else ReportStatus.DRAFT
    writable = status in access.WRITABLE and access.may_prepare(user, page.unit)
    decider = report is not None and access.may_decide(user, report)
    bound = [f for f in (form, correction, reason, upload) if f is not None and f.is_bound]
    refused = bool(errors) or any(f.errors for f in bound)
    context = {
        "page": page,
        "report": report,
        "status": status,
        "writable": writable,
        "form": form or (_report_form(page) if writable else None),
        "may_submit": writable and report is not None and access.may_submit(user, page.unit),
        "may_decide": decider and status == ReportStatus.SUBMITTED,
        "reason_form": reason or ReasonForm(),
        "may_correct": report is not None
        and status == ReportStatus.ACCEPTED
        and access.may_correct(user, report),
        "correction": correction or _correction_form(page),
        "upload": upload or FileForm(),
        "errors": errors or [],
        "max_mb": MAX_UPLOAD_BYTES // 1024**2,
    }
    return render(request, "indicators/report.html", context, status=400 if refused else 200)


def _here(page: ReportPage) -> str:
    return reverse("indicators:report", args=[page.period.pk, page.unit.pk])


def _existing(page: ReportPage) -> Report:
    if page.report is None:
        raise NotFoundError(_("Đơn vị chưa lập báo cáo cho kỳ này."))
    return page.report


@require_http_methods(["GET", "POST"])
@login_required
def report(request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    if request.method == "GET":
        return _render(request, page)
    if not access.may_prepare(request.user, page.unit):
        raise forbidden()
    form = _report_form(page, request.POST)
    if form.is_valid():
        try:
            services_reports.report_save(
                actor=request.user,
                unit=page.unit,
                period=page.period,
                values=form.figures(),
                notes=form.notes(),
                **{t: form.cleaned_data[t] for t in ("results", "limitations", "directions")},
            )
        except PermissionDeniedError:
            raise
        except DomainError as error:
            form.show(error)
        else:
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect(_here(page))
    return _render(request, page, form=form)


@require_POST
@login_required
def report_submit(request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    if not access.may_submit(request.user, page.unit):
        raise PermissionDeniedError(_("Chỉ lãnh đạo đơn vị mới gửi được báo cáo."))
    if page.report is None:
        return _render(request, page, errors=[_("Hãy lưu báo cáo trước khi gửi.")])
    try:
        services_reports.report_submit(actor=request.user, report=page.report)
    except PermissionDeniedError:
        raise
    except DomainError as error:
        return _render(request, page, errors=[error.message])
    messages.success(request, _("Đã gửi báo cáo."))
    return redirect(_here(page))


@require_POST
@login_required
def report_accept(request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    try:
        services_reports.report_accept(actor=request.user, report=_existing(page))
    except (PermissionDeniedError, NotFoundError):
        raise
    except DomainError as error:
        return _render(request, page, errors=[error.message])
    messages.success(request, _("Đã tiếp nhận báo cáo."))
    return redirect(_here(page))


@require_POST
@login_required
def report_return(request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    report = _existing(page)
    access.require_decide(request.user, report)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            returned = services_reports.report_return(
                actor=request.user, report=report, reason=form.cleaned_data["reason"]
            )
        except PermissionDeniedError:
            raise
        except DomainError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, _("Đã trả lại báo cáo."))
            # A returned report is the unit's own again: a decider outside the unit goes back
            # to the period's list, where the report shows as returned.
            if access.may_read(request.user, returned):
                return redirect(_here(page))
            return redirect("indicators:period", page.period.pk)
    return _render(request, page, reason=form)


@require_POST
@login_required
def report_correct(request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int) -> HttpResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    report = _existing(page)
    access.require_correct(request.user, report)
    form = _correction_form(page, request.POST)
    if form.is_valid():
        try:
            services_reports.report_correct(
                actor=request.user,
                report=report,
                values=form.figures(),
                reason=form.cleaned_data["reason"],
            )
        except PermissionDeniedError:
            raise
        except DomainError as error:
            form.show(error)
        else:
            messages.success(request, _("Đã điều chỉnh số liệu; lịch sử được lưu lại."))
            return redirect(_here(page))
    return _render(request, page, correction=form)


@require_POST
@login_required
def report_file_attach(
    request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int
) -> HttpResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    report = _existing(page)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services_reports.report_file_attach(
                actor=request.user, report=report, name=upload.name, content=upload.read()
            )
        except PermissionDeniedError:
            raise
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
            return redirect(_here(page))
    return _render(request, page, upload=form)


@require_GET
@login_required
def report_file(
    request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int, file_pk: int
) -> FileResponse:
    """A report's evidence, for whoever may read the report; only ever as a download."""
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    file = next((f for f in page.files if f.pk == file_pk), None)
    if file is None:
        raise NotFoundError(_("Tệp không thuộc báo cáo này."))
    return attachment(file)


@require_POST
@login_required
def report_file_detach(
    request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int, file_pk: int
) -> HttpResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    report = _existing(page)
    file = next((f for f in page.files if f.pk == file_pk), None)
    if file is None:
        raise NotFoundError(_("Tệp không thuộc báo cáo này."))
    try:
        services_reports.report_file_detach(actor=request.user, report=report, file=file)
    except PermissionDeniedError:
        raise
    except DomainError as error:
        return _render(request, page, errors=[error.message])
    messages.success(request, _("Đã gỡ tệp."))
    return redirect(_here(page))


@require_GET
@login_required
def report_excel(request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int) -> FileResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    return FileResponse(
        io.BytesIO(report_sheet_build(report=page.report_or_blank())),
        as_attachment=True,
        filename=f"bao-cao-{page.unit.code}-{page.period.year}-{page.period.pk}.xlsx",
        content_type=XLSX,
    )


@require_POST
@login_required
def report_excel_upload(
    request: AuthenticatedHttpRequest, period_pk: int, unit_pk: int
) -> HttpResponse:
    page = report_page_for(user=request.user, period_pk=period_pk, unit_pk=unit_pk)
    if not access.may_prepare(request.user, page.unit):
        raise forbidden()
    upload = request.FILES.get("file")
    if upload is None:
        return _render(request, page, errors=[_("Chưa chọn tệp Excel để tải lên.")])
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        message = _("Tệp tải lên quá lớn (tối đa %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 1024**2}
        return _render(request, page, errors=[message])
    try:
        saved = report_sheet_upload(
            actor=request.user, report=page.report_or_blank(), content=upload.read()
        )
    except PermissionDeniedError:
        raise
    except DomainError as error:
        return _render(request, page, errors=_excel_lines(error))
    messages.success(request, _("Đã lưu %(n)s chỉ tiêu từ tệp Excel.") % {"n": saved})
    return redirect(_here(page))


def _excel_lines(error: DomainError) -> list[str]:
    """The refusal, then each bad cell with its place (a row and an indicator code)."""
    problems = error.problems if isinstance(error, ValidationFailedError) else {}
    lines = [error.message]
    for place, found in problems.items():
        for message in found:
            lines.append(
                _("%(place)s: %(message)s") % {"place": place, "message": message}
                if place
                else message
            )
    return lines
