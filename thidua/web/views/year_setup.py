"""Opening a year: the secretariat sees next year's cluster terms drawn from this year's, every
lineage replacement among them, and confirms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import Action, require
from thidua.core.errors import DomainError
from thidua.orgs.models import ClusterTerm
from thidua.orgs.selectors import rollover_proposal, term_years
from thidua.orgs.services.rollover import terms_rollover
from thidua.web.views.directory import year_param


@require_http_methods(["GET", "POST"])
@login_required
def term_rollover(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request.user, Action.ORGS_MANAGE)
    years = term_years()
    source = request.POST if request.method == "POST" else request.GET
    from_year = year_param(source.get("tu")) or (years[0] if years else timezone.localdate().year)
    to_year = year_param(source.get("den")) or from_year + 1
    error = ""
    if request.method == "POST":
        try:
            created = terms_rollover(actor=request.user, from_year=from_year, to_year=to_year)
        except DomainError as refused:
            error = refused.message
        else:
            messages.success(
                request,
                _("Đã lập %(n)s cụm thi đua năm %(year)s.") % {"n": len(created), "year": to_year},
            )
            return redirect(f"{reverse('web:clusters')}?nam={to_year}")
    proposals = rollover_proposal(from_year=from_year, to_year=to_year)
    context = {
        "years": years,
        "from_year": from_year,
        "to_year": to_year,
        "proposals": proposals,
        "to_create": [p for p in proposals if not p.exists],
        "error": error,
        # Each term already opened that year, to adjust after the rollover.
        "opened": ClusterTerm.objects.filter(year=to_year).only("pk", "cluster_id"),
    }
    return render(request, "web/term_rollover.html", context, status=400 if error else 200)
