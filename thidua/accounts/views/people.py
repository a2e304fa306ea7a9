"""Accounts for the secretariat: find, create, grant and revoke roles, close an account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts.forms import DeactivateForm, GrantForm, UserCreateForm
from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.models import RoleGrant
from thidua.accounts.selectors import account_get_for, account_units, accounts_for
from thidua.accounts.services import role_grant, role_revoke, user_create, user_deactivate
from thidua.core.errors import DomainError, NotFoundError
from thidua.core.forms import apply_domain_error


@require_http_methods(["GET", "POST"])
@login_required
def account_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    found = accounts_for(user=request.user, q=q)
    units = account_units(timezone.localdate())
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
    context = {"accounts": found[:200], "q": q, "form": form}
    return render(request, "accounts/accounts.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def account_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = account_get_for(user=request.user, pk=pk)
    units = account_units(timezone.localdate())
    grant_form = GrantForm(request.POST or None, units=units)
    if request.method == "POST" and grant_form.is_valid():
        try:
            role_grant(
                actor=request.user,
                user=account,
                role=grant_form.cleaned_data["role"],
                unit=grant_form.cleaned_data["unit"],
            )
        except DomainError as error:
            apply_domain_error(grant_form, error)
        else:
            messages.success(request, _("Đã phân quyền."))
            return redirect("accounts:account", pk=pk)
    context = {"account": account, "grant_form": grant_form, "deactivate_form": DeactivateForm()}
    status = 400 if grant_form.errors else 200
    return render(request, "accounts/account.html", context, status=status)


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
        "grant_form": GrantForm(units=account_units(timezone.localdate())),
        "deactivate_form": form,
    }
    return render(request, "accounts/account.html", context, status=400)
