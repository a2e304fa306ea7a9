"""A one-time link to set a forgotten password: issued by whoever manages the account, used by
its holder without signing in.

The page behind the link is Django's ``PasswordResetConfirmView`` (the token moved out of the
address into the session before the form shows, Django's password validators, no sign-in
afterwards), with three additions: a closed account's link is dead, the address's lockout is
kept (a locked-out address cannot use a link, and a dead link counts as a failed try, as a
wrong bearer token does), and the new password is set by a service that audits it.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts import lockout
from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.models import User
from thidua.accounts.selectors import account_get_for
from thidua.accounts.services.password_reset import (
    password_reset_complete,
    password_reset_issue,
)
from thidua.core.errors import DomainError


@never_cache
@require_POST
@login_required
def reset_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Issue the link and show it this once (never cached, never stored: only its holder and
    the issuer see it)."""
    account = account_get_for(user=request.user, pk=pk)
    try:
        link = password_reset_issue(
            actor=request.user, account=account, site=request.build_absolute_uri("/")
        )
    except DomainError as error:
        context: dict[str, Any] = {"account": account, "error": error.message}
        return render(request, "accounts/reset_issued.html", context, status=400)
    context = {"account": account, "link": link, "now": timezone.now()}
    return render(request, "accounts/reset_issued.html", context)


class ResetView(PasswordResetConfirmView):
    template_name = "accounts/password_reset.html"
    # Django's form: its labels and its validators' messages come in Vietnamese from Django's
    # own catalogue; saving is the service's (``form_valid``).
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_done")
    post_reset_login = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not lockout.is_allowed(request, None):
            return lockout.lockout_response(request)
        response = super().dispatch(request, *args, **kwargs)
        # A good link first redirects (its token moved into the session); only then is the
        # link marked valid. Anything else shown here is the page of a dead link.
        if not self.validlink and not isinstance(response, HttpResponseRedirect):
            response.status_code = 410
            if lockout.record_failure(request, None):
                return lockout.lockout_response(request)
        return response

    def get_user(self, uidb64: str) -> User | None:
        user = super().get_user(uidb64)
        return user if isinstance(user, User) and user.is_active else None

    def form_valid(self, form: Any) -> HttpResponse:
        password_reset_complete(account=self.user, password=form.cleaned_data["new_password1"])
        # Django's own step: the token leaves the session once used.
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(str(self.success_url))


@require_GET
def reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_done.html")
