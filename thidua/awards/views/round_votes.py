"""Setting up a round's vote and making its final result the round's deliberation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.awards import access
from thidua.awards.selectors.rounds import round_view
from thidua.awards.services.deliberation import round_vote_apply, round_vote_create
from thidua.awards.views.rounds import round_page
from thidua.awards.views.vote_section import vote_form
from thidua.core.errors import DomainError
from thidua.core.forms import apply_domain_error


@require_POST
@login_required
def round_vote_create_view(request: AuthenticatedHttpRequest, round_pk: int) -> HttpResponse:
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_manage)
    form = vote_form(view, request.user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            round_vote_create(
                actor=request.user,
                round_=view.round,
                mode=data["mode"],
                held_on=data["held_on"],
                committee=form.users("committee"),
                trustees=form.users("trustees"),
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lập cuộc bỏ phiếu bình xét."))
            return redirect("awards:round_detail", round_pk=round_pk)
    return round_page(request, view, status=400, vote_form=form)


@require_POST
@login_required
def round_vote_apply_view(request: AuthenticatedHttpRequest, round_pk: int) -> HttpResponse:
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_manage)
    try:
        round_vote_apply(actor=request.user, round_=view.round)
    except DomainError as error:
        return round_page(request, view, status=400, errors=[error.message])
    messages.success(request, _("Đã ghi kết quả bỏ phiếu bình xét vào đợt xét."))
    return redirect("awards:round_detail", round_pk=round_pk)
