"""The reader's own notifications (*Thông báo*): the list, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.notifications import (
    notification_mark_read,
    notifications_for,
    notifications_mark_all_read,
)

PAGE_SIZE = 50


@require_GET
@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = notifications_for(user=request.user)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("trang"))
    unread = found.filter(read_at__isnull=True).exists()
    return render(request, "accounts/notifications.html", {"page": page, "unread": unread})


def _back(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Back to the page the button was on (the home page or the list), never off the site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("accounts:notifications")


@require_POST
@login_required
def notification_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification_mark_read(actor=request.user, pk=pk)
    return _back(request)


@require_POST
@login_required
def notification_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    notifications_mark_all_read(actor=request.user)
    return _back(request)
