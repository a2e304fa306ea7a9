"""The Excel import of a year's ratings and titles for a unit's staff: download the template,
upload a filled file, read the preview (every bad cell, or what would be written), confirm.

Between the preview and the confirmation the file travels in the page itself (base64 in a
hidden field), so no upload is kept on the server; the confirmation checks it whole again.
"""

import base64
import binascii
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.awards.access import may_keep_unit_records, require
from thidua.awards.excel.template import template_build
from thidua.awards.forms import ImportForm
from thidua.awards.selectors.records import records_unit_get_for, unit_records
from thidua.awards.services.records.importing import import_apply, import_plan
from thidua.awards.views.query import year_param
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.core.xlsx import MAX_UPLOAD_BYTES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def import_template(request: AuthenticatedHttpRequest, unit_id: int) -> FileResponse:
    unit = records_unit_get_for(user=request.user, pk=unit_id)
    require(may_keep_unit_records(request.user, unit))
    year = year_param(request)
    staff = unit_records(user=request.user, unit=unit, year=year).staff
    return FileResponse(
        io.BytesIO(template_build(unit, year, staff)),
        as_attachment=True,
        filename=f"xep-loai-{unit.code}-{year}.xlsx",
        content_type=XLSX,
    )


def _content(request: AuthenticatedHttpRequest) -> bytes | None:
    """The file: uploaded now, or carried by the preview's hidden field."""
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise ValidationFailedError(
                _("Tệp tải lên quá lớn (tối đa %(mb)s MB).") % {"mb": MAX_UPLOAD_BYTES // 1024**2},
                {},
            )
        return bytes(upload.read())
    carried = request.POST.get("content", "")
    if not carried:
        return None
    try:
        return base64.b64decode(carried, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationFailedError(_("Tệp đã bị hỏng; hãy tải lên lại."), {}) from exc


@require_http_methods(["GET", "POST"])
@login_required
def import_page(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = records_unit_get_for(user=request.user, pk=unit_id)
    require(may_keep_unit_records(request.user, unit))
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"unit": unit, "form": form, "year": year_param(request)}
    if request.method != "POST":
        return render(request, "awards/import.html", context)
    form.fields["file"].required = "content" not in request.POST
    if not form.is_valid():
        return render(request, "awards/import.html", context, status=400)
    year = form.cleaned_data["year"]
    context["year"] = year
    try:
        content = _content(request)
        if content is None:
            raise ValidationFailedError(_("Chưa chọn tệp Excel để tải lên."), {})
        if request.POST.get("confirm"):
            plan = import_apply(actor=request.user, unit=unit, year=year, content=content)
            messages.success(
                request,
                _(
                    "Đã nhập năm %(year)s: %(people)s người mới, %(ratings)s xếp loại, "
                    "%(grants)s danh hiệu, %(initiatives)s sáng kiến."
                )
                % {
                    "year": year,
                    "people": plan.new_people,
                    "ratings": plan.ratings,
                    "grants": plan.grants,
                    "initiatives": plan.initiatives,
                },
            )
            return redirect(f"{_unit_url(unit.pk)}?nam={year}")
        plan = import_plan(actor=request.user, unit=unit, year=year, content=content)
    except PermissionDeniedError:
        raise
    except ValidationFailedError as refused:
        context.update(message=refused.message, problems=refused.problems)
        return render(request, "awards/import.html", context, status=400)
    except DomainError as refused:
        context.update(message=refused.message, problems={})
        return render(request, "awards/import.html", context, status=400)
    context.update(plan=plan, content=base64.b64encode(content).decode("ascii"))
    return render(request, "awards/import.html", context)


def _unit_url(unit_id: int) -> str:
    return reverse("awards:unit_records", kwargs={"unit_id": unit_id})
