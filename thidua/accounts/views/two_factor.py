"""Enrolling an authenticator and the account's security page."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from thidua.accounts import lockout
from thidua.accounts.forms import CodeForm
from thidua.accounts.models import User
from thidua.accounts.two_factor import (
    backup_codes_regenerate,
    enrolment_device,
    gate_state,
    is_verified,
    qr_svg,
    secret_text,
    status_of,
    two_factor_enrol,
    two_factor_remove,
)
from thidua.accounts.views.login import next_url
from thidua.core.errors import DomainError


def _signed_in(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator: scan the code (or type the secret), confirm with a code, then
    see the ten backup codes once."""
    user = _signed_in(request)
    if user is None:
        return redirect("accounts:login")
    # Someone who has an authenticator replaces it only after using it: a password alone
    # must not be enough to swap in an attacker's device.
    if not is_verified(user) and gate_state(user).has_device:
        return redirect("accounts:verify")
    device = enrolment_device(user)
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor_enrol(actor=user, device=device, code=form.cleaned_data["code"])
        except DomainError as exc:
            error = exc.message
        else:
            otp_login(request, device)
            lockout.sign_in_succeeded(user.get_username())
            shown = {"codes": codes, "next": next_url(request)}
            return render(request, "accounts/backup_codes.html", shown)
    context: dict[str, object] = {
        "form": form,
        "error": error,
        "qr": qr_svg(device),
        "secret": secret_text(device),
        "next": request.POST.get("next") or request.GET.get("next") or "",
    }
    return render(request, "accounts/enrol.html", context)


@require_http_methods(["GET"])
def security_view(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    if user is None:
        return redirect("accounts:login")
    return render(request, "accounts/security.html", {"status": status_of(user)})


@require_POST
def backup_codes_view(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    if user is None:
        return redirect("accounts:login")
    try:
        codes = backup_codes_regenerate(actor=user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:security")
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": ""})


@require_POST
def remove_view(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    if user is None:
        return redirect("accounts:login")
    try:
        two_factor_remove(actor=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gỡ bỏ xác thực hai lớp."))
    return redirect("accounts:security")
