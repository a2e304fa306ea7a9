"""Download and upload of a score sheet as an Excel file."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.core.xlsx import MAX_UPLOAD_BYTES
from thidua.scoring.excel.build import score_sheet_build
from thidua.scoring.models import Assessment
from thidua.scoring.selectors.sheet import score_sheet_get_for
from thidua.scoring.services.excel import score_sheet_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(request: HttpRequest, url: str | None) -> str | None:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else None


def _back(request: HttpRequest) -> str:
    """Where to go after an upload: ``next``, else the page the form was on, else home."""
    return (
        _safe(request, request.POST.get("next"))
        or _safe(request, request.headers.get("Referer"))
        or reverse("web:home")
    )


@require_GET
@login_required
def score_sheet_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    assessment = score_sheet_get_for(user=request.user, pk=pk)
    return FileResponse(
        io.BytesIO(score_sheet_build(assessment)),
        as_attachment=True,
        filename=f"phieu-cham-{assessment.unit.code}-{assessment.stage}.xlsx",
        content_type=XLSX,
    )


def _refused(
    request: HttpRequest, assessment: Assessment, message: str, problems: dict[str, list[str]]
) -> HttpResponse:
    context = {
        "assessment": assessment,
        "message": message,
        "problems": problems,
        "back": _back(request),
    }
    return render(request, "scoring/excel_errors.html", context, status=400)


@require_POST
@login_required
def score_sheet_upload_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = score_sheet_get_for(user=request.user, pk=pk)
    upload = request.FILES.get("file")
    if upload is None:
        return _refused(request, assessment, _("Chưa chọn tệp Excel để tải lên."), {})
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        message = _("Tệp tải lên quá lớn (tối đa %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 1024**2}
        return _refused(request, assessment, message, {})
    try:
        saved = score_sheet_upload(actor=request.user, assessment=assessment, content=upload.read())
    except ValidationFailedError as exc:
        return _refused(request, assessment, exc.message, exc.problems)
    except PermissionDeniedError:
        raise  # the middleware answers 403
    except DomainError as exc:  # a submitted sheet, a closed stage
        return _refused(request, assessment, exc.message, {})
    messages.success(request, _("Đã lưu điểm của %(n)s tiêu chí từ tệp Excel.") % {"n": saved})
    return HttpResponseRedirect(_back(request))
