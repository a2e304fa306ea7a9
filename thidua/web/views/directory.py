"""Pages of the directory: home, units, clusters, and the audit view."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from thidua.accounts.notifications import notifications_unread_for
from thidua.accounts.policy import Action, may, require
from thidua.accounts.selectors import (
    grants_of,
    home_years_for,
    term_workspace_for,
    unit_internal_for,
)
from thidua.audit.selectors import audit_chain_verify, audit_events_recent
from thidua.awards.access import may_read_unit_records
from thidua.core.htmx import HtmxHttpRequest, vary_on_htmx
from thidua.orgs.models import UnitKind
from thidua.orgs.selectors import (
    lineage_for,
    term_get_for,
    term_list_for,
    term_officers,
    term_years,
    unit_get_for,
    unit_history,
    unit_list_for,
)
from thidua.web.selectors.inbox import inbox_for

SEARCH_LIMIT = 200


def _date_param(request: HttpRequest, name: str) -> dt.date | None:
    raw = request.GET.get(name, "").strip()
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    years = home_years_for(
        user=request.user,
        today_year=timezone.localdate().year,
        asked=year_param(request.GET.get("nam")),
    )
    terms = [(t, term_officers(t)) for t in term_list_for(user=request.user, year=years.shown)]
    return render(
        request,
        "web/home.html",
        {
            "grants": grants_of(request.user),
            "inbox": inbox_for(user=request.user),
            "notifications": notifications_unread_for(user=request.user),
            "terms": terms,
            "year": years.shown,
            "years": years.offered,
        },
    )


def year_param(raw: str | None) -> int | None:
    """A year as a page's query gives it ("?nam=2026"), or None for anything else."""
    return int(raw) if raw and raw.isdigit() and len(raw) == 4 else None


@vary_on_htmx
@require_GET
@login_required
def unit_directory(request: HtmxHttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    as_of = _date_param(request, "as_of")
    kind = request.GET.get("kind") or None
    if q or kind:
        units = list(unit_list_for(user=request.user, q=q, as_of=as_of, kind=kind)[:SEARCH_LIMIT])
        roots = None
    else:
        units = []
        roots = list(
            unit_list_for(user=request.user, as_of=as_of or timezone.localdate()).filter(
                parent__isnull=True
            )
        )
    context = {
        "q": q,
        "as_of": as_of,
        "kind": kind or "",
        "kinds": UnitKind.choices,
        "units": units,
        "roots": roots,
        "limit": SEARCH_LIMIT,
    }
    template = "web/_unit_results.html" if request.htmx else "web/units.html"
    return render(request, template, context)


@require_GET
@login_required
def unit_children(request: HttpRequest, pk: int) -> HttpResponse:
    parent = unit_get_for(user=request.user, pk=pk)
    as_of = _date_param(request, "as_of")
    children = unit_list_for(user=request.user, parent_id=parent.pk, as_of=as_of)
    return render(request, "web/_unit_children.html", {"children": children})


@require_GET
@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_for(user=request.user, pk=pk)
    as_of = _date_param(request, "as_of")
    return render(
        request,
        "web/unit_detail.html",
        {
            "unit": unit,
            "as_of": as_of,
            "lineage": lineage_for(user=request.user, unit=unit, as_of=as_of),
            "history": unit_history(unit),
            "children": unit_list_for(user=request.user, parent_id=unit.pk)[:50],
            "can_view_internal": may(request.user, Action.UNIT_VIEW_INTERNAL, unit),
            "can_read_records": may_read_unit_records(request.user, unit),
        },
    )


@require_GET
@login_required
def unit_internal(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get_for(user=request.user, pk=pk)
    internal = unit_internal_for(user=request.user, unit=unit)
    return render(request, "web/unit_internal.html", {"unit": unit, "internal": internal})


@require_GET
@login_required
def cluster_years(request: HttpRequest) -> HttpResponse:
    years = term_years()
    try:
        year = int(request.GET.get("nam", "")) if request.GET.get("nam") else None
    except ValueError:
        year = None
    if year is None and years:
        year = years[0]
    terms = [(t, term_officers(t)) for t in term_list_for(user=request.user, year=year)]
    return render(request, "web/clusters.html", {"years": years, "year": year, "terms": terms})


@require_GET
@login_required
def term_detail(request: HttpRequest, pk: int) -> HttpResponse:
    term = term_get_for(user=request.user, pk=pk)
    return render(
        request,
        "web/term_detail.html",
        {
            "term": term,
            "officers": term_officers(term),
            "can_view_internal": may(request.user, Action.TERM_VIEW_INTERNAL, term),
            # The summary conference's election of next year's officers, for those who manage
            # the term (thidua.elections).
            "can_manage_term": may(request.user, Action.TERM_MANAGE, term),
        },
    )


@require_GET
@login_required
def term_workspace(request: HttpRequest, pk: int) -> HttpResponse:
    term = term_get_for(user=request.user, pk=pk)
    workspace = term_workspace_for(user=request.user, term=term)
    return render(
        request,
        "web/term_workspace.html",
        {"term": term, "officers": term_officers(term), "workspace": workspace},
    )


@require_GET
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.AUDIT_VIEW)
    page = Paginator(audit_events_recent(), 50).get_page(request.GET.get("trang"))
    report = audit_chain_verify() if request.GET.get("kiem_tra") else None
    return render(request, "web/audit.html", {"page": page, "report": report})
