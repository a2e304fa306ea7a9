"""The scale builder: the head edits the criteria tree of the draft version in place (HTMX).

Every write re-renders the whole builder fragment, so the running sums and the problems beside
each node always reflect what was just saved. Without JavaScript the same forms post normally.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, NotFoundError
from thidua.core.forms import apply_domain_error
from thidua.core.htmx import vary_on_htmx
from thidua.plans import access
from thidua.plans.forms.plan import ReasonForm
from thidua.plans.forms.scale import CriterionForm, ScaleLimitsForm
from thidua.plans.models import Criterion, Plan, PlanStage, Scale
from thidua.plans.selectors.display import ScaleTree, scale_tree
from thidua.plans.selectors.plan import latest_scale, plan_get_for
from thidua.plans.services import scale as services_scale
from thidua.plans.views.plan import error_lines, int_param


def _plan_and_scale(request: HttpRequest, pk: int) -> tuple[Plan, Scale]:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    scale = latest_scale(plan)
    if scale is None:
        raise NotFoundError(_("Kế hoạch chưa có thang điểm."))
    return plan, scale


def _criterion_form(
    plan: Plan, tree: ScaleTree, data: Any = None, initial: dict[str, Any] | None = None
) -> CriterionForm:
    return CriterionForm(
        data, groups=tree.groups, task_groups=list(plan.task_groups.all()), initial=initial
    )


def _node_of(tree: ScaleTree, pk: int | None) -> Criterion | None:
    nodes = {r.node.pk: r.node for s in tree.sections for r in s.rows}
    return nodes.get(pk) if pk is not None else None


def _builder(
    request: AuthenticatedHttpRequest,
    plan: Plan,
    scale: Scale,
    *,
    form: CriterionForm | None = None,
    editing: Criterion | None = None,
    **extra: Any,
) -> HttpResponse:
    tree = scale_tree(scale)
    if form is None:
        editing = editing or _node_of(tree, int_param(request, "sua"))
        if editing is not None:
            form = _criterion_form(plan, tree, initial=CriterionForm.initial_for(editing))
        else:
            form = _criterion_form(plan, tree, initial={"parent": int_param(request, "cha")})
    context: dict[str, Any] = {
        "plan": plan,
        "scale": scale,
        "tree": tree,
        "editable": not scale.is_frozen,
        "may_issue": not scale.is_frozen and plan.stage != PlanStage.DRAFT,
        "may_revise": scale.is_frozen and plan.stage != PlanStage.PUBLISHED,
        "form": form,
        "editing": editing,
        "limits_form": ScaleLimitsForm(
            initial={
                "maximum": scale.maximum,
                "bonus_cap": scale.bonus_cap,
                "penalty_cap": scale.penalty_cap,
            }
        ),
        "revise_form": ReasonForm(),
        "errors": [],
    }
    context.update(extra)
    if scale.is_frozen:
        # The forms are not shown for a frozen version, so their refusals go above the tree.
        refused = [context["form"], context["limits_form"]]
        context["errors"] = [
            *context["errors"],
            *(e for f in refused if f.is_bound for e in f.non_field_errors()),
        ]
    template = "plans/_builder.html" if request.htmx else "plans/builder.html"
    return render(request, template, context)


def _saved(
    request: AuthenticatedHttpRequest, plan: Plan, scale: Scale, message: str
) -> HttpResponse:
    if request.htmx:
        scale.refresh_from_db()
        return _builder(request, plan, scale, notice=message)
    messages.success(request, message)
    return redirect("plans:builder", pk=plan.pk)


@vary_on_htmx
@require_GET
@login_required
def builder(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan, scale = _plan_and_scale(request, pk)
    return _builder(request, plan, scale)


@vary_on_htmx
@require_POST
@login_required
def criterion_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan, scale = _plan_and_scale(request, pk)
    tree = scale_tree(scale)
    form = _criterion_form(plan, tree, request.POST)
    if form.is_valid():
        parent = _node_of(tree, form.cleaned_data["parent"])
        try:
            node = services_scale.criterion_add(
                actor=request.user, scale=scale, parent=parent, **form.service_fields()
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            message = _("Đã thêm tiêu chí %(code)s.") % {"code": node.code}
            if request.htmx:
                tree = scale_tree(scale)
                fresh = _criterion_form(plan, tree, initial={"parent": node.parent_id})
                return _builder(request, plan, scale, form=fresh, notice=message)
            return _saved(request, plan, scale, message)
    return _builder(request, plan, scale, form=form)


def _criterion_of(scale: Scale, cid: int) -> Criterion:
    node = Criterion.objects.filter(pk=cid, scale=scale).select_related("parent").first()
    if node is None:
        raise NotFoundError(_("Không tìm thấy tiêu chí trong phiên bản đang soạn."))
    node.scale = scale
    return node


@vary_on_htmx
@require_POST
@login_required
def criterion_edit(request: AuthenticatedHttpRequest, pk: int, cid: int) -> HttpResponse:
    plan, scale = _plan_and_scale(request, pk)
    node = _criterion_of(scale, cid)
    form = _criterion_form(plan, scale_tree(scale), request.POST)
    if form.is_valid():
        try:
            services_scale.criterion_update(
                actor=request.user, criterion=node, **form.service_fields()
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            message = _("Đã sửa tiêu chí %(code)s.") % {"code": node.code}
            return _saved(request, plan, scale, message)
    return _builder(request, plan, scale, form=form, editing=node)


@vary_on_htmx
@require_POST
@login_required
def criterion_delete(request: AuthenticatedHttpRequest, pk: int, cid: int) -> HttpResponse:
    plan, scale = _plan_and_scale(request, pk)
    node = _criterion_of(scale, cid)
    code = node.code
    try:
        services_scale.criterion_delete(actor=request.user, criterion=node)
    except DomainError as error:
        return _builder(request, plan, scale, errors=error_lines(error))
    return _saved(request, plan, scale, _("Đã xóa tiêu chí %(code)s.") % {"code": code})


@vary_on_htmx
@require_POST
@login_required
def scale_limits(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan, scale = _plan_and_scale(request, pk)
    form = ScaleLimitsForm(request.POST)
    if form.is_valid():
        try:
            services_scale.scale_limits_set(actor=request.user, scale=scale, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _saved(request, plan, scale, _("Đã lưu điểm tối đa của thang điểm."))
    return _builder(request, plan, scale, limits_form=form)


@vary_on_htmx
@require_POST
@login_required
def scale_revise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan, scale = _plan_and_scale(request, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        revised = services_scale.scale_revise(
            actor=request.user, scale=scale, reason=form.cleaned_data.get("reason", "")
        )
    except DomainError as error:
        apply_domain_error(form, error)
        return _builder(request, plan, scale, revise_form=form)
    messages.success(
        request, _("Đã tạo phiên bản %(v)s của thang điểm để sửa.") % {"v": revised.version}
    )
    return redirect("plans:builder", pk=pk)


@vary_on_htmx
@require_POST
@login_required
def scale_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan, scale = _plan_and_scale(request, pk)
    try:
        services_scale.scale_issue(actor=request.user, scale=scale)
    except DomainError as error:
        return _builder(request, plan, scale, errors=error_lines(error))
    messages.success(request, _("Đã ban hành thang điểm phiên bản %(v)s.") % {"v": scale.version})
    return redirect("plans:builder", pk=pk)
