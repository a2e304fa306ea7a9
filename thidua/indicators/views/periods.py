"""Reporting periods: the list, and who has reported in one. The report page is in
``reports``."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.indicators.selectors.reports import period_board_for, period_get_for, periods_for


@require_GET
@login_required
def periods(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {"periods": periods_for(user=request.user)}
    return render(request, "indicators/periods.html", context)


@require_GET
@login_required
def period(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = period_get_for(user=request.user, pk=pk)
    board = period_board_for(user=request.user, period=found)
    return render(request, "indicators/period.html", {"period": found, "board": board})
