"""Adjusting a term after the rollover, for the secretariat: its facts, its members, its head and
deputies with the decision that made them. One page; each form posts to its own address and a
refusal is shown beside the form that asked for it."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import Action, require
from thidua.core.errors import DomainError
from thidua.core.forms import apply_domain_error
from thidua.orgs.forms import MemberAddForm, MemberRemoveForm, OfficerChangeForm, TermFactsForm
from thidua.orgs.models import ClusterTerm, OfficerRole
from thidua.orgs.selectors import officer_changes_of, term_get_for, term_officers
from thidua.orgs.services import officer_change
from thidua.orgs.services.terms import cluster_term_update, term_member_add, term_member_remove

PAGE = "web/term_adjust.html"


def _term(request: AuthenticatedHttpRequest, pk: int) -> ClusterTerm:
    require(request.user, Action.ORGS_MANAGE)
    return term_get_for(user=request.user, pk=pk)


def _page(
    request: AuthenticatedHttpRequest, term: ClusterTerm, **bound: forms.Form
) -> HttpResponse:
    """The page with every form, the one that was posted (``bound``) showing its errors."""
    context: dict[str, Any] = {
        "term": term,
        "officers": term_officers(term),
        "changes": officer_changes_of(term),
        "facts_form": TermFactsForm(term=term),
        "add_form": MemberAddForm(term=term),
        "remove_form": MemberRemoveForm(term=term),
        "officer_form": OfficerChangeForm(term=term),
        **bound,
    }
    return render(request, PAGE, context, status=400 if bound else 200)


def _done(request: AuthenticatedHttpRequest, term: ClusterTerm, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("web:term_adjust", pk=term.pk)


@require_GET
@login_required
def term_adjust(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, _term(request, pk))


@require_POST
@login_required
def term_facts(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    term = _term(request, pk)
    form = TermFactsForm(request.POST, term=term)
    if form.is_valid():
        try:
            cluster_term_update(
                actor=request.user,
                term=term,
                regulation=form.cleaned_data["regulation"],
                supervising_department=form.cleaned_data["supervising_department"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _done(request, term, _("Đã lưu quy chế, vụ theo dõi và ghi chú của cụm."))
    return _page(request, term, facts_form=form)


@require_POST
@login_required
def member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    term = _term(request, pk)
    form = MemberAddForm(request.POST, term=term)
    if form.is_valid():
        unit = form.cleaned_data["unit"]
        try:
            term_member_add(actor=request.user, term=term, unit=unit)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _done(request, term, _("Đã thêm “%(unit)s” vào cụm.") % {"unit": unit})
    return _page(request, term, add_form=form)


@require_POST
@login_required
def member_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    term = _term(request, pk)
    form = MemberRemoveForm(request.POST, term=term)
    if form.is_valid():
        unit = form.cleaned_data["unit"]
        try:
            term_member_remove(
                actor=request.user, term=term, unit=unit, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _done(request, term, _("Đã bỏ “%(unit)s” khỏi cụm.") % {"unit": unit})
    return _page(request, term, remove_form=form)


@require_POST
@login_required
def officer_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    term = _term(request, pk)
    form = OfficerChangeForm(request.POST, term=term)
    if form.is_valid():
        data = form.cleaned_data
        try:
            officer_change(
                actor=request.user,
                term=term,
                unit=data["unit"],
                new_role=OfficerRole(data["new_role"]),
                decision=data["decision"],
                decided_on=data["decided_on"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _done(
                request,
                term,
                _("Đã ghi “%(unit)s” là %(role)s.")
                % {"unit": data["unit"], "role": OfficerRole(data["new_role"]).label.lower()},
            )
    return _page(request, term, officer_form=form)
