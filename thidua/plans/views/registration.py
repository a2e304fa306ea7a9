"""Registration: a member's targets and titles, the head's decisions, and the lists inside a
board."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.core.forms import apply_domain_error
from thidua.orgs.models import Unit
from thidua.plans import access
from thidua.plans.forms.plan import ReasonForm
from thidua.plans.forms.registration import AcceptForm, RegistrationForm, emulation_rows
from thidua.plans.models import AimedTitle, Plan, PlanStage, RegistrationStatus
from thidua.plans.selectors.plan import plan_get_for, stage_is_open
from thidua.plans.selectors.registration import (
    RegistrationBoard,
    RegistrationRow,
    emulation_list_for,
    registration_board_for,
    registration_get_for,
    unit_get_for,
)
from thidua.plans.services import registration as services_registration
from thidua.plans.views.plan import error_lines

EDITABLE = {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}


def _chosen_unit(request: HttpRequest, board: RegistrationBoard) -> Unit | None:
    """The member whose registration the user prepares: the one asked for, else their own."""
    raw = request.POST.get("don_vi") or request.GET.get("don_vi") or ""
    by_id = {u.pk: u for u in board.preparable}
    if raw.isdigit() and int(raw) in by_id:
        return by_id[int(raw)]
    own = getattr(request.user, "unit_id", None)
    if own in by_id:
        return by_id[own]
    return board.preparable[0] if len(board.preparable) == 1 else None


def _registration_form(
    board: RegistrationBoard, row: RegistrationRow | None, data: Any = None
) -> RegistrationForm:
    initial: dict[str, Any] = {}
    if row is not None and row.registration is not None:
        initial = {"titles": row.registration.titles, "note": row.registration.note}
        for criterion, target in zip(board.target_criteria, row.target_cells, strict=True):
            initial[f"target_{criterion.pk}"] = target
    return RegistrationForm(data, target_criteria=board.target_criteria, initial=initial)


def _page(
    request: HttpRequest,
    plan: Plan,
    board: RegistrationBoard,
    *,
    form: RegistrationForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    unit = _chosen_unit(request, board)
    row = board.row_of(unit.pk) if unit else None
    registration = row.registration if row else None
    stage_open = stage_is_open(plan, PlanStage.REGISTRATION)
    editable = stage_open and (registration is None or registration.status in EDITABLE)
    context = {
        "plan": plan,
        "board": board,
        "unit": unit,
        "own": registration,
        "own_row": row,
        "own_targets": list(zip(board.target_criteria, row.target_cells, strict=True))
        if row
        else [],
        "form": form or (_registration_form(board, row) if unit else None),
        "editable": editable,
        "stage_open": stage_open,
        "may_submit": bool(
            unit
            and registration is not None
            and editable
            and access.may_submit_for(request.user, plan, unit)
        ),
        "errors": errors or [],
        "decidable": {RegistrationStatus.SUBMITTED},
        "returnable": {RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED},
    }
    return render(request, "plans/registration.html", context)


def _here(plan: Plan, unit: Unit | None) -> str:
    url = reverse("plans:registration", args=[plan.pk])
    return f"{url}?don_vi={unit.pk}" if unit else url


@require_http_methods(["GET", "POST"])
@login_required
def registration(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    board = registration_board_for(user=request.user, plan=plan)
    if request.method == "GET":
        return _page(request, plan, board)
    unit = _chosen_unit(request, board)
    if unit is None:
        raise PermissionDeniedError(_("Bạn không chuẩn bị đăng ký cho thành viên nào của cụm."))
    form = _registration_form(board, None, request.POST)
    if form.is_valid():
        try:
            services_registration.registration_save(
                actor=request.user,
                plan=plan,
                unit=unit,
                titles=form.cleaned_data["titles"],
                targets=form.targets(),
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu bản đăng ký."))
            return redirect(_here(plan, unit))
    return _page(request, plan, board, form=form)


@require_POST
@login_required
def registration_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    board = registration_board_for(user=request.user, plan=plan)
    unit = _chosen_unit(request, board)
    if unit is None or not access.may_submit_for(request.user, plan, unit):
        raise PermissionDeniedError(_("Chỉ lãnh đạo đơn vị mới gửi được bản đăng ký."))
    row = board.row_of(unit.pk)
    if row is None or row.registration is None:
        return _page(request, plan, board, errors=[_("Hãy lưu bản đăng ký trước khi gửi.")])
    row.registration.plan = plan
    try:
        services_registration.registration_submit(actor=request.user, registration=row.registration)
    except DomainError as error:
        return _page(request, plan, board, errors=[error.message])
    messages.success(request, _("Đã gửi bản đăng ký tới cụm trưởng."))
    return redirect(_here(plan, unit))


def _decision_refused(
    request: HttpRequest, plan: Plan, registration_id: int, error: DomainError, reason: str = ""
) -> HttpResponse:
    board = registration_board_for(user=request.user, plan=plan)
    for row in board.rows:
        if row.registration is not None and row.registration.pk == registration_id:
            row.errors, row.kept_reason = error_lines(error), reason
    return _page(request, plan, board)


@require_POST
@login_required
def registration_accept(request: AuthenticatedHttpRequest, pk: int, rid: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    registration = registration_get_for(user=request.user, plan=plan, pk=rid)
    board = registration_board_for(user=request.user, plan=plan)
    form = AcceptForm(request.POST, criteria=board.leaf_criteria)
    if not form.is_valid():
        error = ValidationFailedError(_("Tiêu chí không áp dụng không hợp lệ."), {})
        return _decision_refused(request, plan, rid, error)
    try:
        services_registration.registration_accept(
            actor=request.user,
            registration=registration,
            not_applicable=form.cleaned_data["not_applicable"],
        )
    except DomainError as error:
        return _decision_refused(request, plan, rid, error)
    messages.success(
        request, _("Đã chấp nhận bản đăng ký của %(unit)s.") % {"unit": registration.unit}
    )
    return redirect("plans:registration", pk=pk)


@require_POST
@login_required
def registration_return(request: AuthenticatedHttpRequest, pk: int, rid: int) -> HttpResponse:
    plan = plan_get_for(user=request.user, pk=pk)
    access.require_manage(request.user, plan)
    registration = registration_get_for(user=request.user, plan=plan, pk=rid)
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        services_registration.registration_return(
            actor=request.user, registration=registration, reason=reason
        )
    except DomainError as error:
        return _decision_refused(request, plan, rid, error, reason)
    messages.success(
        request, _("Đã trả lại bản đăng ký của %(unit)s.") % {"unit": registration.unit}
    )
    return redirect("plans:registration", pk=pk)


def _list_page(
    request: HttpRequest,
    unit: Unit,
    year: int,
    *,
    rows: list[dict[str, Any]] | None = None,
    problems: dict[str, list[str]] | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    view = emulation_list_for(user=request.user, unit=unit, year=year)
    if rows is None:
        rows = [{"name": e.name, "content": e.content, "title": e.title} for e in view.entries]
    approved = view.emulation_list is not None and (
        view.emulation_list.status == RegistrationStatus.ACCEPTED
    )
    editable = view.may_edit and not approved
    if editable and not rows:
        rows = [{"name": "", "content": "", "title": ""}]
    problems = problems or {}
    labels = dict(AimedTitle.choices)
    context = {
        "view": view,
        "rows": [
            {**row, "errors": problems.get(str(i), []), "title_label": labels.get(row["title"])}
            for i, row in enumerate(rows, start=1)
        ],
        "titles": AimedTitle.choices,
        "editable": editable,
        "approved": approved,
        "may_approve": view.may_approve and not approved and bool(view.entries),
        "errors": errors or [],
    }
    return render(request, "plans/unit_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def unit_list(request: AuthenticatedHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = unit_get_for(user=request.user, pk=unit_pk)
    if request.method == "GET":
        return _list_page(request, unit, year)
    view = emulation_list_for(user=request.user, unit=unit, year=year)
    if not view.may_edit:
        raise PermissionDeniedError(_("Chỉ cán bộ của đơn vị mới lập danh sách đăng ký."))
    rows: list[dict[str, Any]] = list(emulation_rows(request.POST))
    if "them_dong" in request.POST:  # adding a row without JavaScript
        return _list_page(
            request, unit, year, rows=[*rows, {"name": "", "content": "", "title": ""}]
        )
    try:
        services_registration.unit_list_save(actor=request.user, unit=unit, year=year, entries=rows)
    except ValidationFailedError as error:
        return _list_page(
            request, unit, year, rows=rows, problems=error.problems, errors=[error.message]
        )
    except DomainError as error:
        return _list_page(request, unit, year, rows=rows, errors=[error.message])
    messages.success(request, _("Đã lưu danh sách đăng ký."))
    return redirect("plans:unit_list", unit_pk=unit.pk, year=year)


@require_GET
@login_required
def unit_list_row(request: AuthenticatedHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """One blank row for the list, added in place by HTMX."""
    unit = unit_get_for(user=request.user, pk=unit_pk)
    if not emulation_list_for(user=request.user, unit=unit, year=year).may_edit:
        raise PermissionDeniedError(_("Chỉ cán bộ của đơn vị mới lập danh sách đăng ký."))
    row = {"name": "", "content": "", "title": "", "errors": []}
    return render(
        request,
        "plans/_unit_list_row.html",
        {"row": row, "titles": AimedTitle.choices, "editable": True},
    )


@require_POST
@login_required
def unit_list_approve(request: AuthenticatedHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = unit_get_for(user=request.user, pk=unit_pk)
    view = emulation_list_for(user=request.user, unit=unit, year=year)
    if not view.may_approve:
        raise PermissionDeniedError(_("Chỉ lãnh đạo đơn vị mới duyệt danh sách đăng ký."))
    if view.emulation_list is None:
        return _list_page(request, unit, year, errors=[_("Danh sách đăng ký đang trống.")])
    try:
        services_registration.unit_list_approve(
            actor=request.user, emulation_list=view.emulation_list
        )
    except DomainError as error:
        return _list_page(request, unit, year, errors=[error.message])
    messages.success(request, _("Đã duyệt danh sách đăng ký."))
    return redirect("plans:unit_list", unit_pk=unit.pk, year=year)
