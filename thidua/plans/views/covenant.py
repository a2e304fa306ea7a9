"""The covenant of a plan: the head opens it, each member's leader signs it in the system."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, PermissionDeniedError
from thidua.core.forms import apply_domain_error
from thidua.plans import access
from thidua.plans.forms.registration import CovenantOpenForm
from thidua.plans.models import Plan
from thidua.plans.selectors.plan import members_of, plan_get_for
from thidua.plans.selectors.registration import covenant_board_for
from thidua.plans.services import registration as services_registration


def _page(
    request: HttpRequest,
    plan: Plan,
    *,
    form: CovenantOpenForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    board = covenant_board_for(user=request.user, plan=plan)
    covenant = getattr(plan, "covenant", None)
    if form is None and covenant is None and board.may_manage:
        title = _("Giao ước thi đua năm %(year)s") % {"year": plan.year}
        form = CovenantOpenForm(initial={"title": title})
    return render(
        request,
        "plans/covenant.html",
        {
            "plan": plan,
            "covenant": covenant,
            "board": board,
            "form": form,
            "errors": errors or [],
        },
    )


@require_GET
@login_required
def covenant(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, plan_get_for(user=request.user, pk=pk))


@require_POST
@login_required
def covenant_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    form = CovenantOpenForm(request.POST)
    if form.is_valid():
        try:
            services_registration.covenant_open(
                actor=request.user,
                plan=plan,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã mở giao ước để các thành viên ký."))
            return redirect("plans:covenant", pk=pk)
    return _page(request, plan, form=form)


@require_POST
@login_required
def covenant_sign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    raw = request.POST.get("don_vi", "")
    unit = next((m.unit for m in members_of(plan) if str(m.unit_id) == raw), None)
    if unit is None or not access.may_submit_for(request.user, plan, unit):
        raise PermissionDeniedError(_("Chỉ lãnh đạo của đơn vị thành viên mới ký giao ước."))
    covenant = getattr(plan, "covenant", None)
    if covenant is None:
        return _page(request, plan, errors=[_("Cụm trưởng chưa mở giao ước.")])
    try:
        services_registration.covenant_sign(actor=request.user, covenant=covenant, unit=unit)
    except DomainError as error:
        return _page(request, plan, errors=[error.message])
    messages.success(request, _("%(unit)s đã ký giao ước.") % {"unit": unit})
    return redirect("plans:covenant", pk=pk)
