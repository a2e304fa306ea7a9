"""A round's meeting, submission and decision: the deliberation as the minutes record it, the
submission (its refusal, e.g. over the Government-flag quota, shown as the rule book words it),
and the deciding level's decision with the awardees and their prize money."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.awards import access
from thidua.awards.forms.deciding import DeliberationForm
from thidua.awards.selectors.rounds import round_view
from thidua.awards.services.decisions import round_decide
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.awards.views.rounds import decision_form, deliberation_form, round_page
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.forms import apply_domain_error


def _with_form_names(error: DomainError) -> DomainError:
    if not isinstance(error, ValidationFailedError):
        return error
    problems = {DeliberationForm.service_field(k): v for k, v in error.problems.items()}
    return ValidationFailedError(error.message, problems)


@require_POST
@login_required
def round_deliberate_view(request: AuthenticatedHttpRequest, round_pk: int) -> HttpResponse:
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_manage)
    form = deliberation_form(view, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            round_deliberate(
                actor=request.user,
                round_=view.round,
                deliberated_on=data["deliberated_on"],
                summoned=data["summoned"],
                present=data["present"],
                approvals=form.approvals(),
                minutes_note=data["minutes_note"],
            )
        except DomainError as error:
            apply_domain_error(form, _with_form_names(error))
        else:
            messages.success(request, _("Đã ghi kết quả bình xét."))
            return redirect("awards:round_detail", round_pk=round_pk)
    return round_page(request, view, status=400, deliberation_form=form)


@require_POST
@login_required
def round_submit_view(request: AuthenticatedHttpRequest, round_pk: int) -> HttpResponse:
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_submit)
    try:
        round_submit(actor=request.user, round_=view.round)
    except DomainError as error:
        return round_page(request, view, status=400, submit_refused=error.message)
    messages.success(request, _("Đã trình danh sách đề nghị khen thưởng."))
    return redirect("awards:round_detail", round_pk=round_pk)


@require_POST
@login_required
def round_decide_view(request: AuthenticatedHttpRequest, round_pk: int) -> HttpResponse:
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_decide)
    form = decision_form(view, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            round_decide(
                actor=request.user,
                round_=view.round,
                number=data["number"],
                decided_on=data["decided_on"],
                issuer=data["issuer"],
                signer=data["signer"],
                signer_title=data["signer_title"],
                awardees=data["awardees"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã ghi quyết định khen thưởng."))
            return redirect("awards:round_detail", round_pk=round_pk)
    return round_page(request, view, status=400, decision_form=form)
