"""Signing in: the password, then (when the account has an authenticator) a code."""

from urllib.parse import urlencode

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from thidua.accounts import lockout
from thidua.accounts.forms import CodeForm, LoginForm
from thidua.accounts.models import User
from thidua.accounts.two_factor import gate_state, is_verified, verify_code


def next_url(request: HttpRequest) -> str:
    """Where to go once signed in: the ``next`` asked for when it is on this site, else home."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe and wanted else reverse("web:home")


def step(name: str, request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url(request)})}")


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        # axes' backend refuses a locked-out account or address before the password is read,
        # and counts every failure, whether the account exists or not.
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return lockout.lockout_response(request)
        if isinstance(user, User):
            login(request, user)
            state = gate_state(user)
            if state.has_device:
                return step("accounts:verify", request)
            lockout.sign_in_succeeded(user.get_username())
            if state.required:
                return step("accounts:enrol", request)
            return redirect(next_url(request))
        error = _("Tên đăng nhập hoặc mật khẩu không đúng.")
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    context = {"form": form, "error": error, "next": wanted}
    return render(request, "accounts/login.html", context)


@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator or a backup code. A wrong code counts
    towards the same lockout as a wrong password; once locked out, the half-open session ends."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return redirect("accounts:login")
    if is_verified(user):
        return redirect(next_url(request))
    if not lockout.is_allowed(request, user.get_username()):
        logout(request)
        return lockout.lockout_response(request)
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        device = verify_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            lockout.sign_in_succeeded(user.get_username())
            return redirect(next_url(request))
        if lockout.record_failure(request, user.get_username()):
            logout(request)
            return lockout.lockout_response(request)
        error = _("Mã xác thực không đúng hoặc đã được dùng.")
    context = {"form": form, "error": error, "next": next_url(request)}
    return render(request, "accounts/verify.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")
