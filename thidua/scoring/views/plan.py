"""The scoring home of a plan, and the head's acts on it: open a sheet, return one with a
reason, open the explanation round, publish.

The sheet pages are in ``entry``, the explanation round in ``explanation``, results and
analytics in ``results``, the Excel round trip in ``excel``.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, NotFoundError
from thidua.orgs.models import Unit
from thidua.plans import access
from thidua.plans.models import AssessorStage, Plan, PlanStage
from thidua.plans.selectors.plan import plan_get_for
from thidua.scoring.access import may_view_analytics, plan_require_internal
from thidua.scoring.forms import ReasonForm
from thidua.scoring.selectors.board import members, sheet_board_for, sheet_slots_for
from thidua.scoring.selectors.sheet import assessment_get_for
from thidua.scoring.services.assessments import assessment_open, assessment_return
from thidua.scoring.services.round import explanation_open, plan_publish
from thidua.scoring.views.common import refusal


def _int(raw: Any) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _unit_of(plan: Plan, pk: int | None) -> Unit:
    department = plan.term.supervising_department if plan.term else None
    found = {u.pk: u for u in members(plan)}
    if department is not None:
        found[department.pk] = department
    unit = found.get(pk) if pk is not None else None
    if unit is None:
        raise NotFoundError(_("Đơn vị không có trong cụm."))
    return unit


@require_GET
@login_required
def plan_home(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    plan_require_internal(request.user, plan)
    manages = access.may_manage(request.user, plan)
    supervises = access.may_supervise(request.user, plan)
    return render(
        request,
        "scoring/plan.html",
        {
            "plan": plan,
            "slots": sheet_slots_for(user=request.user, plan=plan),
            "board": sheet_board_for(user=request.user, plan=plan)
            if manages or supervises
            else None,
            "manages": manages,
            "can_open_round": manages and plan.stage == PlanStage.PEER_ASSESSMENT,
            "can_publish": manages and plan.stage == PlanStage.EXPLANATION,
            "can_view_analytics": may_view_analytics(request.user, plan),
            "published": plan.stage == PlanStage.PUBLISHED,
        },
    )


@require_POST
@login_required
def sheet_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Bắt đầu chấm": the sheet is made on first use against the scale in force."""
    plan = plan_get_for(user=request.user, pk=pk)
    stage = request.POST.get("stage", "")
    if stage not in AssessorStage.values:
        raise NotFoundError(_("Không tìm thấy vòng chấm."))
    unit = _unit_of(plan, _int(request.POST.get("unit")))
    assessor = _unit_of(plan, _int(request.POST.get("assessor")))
    try:
        assessment = assessment_open(
            actor=request.user, plan=plan, unit=unit, stage=stage, assessor=assessor
        )
    except DomainError as exc:
        messages.error(request, refusal(exc))
        return redirect("scoring:plan", pk=plan.pk)
    return redirect("scoring:sheet", pk=assessment.pk)


@require_POST
@login_required
def sheet_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The head sends a submitted sheet back; the reason is required."""
    assessment = assessment_get_for(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        assessment_return(actor=request.user, assessment=assessment, reason=reason)
    except DomainError as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(
            request,
            _("Đã trả lại phiếu chấm của %(unit)s.") % {"unit": assessment.unit},
        )
    return redirect("scoring:plan", pk=assessment.plan_id)


@require_POST
@login_required
def round_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    try:
        disputes = explanation_open(actor=request.user, plan=plan)
    except DomainError as exc:
        messages.error(request, refusal(exc))
        return redirect("scoring:plan", pk=plan.pk)
    messages.success(
        request,
        _("Đã mở vòng giải trình: %(n)s tiêu chí phải giải trình.") % {"n": len(disputes)},
    )
    return redirect("scoring:explanation", pk=plan.pk)


@require_POST
@login_required
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    try:
        plan_publish(actor=request.user, plan=plan)
    except DomainError as exc:
        messages.error(request, refusal(exc))
        return redirect("scoring:plan", pk=plan.pk)
    messages.success(request, _("Đã công bố kết quả."))
    return redirect("scoring:results", pk=plan.pk)
