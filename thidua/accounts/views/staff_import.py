"""A board's staff accounts from Excel: the template to fill, and the upload that creates
them all or none."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.excel.read import staff_sheet_read
from thidua.accounts.excel.template import staff_template_build
from thidua.accounts.forms import StaffImportForm
from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import Action, require
from thidua.accounts.selectors import account_units_for
from thidua.accounts.services.staff_import import staff_import
from thidua.accounts.views.people import list_page
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.xlsx import MAX_UPLOAD_BYTES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def staff_template(request: AuthenticatedHttpRequest) -> FileResponse:
    require(request.user, Action.ACCOUNTS_MANAGE)
    units = list(account_units_for(user=request.user, today=timezone.localdate()))
    return FileResponse(
        io.BytesIO(staff_template_build(units)),
        as_attachment=True,
        filename="mau-tai-khoan-can-bo.xlsx",
        content_type=XLSX,
    )


@require_POST
@login_required
def staff_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Action.ACCOUNTS_MANAGE)
    form = StaffImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return list_page(request, import_form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_UPLOAD_BYTES:
            raise DomainError(
                _("Tệp tải lên quá lớn (tối đa %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 1024**2}
            )
        created = staff_import(actor=request.user, rows=staff_sheet_read(upload.read()))
    except DomainError as error:
        form.add_error("file", error.message)
        problems = error.problems if isinstance(error, ValidationFailedError) else {}
        return list_page(request, import_form=form, import_problems=problems, status=400)
    messages.success(
        request,
        ngettext(
            "Đã tạo %(n)s tài khoản từ tệp Excel. Tài khoản chưa có mật khẩu: hãy cấp cho "
            "từng người một liên kết đặt mật khẩu từ trang tài khoản của họ.",
            "Đã tạo %(n)s tài khoản từ tệp Excel. Tài khoản chưa có mật khẩu: hãy cấp cho "
            "từng người một liên kết đặt mật khẩu từ trang tài khoản của họ.",
            len(created),
        )
        % {"n": len(created)},
    )
    return redirect("accounts:accounts")
