"""Reporting periods: the list, and who has reported in one. The report page is in
``views_report``."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thidua.indicators.selectors import period_board_for, period_get_for, periods_for


@require_GET
@login_required
def periods(request: HttpRequest) -> HttpResponse:
    context = {"periods": periods_for(user=request.user)}
    return render(request, "indicators/periods.html", context)


@require_GET
@login_required
def period(request: HttpRequest, pk: int) -> HttpResponse:
    found = period_get_for(user=request.user, pk=pk)
    board = period_board_for(user=request.user, period=found)
    return render(request, "indicators/period.html", {"period": found, "board": board})
