"""Accounts, for the secretariat (every account) and a unit's leader (their unit's): find,
create, grant and revoke roles, close an account."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.forms import DeactivateForm, GrantForm, StaffImportForm, UserCreateForm
from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.models import RoleGrant
from thidua.accounts.policy import (
    UNIT_GRANTABLE_ROLES,
    Action,
    manages_every_account,
    require,
)
from thidua.accounts.selectors import account_get_for, account_units_for, accounts_for
from thidua.accounts.services import role_grant, role_revoke, user_create, user_deactivate
from thidua.core.errors import DomainError, NotFoundError
from thidua.core.forms import apply_domain_error
from thidua.orgs.models import ClusterTerm


@require_http_methods(["GET", "POST"])
@login_required
def account_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Action.ACCOUNTS_MANAGE)
    units = account_units_for(user=request.user, today=timezone.localdate())
    form = UserCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = user_create(
                actor=request.user,
                username=data["username"],
                password=data["password"],
                full_name=data["full_name"],
                unit=data["unit"],
                email=data["email"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã tạo tài khoản “%(u)s”.") % {"u": created.username})
            return redirect("accounts:account", pk=created.pk)
    return list_page(request, form=form, status=400 if form.errors else 200)


def list_page(
    request: AuthenticatedHttpRequest,
    *,
    form: UserCreateForm | None = None,
    import_form: StaffImportForm | None = None,
    import_problems: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The accounts page, with the form that was posted showing its errors."""
    q = request.GET.get("q", "").strip()[:100]
    units = account_units_for(user=request.user, today=timezone.localdate())
    context = {
        "accounts": accounts_for(user=request.user, q=q)[:200],
        "q": q,
        "form": UserCreateForm(units=units) if form is None else form,
        "import_form": StaffImportForm() if import_form is None else import_form,
        "import_problems": import_problems or {},
    }
    return render(request, "accounts/accounts.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def account_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = account_get_for(user=request.user, pk=pk)
    grant_form = _grant_form(request, request.POST or None)
    if request.method == "POST" and grant_form.is_valid():
        try:
            role_grant(
                actor=request.user,
                user=account,
                role=grant_form.cleaned_data["role"],
                unit=grant_form.cleaned_data["unit"],
                cluster_term=grant_form.cleaned_data.get("cluster_term"),
            )
        except DomainError as error:
            apply_domain_error(grant_form, error)
        else:
            messages.success(request, _("Đã phân quyền."))
            return redirect("accounts:account", pk=pk)
    context = {"account": account, "grant_form": grant_form, "deactivate_form": DeactivateForm()}
    status = 400 if grant_form.errors else 200
    return render(request, "accounts/account.html", context, status=status)


def _grant_form(request: AuthenticatedHttpRequest, data: Any) -> GrantForm:
    """The secretariat grants any role on any account unit or cluster term; a unit's leader,
    the unit roles on their own units."""
    units = account_units_for(user=request.user, today=timezone.localdate())
    if manages_every_account(request.user):
        terms = ClusterTerm.objects.select_related("cluster").order_by("-year", "cluster__number")
        return GrantForm(data, units=units, terms=terms)
    return GrantForm(data, units=units, roles=UNIT_GRANTABLE_ROLES)


@require_POST
@login_required
def grant_revoke(request: AuthenticatedHttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    account = account_get_for(user=request.user, pk=pk)
    grant = RoleGrant.objects.filter(pk=grant_pk, user=account).first()
    if grant is None:
        raise NotFoundError(_("Không có phân quyền này."))
    try:
        role_revoke(actor=request.user, grant=grant)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("accounts:account", pk=pk)


@require_POST
@login_required
def account_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = account_get_for(user=request.user, pk=pk)
    form = DeactivateForm(request.POST)
    if form.is_valid():
        try:
            user_deactivate(actor=request.user, user=account, reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã khóa tài khoản."))
            return redirect("accounts:account", pk=pk)
    context = {
        "account": account,
        "grant_form": _grant_form(request, None),
        "deactivate_form": form,
    }
    return render(request, "accounts/account.html", context, status=400)
