"""Score entry: a sheet's criteria tree, one criterion saved at a time (HTMX), evidence files,
and submission by the leader."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.files import attachment
from thidua.core.htmx import vary_on_htmx
from thidua.plans.models import Criterion
from thidua.scoring.forms import EvidenceForm, MarkForm
from thidua.scoring.models import Assessment
from thidua.scoring.selectors.sheet import (
    SheetView,
    assessment_get_for,
    evidence_get_for,
    sheet_criterion_get,
    sheet_view_for,
)
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_submit,
    criterion_evidence_attach,
)
from thidua.scoring.views.common import refusal

TYPED_FIELDS = ("points", "value", "explanation")


def _page(
    request: HttpRequest,
    view: SheetView,
    *,
    problems: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    titles = {line.criterion.code: line.criterion for line in view.lines}
    listed = [(titles.get(code), code, texts) for code, texts in (problems or {}).items()]
    return render(
        request,
        "scoring/sheet.html",
        {
            "view": view,
            "sheet": view.assessment,
            "plan": view.assessment.plan,
            "problems": listed,
        },
        status=status,
    )


def _line_response(
    request: AuthenticatedHttpRequest,
    assessment: Assessment,
    criterion: Criterion,
    *,
    errors: list[str],
    saved: bool,
) -> HttpResponse:
    """The criterion again (with its errors and what was typed) and the running total, or
    without HTMX the whole page."""
    view = sheet_view_for(user=request.user, assessment=assessment)
    line = view.line(criterion.code)
    line.errors = errors
    line.saved = saved
    if errors:
        line.typed = {name: request.POST.get(name, "") for name in TYPED_FIELDS}
    if request.htmx:
        return render(
            request,
            "scoring/_criterion_saved.html",
            {"view": view, "line": line, "sheet": assessment},
        )
    if errors:
        return _page(request, view, status=400)
    return redirect(reverse("scoring:sheet", args=[assessment.pk]) + f"#c-{criterion.pk}")


@require_GET
@login_required
def sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_get_for(user=request.user, pk=pk)
    return _page(request, sheet_view_for(user=request.user, assessment=assessment))


@vary_on_htmx
@require_POST
@login_required
def mark_save(request: AuthenticatedHttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    """Save one criterion's mark; a refused mark keeps what was typed and saves nothing."""
    assessment = assessment_get_for(user=request.user, pk=pk)
    criterion = sheet_criterion_get(assessment=assessment, pk=criterion_pk)
    form = MarkForm(request.POST)
    errors: list[str] = []
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    else:
        mark = Mark(
            points=form.cleaned_data["points"],
            value=form.cleaned_data["value"],
            explanation=form.cleaned_data["explanation"],
        )
        try:
            assessment_fill(actor=request.user, assessment=assessment, marks={criterion.code: mark})
        except ValidationFailedError as exc:
            errors = exc.problems.get(criterion.code) or [exc.message]
        except DomainError as exc:
            errors = [refusal(exc)]
    return _line_response(request, assessment, criterion, errors=errors, saved=not errors)


@vary_on_htmx
@require_POST
@login_required
def evidence_upload(request: AuthenticatedHttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    assessment = assessment_get_for(user=request.user, pk=pk)
    criterion = sheet_criterion_get(assessment=assessment, pk=criterion_pk)
    form = EvidenceForm(request.POST, request.FILES)
    errors: list[str] = []
    if not form.is_valid():
        errors = [_("Hãy chọn một tệp minh chứng.")]
    else:
        upload = form.cleaned_data["file"]
        try:
            criterion_evidence_attach(
                actor=request.user,
                assessment=assessment,
                criterion=criterion,
                name=upload.name or "",
                content=upload.read(),
            )
        except DomainError as exc:
            errors = [refusal(exc)]
    return _line_response(request, assessment, criterion, errors=errors, saved=False)


@require_GET
@login_required
def evidence_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    evidence = evidence_get_for(user=request.user, pk=pk)
    return attachment(evidence.file)


@require_POST
@login_required
def sheet_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The leader sends the sheet; every problem is listed at once, and nothing changes."""
    assessment = assessment_get_for(user=request.user, pk=pk)
    try:
        assessment_submit(actor=request.user, assessment=assessment)
    except ValidationFailedError as exc:
        view = sheet_view_for(user=request.user, assessment=assessment)
        for line in view.lines:
            line.errors = exc.problems.get(line.criterion.code, [])
        messages.error(request, exc.message)
        return _page(request, view, problems=exc.problems, status=400)
    except DomainError as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(request, _("Đã gửi phiếu chấm."))
    return redirect("scoring:sheet", pk=assessment.pk)
