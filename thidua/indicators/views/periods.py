"""Reporting periods: the list, and who has reported in one. The report page is in
``reports``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import Action, may
from thidua.core.access import forbidden
from thidua.core.errors import DomainError
from thidua.core.forms import apply_domain_error
from thidua.indicators.forms.periods import PeriodForm
from thidua.indicators.selectors.reports import period_board_for, period_get_for, periods_for
from thidua.indicators.services.periods import period_create


@require_http_methods(["GET", "POST"])
@login_required
def periods(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The periods; the secretariat opens a new one here (mid-year, year-end or ad hoc)."""
    may_open = may(request.user, Action.ORGS_MANAGE)
    form = PeriodForm(request.POST or None) if may_open else None
    if request.method == "POST":
        if form is None:
            raise forbidden()
        if form.is_valid():
            try:
                opened = period_create(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(
                    request, _("Đã mở kỳ báo cáo “%(title)s”.") % {"title": opened.title}
                )
                return redirect("indicators:periods")
    context = {"periods": periods_for(user=request.user), "form": form}
    return render(
        request, "indicators/periods.html", context, status=400 if form and form.errors else 200
    )


@require_GET
@login_required
def period(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = period_get_for(user=request.user, pk=pk)
    board = period_board_for(user=request.user, period=found)
    return render(request, "indicators/period.html", {"period": found, "board": board})
