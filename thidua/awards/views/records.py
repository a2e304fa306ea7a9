"""The pages of the achievement records: a person's records with their eligibility for every
individual award, a unit's collective years and its staff's ratings in a year, and the forms
that keep them (shown to whoever may keep them; every write checked again by its service)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.awards.access import (
    may_keep_person_records,
    may_keep_unit_records,
    may_read_person_records,
    may_read_unit_records,
    require,
)
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.forms import DisciplineEndForm, PendingCloseForm
from thidua.awards.models import Discipline, PendingMatter
from thidua.awards.selectors.records import (
    award_names,
    keepable_units,
    person_get_for,
    person_records,
    records_unit_get_for,
    unit_records,
)
from thidua.awards.selectors.stored import eligibility_panel
from thidua.awards.services.records import discipline_end_set, pending_close
from thidua.awards.views.query import day_param, year_param
from thidua.awards.views.writing import KINDS, SAVE, bound_form, record_forms, work_unit
from thidua.core.errors import DomainError, PermissionDeniedError
from thidua.core.forms import apply_domain_error


@require_GET
@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The awards' front page: the nomination rounds, the registry and the records the user
    keeps."""
    context = {"units": keepable_units(user=request.user)}
    return render(request, "awards/index.html", context)


def _person_page(
    request: AuthenticatedHttpRequest,
    person_id: int,
    bound: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    person = person_get_for(user=request.user, pk=person_id)
    on = day_param(request)
    records = person_records(user=request.user, person=person)
    context = {
        "records": records,
        "person": person,
        "names": award_names(),
        "on": on,
        "panel": eligibility_panel(user=request.user, person=person, on=on),
        "forms": record_forms(SubjectKind.INDIVIDUAL, bound) if records.may_keep else {},
        "end_form": DisciplineEndForm(),
        "close_form": PendingCloseForm(),
    }
    status = 400 if bound is not None else 200
    return render(request, "awards/person.html", context, status=status)


@require_GET
@login_required
def person(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    return _person_page(request, person_id)


@require_POST
@login_required
def person_write(request: AuthenticatedHttpRequest, person_id: int, kind: str) -> HttpResponse:
    subject = person_get_for(user=request.user, pk=person_id)
    if kind not in KINDS:
        raise Http404
    require(may_keep_person_records(request.user, subject))
    form = bound_form(kind, SubjectKind.INDIVIDUAL, request.POST)
    if form.is_valid():
        unit = work_unit(request.user, subject)
        try:
            SAVE[kind](request.user, subject, unit, form.cleaned_data)
        except PermissionDeniedError:
            raise
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("awards:person", person_id=subject.pk)
    return _person_page(request, person_id, (kind, form))


def _unit_page(
    request: AuthenticatedHttpRequest,
    unit_id: int,
    bound: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    unit = records_unit_get_for(user=request.user, pk=unit_id)
    year = year_param(request)
    records = unit_records(user=request.user, unit=unit, year=year)
    on = day_param(request)
    context = {
        "records": records,
        "unit": unit,
        "year": year,
        "names": award_names(),
        "on": on,
        "panel": eligibility_panel(user=request.user, unit=unit, on=on),
        "forms": record_forms(SubjectKind.COLLECTIVE, bound) if records.may_keep else {},
        "end_form": DisciplineEndForm(),
        "close_form": PendingCloseForm(),
    }
    status = 400 if bound is not None else 200
    return render(request, "awards/unit.html", context, status=status)


@require_GET
@login_required
def unit(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    return _unit_page(request, unit_id)


@require_POST
@login_required
def unit_write(request: AuthenticatedHttpRequest, unit_id: int, kind: str) -> HttpResponse:
    subject = records_unit_get_for(user=request.user, pk=unit_id)
    if kind not in KINDS:
        raise Http404
    require(may_keep_unit_records(request.user, subject))
    form = bound_form(kind, SubjectKind.COLLECTIVE, request.POST)
    if form.is_valid():
        try:
            SAVE[kind](request.user, None, subject, form.cleaned_data)
        except PermissionDeniedError:
            raise
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("awards:unit_records", unit_id=subject.pk)
    return _unit_page(request, unit_id, (kind, form))


def _back(matter: Discipline | PendingMatter) -> HttpResponse:
    if matter.person_id is not None:
        return redirect("awards:person", person_id=matter.person_id)
    return redirect("awards:unit_records", unit_id=matter.unit_id)


def _readable(request: AuthenticatedHttpRequest, matter: Discipline | PendingMatter) -> None:
    """A matter the user may not even read is not found (its id says nothing)."""
    if matter.person is not None:
        readable = may_read_person_records(request.user, matter.person)
    else:
        readable = matter.unit is not None and may_read_unit_records(request.user, matter.unit)
    if not readable:
        raise Http404


@require_POST
@login_required
def discipline_end(request: AuthenticatedHttpRequest, discipline_id: int) -> HttpResponse:
    row = get_object_or_404(Discipline.objects.select_related("person", "unit"), pk=discipline_id)
    _readable(request, row)
    form = DisciplineEndForm(request.POST)
    if form.is_valid():
        try:
            discipline_end_set(actor=request.user, discipline=row, end=form.cleaned_data["end"])
        except PermissionDeniedError:
            raise
        except DomainError as error:
            messages.error(request, _refusal_text(error))
        else:
            messages.success(request, _("Đã lưu."))
    else:
        messages.error(request, _("Ngày chưa hợp lệ."))
    return _back(row)


@require_POST
@login_required
def matter_close(request: AuthenticatedHttpRequest, matter_id: int) -> HttpResponse:
    row = get_object_or_404(PendingMatter.objects.select_related("person", "unit"), pk=matter_id)
    _readable(request, row)
    form = PendingCloseForm(request.POST)
    if form.is_valid():
        try:
            pending_close(actor=request.user, matter=row, closed_on=form.cleaned_data["closed_on"])
        except PermissionDeniedError:
            raise
        except DomainError as error:
            messages.error(request, _refusal_text(error))
        else:
            messages.success(request, _("Đã lưu."))
    else:
        messages.error(request, _("Ngày chưa hợp lệ."))
    return _back(row)


def _refusal_text(error: DomainError) -> str:
    problems = getattr(error, "problems", {})
    return " ".join([error.message, *(m for found in problems.values() for m in found)])
