"""Pages of a plan: the list by year, creation, the plan itself and the head's controls.

The scale builder is in ``builder``, registration in ``registration``, the covenant in
``covenant``.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import Action, may
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.core.forms import apply_domain_error
from thidua.orgs.models import Sector
from thidua.orgs.selectors import term_years
from thidua.plans import access
from thidua.plans.forms.plan import (
    ConfigureForm,
    DeadlineForm,
    PlanAdoptForm,
    PlanCreateForm,
    TaskGroupForm,
)
from thidua.plans.models import AssessorStage, Plan, PlanStage
from thidua.plans.selectors.display import config_summary, scale_tree, stage_steps
from thidua.plans.selectors.laggards import laggards_of
from thidua.plans.selectors.plan import (
    never_registered,
    plan_get_for,
    plan_list_for,
    scale_in_view,
    terms_manageable_for,
)
from thidua.plans.services import adopt as services_adopt
from thidua.plans.services import plan as services
from thidua.plans.services.peers import PEER_TARGETS_OPEN, peer_target_include
from thidua.plans.workflow import next_stage


def int_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    return int(raw) if raw.isdigit() else None


def error_lines(error: DomainError) -> list[str]:
    """A refusal as lines: its message, then each problem, by criterion code when it has one."""
    lines = [error.message]
    if isinstance(error, ValidationFailedError):
        for key, problems in error.problems.items():
            for problem in problems:
                if key:
                    lines.append(
                        _("Tiêu chí %(code)s: %(message)s") % {"code": key, "message": problem}
                    )
                else:
                    lines.append(problem)
    return lines


@require_GET
@login_required
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    years = term_years()
    year = int_param(request, "nam") or (years[0] if years else None)
    return render(
        request,
        "plans/list.html",
        {
            "years": years,
            "year": year,
            "plans": plan_list_for(user=request.user, year=year),
            "manageable_terms": terms_manageable_for(user=request.user, year=year),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = int_param(request, "nam")
    terms = terms_manageable_for(user=request.user, year=year)
    sector_wide = year is not None and may(request.user, Action.ORGS_MANAGE)
    if not terms and not sector_wide:
        raise PermissionDeniedError(_("Bạn không có quyền tạo kế hoạch cho cụm nào năm này."))
    chosen = next((t for t in terms if t.pk == int_param(request, "nhiem_ky")), None)
    form = PlanCreateForm(
        request.POST or None,
        terms=terms,
        sector_wide=sector_wide,
        initial={"term": chosen.pk if chosen else (terms[0].pk if terms else None)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                actor=request.user,
                term=data["term"],
                year=year,
                sector=Sector.ORGANIZATION,
                title=data["title"],
                basis=data["basis"],
                maximum=data["maximum"],
                bonus_cap=data["bonus_cap"],
                penalty_cap=data["penalty_cap"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã tạo kế hoạch."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/create.html", {"form": form, "year": year})


def _detail(request: HttpRequest, plan: Plan, **extra: Any) -> HttpResponse:
    scale = scale_in_view(plan)
    versions = sorted(plan.scales.all(), key=lambda s: s.version, reverse=True)
    following = next_stage(plan.stage)
    context: dict[str, Any] = {
        "plan": plan,
        "basis_lines": [line.strip() for line in plan.basis.splitlines() if line.strip()],
        "stages": stage_steps(plan),
        "tree": scale_tree(scale) if scale else None,
        "other_versions": [s for s in versions if scale is None or s.pk != scale.pk],
        "config": config_summary(plan),
        "covenant": getattr(plan, "covenant", None),
        "can_manage": access.may_manage(request.user, plan),
        "next_stage": following if following != PlanStage.PUBLISHED else None,
        "deadline_form": DeadlineForm(),
        "task_group_form": TaskGroupForm(initial={"number": len(plan.task_groups.all()) + 1}),
        "advance_errors": [],
        "adopt_form": _adopt_form(request, plan),
        "unregistered": _unregistered(plan) if access.may_manage(request.user, plan) else [],
    }
    context.update(extra)
    return render(request, "plans/detail.html", context)


def _unregistered(plan: Plan) -> list[dict[str, Any]]:
    """Members that never sent a registration, while peer targets may still change: peers do
    not score them unless the head includes them."""
    if AssessorStage.PEER not in plan.assessor_stages or plan.stage not in PEER_TARGETS_OPEN:
        return []
    included = {i.unit_id: i for i in plan.peer_inclusions.all()}
    return [{"unit": m.unit, "inclusion": included.get(m.unit_id)} for m in never_registered(plan)]


@require_POST
@login_required
def peer_include(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    raw = request.POST.get("don_vi", "").strip()
    chosen = int(raw) if raw.isdigit() else None
    unit = next((m.unit for m in never_registered(plan) if m.unit_id == chosen), None)
    if unit is None:
        messages.error(request, _("Đơn vị này không thuộc diện chưa đăng ký của kế hoạch."))
        return redirect("plans:detail", pk=pk)
    try:
        peer_target_include(
            actor=request.user, plan=plan, unit=unit, reason=request.POST.get("ly_do", "")
        )
    except DomainError as error:
        for line in error_lines(error):
            messages.error(request, line)
    else:
        messages.success(
            request, _("%(unit)s sẽ được các thành viên chấm chéo.") % {"unit": unit.name}
        )
    return redirect("plans:detail", pk=pk)


def _adopt_form(request: HttpRequest, plan: Plan) -> PlanAdoptForm | None:
    """Offered to the heads of that year's clusters other than the plan's own."""
    terms = [
        t for t in terms_manageable_for(user=request.user, year=plan.year) if t.pk != plan.term_id
    ]
    if not terms:
        return None
    return PlanAdoptForm(terms=terms, initial={"title": plan.title, "term": terms[0].pk})


@require_GET
@login_required
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, plan_get_for(user=request.user, pk=pk))


@require_POST
@login_required
def plan_advance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    # Moving on closes the stage for those who have not finished: the head sees who they are
    # and confirms once more.
    laggards = laggards_of(plan)
    if laggards and request.POST.get("xac_nhan") != plan.stage:
        return _detail(request, plan, laggards=laggards)
    try:
        plan = services.plan_advance(actor=request.user, plan=plan)
    except DomainError as error:
        return _detail(request, plan, advance_errors=error_lines(error))
    messages.success(
        request,
        _("Đã mở giai đoạn “%(stage)s”.") % {"stage": PlanStage(plan.stage).label},
    )
    return redirect("plans:detail", pk=pk)


@require_POST
@login_required
def deadline_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_set(
                actor=request.user,
                plan=plan,
                stage=form.cleaned_data["stage"],
                due=form.cleaned_data["due"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu hạn chót."))
            return redirect("plans:detail", pk=pk)
    return _detail(request, plan, deadline_form=form)


@require_POST
@login_required
def task_group_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    form = TaskGroupForm(request.POST)
    if form.is_valid():
        try:
            services.task_group_set(
                actor=request.user,
                plan=plan,
                number=form.cleaned_data["number"],
                title=form.cleaned_data["title"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu nhóm nhiệm vụ trọng tâm."))
            return redirect("plans:detail", pk=pk)
    return _detail(request, plan, task_group_form=form)


@require_http_methods(["GET", "POST"])
@login_required
def plan_configure(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    initial = ConfigureForm.initial_for(
        plan.assessor_stages,
        plan.peer_mode,
        plan.peer_method,
        plan.combine,
        plan.weights or {},
        plan.tie_breaks or [],
        plan.dispute_threshold,
    )
    form = ConfigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_configure(
                actor=request.user,
                plan=plan,
                assessor_stages=data["assessor_stages"],
                peer_mode=data["peer_mode"],
                peer_method=data["peer_method"],
                combine=data["combine"],
                precedence=plan.precedence,
                weights=form.weights(),
                tie_breaks=form.tie_breaks(),
                dispute_threshold=data["dispute_threshold"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu cấu hình chấm điểm."))
            return redirect("plans:detail", pk=pk)
    scale = scale_in_view(plan)
    return render(
        request,
        "plans/configure.html",
        {"plan": plan, "form": form, "tree": scale_tree(scale) if scale else None},
    )


@require_POST
@login_required
def plan_adopt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A cluster head takes a plan (the secretariat's, or another cluster's) as its own draft."""
    source = plan_get_for(user=request.user, pk=pk)
    terms = terms_manageable_for(user=request.user, year=source.year)
    if not terms:
        raise PermissionDeniedError(_("Bạn không có quyền tạo kế hoạch cho cụm nào năm này."))
    form = PlanAdoptForm(request.POST, terms=terms)
    if form.is_valid():
        try:
            adopted = services_adopt.plan_adopt(
                actor=request.user,
                source=source,
                term=form.cleaned_data["term"],
                title=form.cleaned_data["title"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request, _("Đã áp dụng kế hoạch cho cụm; có thể điều chỉnh trước khi mở đăng ký.")
            )
            return redirect("plans:detail", pk=adopted.pk)
    return _detail(request, source, adopt_form=form)
