"""The explanation round: flagged criteria, the member's answer with files, the appraisal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError
from thidua.core.files import attachment
from thidua.plans.selectors.plan import plan_get_for
from thidua.scoring.access import may_view_analytics, plan_require_internal
from thidua.scoring.forms import AnswerForm, AppraiseForm
from thidua.scoring.selectors.disputes import (
    dispute_file_get_for,
    dispute_get_for,
    disputes_page_for,
)
from thidua.scoring.services.round import dispute_answer, dispute_appraise
from thidua.scoring.views.common import refusal


@require_GET
@login_required
def explanation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    plan_require_internal(request.user, plan)
    return render(
        request,
        "scoring/explanation.html",
        {
            "plan": plan,
            "rows": disputes_page_for(user=request.user, plan=plan),
            "can_view_analytics": may_view_analytics(request.user, plan),
        },
    )


@require_POST
@login_required
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dispute = dispute_get_for(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    text = form.cleaned_data["answer"] if form.is_valid() else ""
    files = [(f.name or "", f.read()) for f in request.FILES.getlist("files")]
    try:
        dispute_answer(actor=request.user, dispute=dispute, answer=text, files=files)
    except DomainError as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(request, _("Đã gửi giải trình."))
    return redirect("scoring:explanation", pk=dispute.plan_id)


@require_POST
@login_required
def appraise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dispute = dispute_get_for(user=request.user, pk=pk)
    form = AppraiseForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
        return redirect("scoring:explanation", pk=dispute.plan_id)
    try:
        dispute_appraise(
            actor=request.user,
            dispute=dispute,
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(
            request,
            _("Đã thẩm định tiêu chí %(code)s của %(unit)s.")
            % {"code": dispute.criterion.code, "unit": dispute.unit},
        )
    return redirect("scoring:explanation", pk=dispute.plan_id)


@require_GET
@login_required
def dispute_file(request: AuthenticatedHttpRequest, pk: int, file_pk: int) -> FileResponse:
    dispute = dispute_get_for(user=request.user, pk=pk)
    stored = dispute_file_get_for(
        user=request.user, plan=dispute.plan, dispute_pk=dispute.pk, file_pk=file_pk
    )
    return attachment(stored)
