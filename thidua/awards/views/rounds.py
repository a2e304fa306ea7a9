"""A round's page: its candidates with their verdicts explained, and the changes of its list
(add, remove, keep with a written reason, judge again). The meeting, submission and decision
are in ``deciding``; the rounds of a year and opening one in ``round_list``.

Every action first reads the round as the user may (``round_view``: 404 when they may not read
it) and refuses one who may not act on it (403) before reading any input.
"""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.awards import access
from thidua.awards.forms.deciding import DecisionForm, DeliberationForm
from thidua.awards.forms.rounds import CandidateAddForm, KeepForm
from thidua.awards.models import RoundStatus
from thidua.awards.selectors.judging import catalogue
from thidua.awards.selectors.opening import round_people, round_units
from thidua.awards.selectors.rounds import CandidateRow, RoundView, judging_day, round_view
from thidua.awards.services import rounds as services
from thidua.awards.views.vote_section import vote_context
from thidua.core.errors import DomainError, NotFoundError
from thidua.core.forms import apply_domain_error


def add_form(view: RoundView, data: Any = None) -> CandidateAddForm:
    units = round_units(view.round)
    return CandidateAddForm(
        data, units=units, people=round_people(view.round, units), catalogue=catalogue()
    )


def deliberation_form(view: RoundView, data: Any = None) -> DeliberationForm:
    round_ = view.round
    initial = {
        "deliberated_on": round_.deliberated_on or timezone.localdate(),
        "summoned": round_.summoned,
        "present": round_.present,
        "minutes_note": round_.minutes_note,
    }
    return DeliberationForm(data, candidates=[row.candidate for row in view.rows], initial=initial)


def decision_form(view: RoundView, data: Any = None) -> DecisionForm:
    proposed = [row.candidate for row in view.rows if row.candidate.proposed]
    return DecisionForm(data, proposed=proposed, initial={"decided_on": timezone.localdate()})


def round_page(
    request: HttpRequest,
    view: RoundView,
    *,
    status: int = 200,
    errors: list[str] | None = None,
    keep: tuple[int, KeepForm] | None = None,
    **forms: Any,
) -> HttpResponse:
    """The page with every form the user may use now; a refused one comes back bound."""
    round_ = view.round
    labels = dict(RoundStatus.choices)
    context: dict[str, Any] = {
        "view": view,
        "round": round_,
        "statuses": RoundStatus,
        "errors": errors or [],
        "keep_pk": keep[0] if keep else None,
        "keep_form": keep[1] if keep else None,
        "proposed_rows": [row for row in view.rows if row.candidate.proposed],
        "grants": [row for row in view.rows if row.grant is not None],
        "threshold_percent": (
            None
            if view.threshold is None
            else Decimal(view.threshold.numerator * 100) / view.threshold.denominator
        ),
        "creator": (
            (round_.created_by.get_full_name() or round_.created_by.username)
            if round_.created_by
            else ""
        ),
        "history": [
            {
                "at": move.at,
                "source": labels.get(move.from_status, move.from_status),
                "target": labels.get(move.to_status, move.to_status),
                "by": (move.by.get_full_name() or move.by.username) if move.by else "",
            }
            for move in view.history
        ],
    }
    if view.editable:
        context["add_form"] = forms.get("add_form") or add_form(view)
    context.update(vote_context(view, request.user, forms.get("vote_form")))
    may_deliberate = (
        view.may_manage
        and round_.vote_id is None
        and round_.status in {RoundStatus.DRAFT, RoundStatus.DELIBERATED}
    )
    if may_deliberate and view.rows:
        form = forms.get("deliberation_form") or deliberation_form(view)
        context["deliberation_form"] = form
        context["approval_rows"] = [
            (row, form.approvals_field(row.candidate.pk)) for row in view.rows
        ]
    context["submit_refused"] = forms.get("submit_refused")
    context["may_submit_now"] = view.may_submit and round_.status == RoundStatus.DELIBERATED
    if view.may_decide and round_.status == RoundStatus.SUBMITTED:
        context["decision_form"] = forms.get("decision_form") or decision_form(view)
    return render(request, "awards/round.html", context, status=status)


def _row(view: RoundView, candidate_pk: int) -> CandidateRow:
    row = next((r for r in view.rows if r.candidate.pk == candidate_pk), None)
    if row is None:
        raise NotFoundError(_("Không có người, tập thể này trong đợt xét."))
    return row


@require_GET
@login_required
def round_detail(request: AuthenticatedHttpRequest, round_pk: int) -> HttpResponse:
    return round_page(request, round_view(user=request.user, round_id=round_pk))


@require_POST
@login_required
def round_candidate_add(request: AuthenticatedHttpRequest, round_pk: int) -> HttpResponse:
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_manage)
    form = add_form(view, request.POST)
    if form.is_valid():
        person, unit = form.subject()
        try:
            candidate = services.candidate_add(
                actor=request.user,
                round_=view.round,
                award=form.cleaned_data["award"],
                person=person,
                unit=unit,
                judged_on=judging_day(view.round),
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Đã thêm %(name)s vào danh sách: %(verdict)s.")
                % {"name": candidate.subject_name, "verdict": candidate.get_verdict_display()},
            )
            return redirect("awards:round_detail", round_pk=round_pk)
    return round_page(request, view, status=400, add_form=form)


@require_POST
@login_required
def round_candidate_remove(
    request: AuthenticatedHttpRequest, round_pk: int, candidate_pk: int
) -> HttpResponse:
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_manage)
    row = _row(view, candidate_pk)
    try:
        services.candidate_remove(actor=request.user, candidate=row.candidate)
    except DomainError as error:
        return round_page(request, view, status=400, errors=[error.message])
    messages.success(
        request, _("Đã bỏ %(name)s khỏi danh sách.") % {"name": row.candidate.subject_name}
    )
    return redirect("awards:round_detail", round_pk=round_pk)


@require_POST
@login_required
def round_candidate_keep(
    request: AuthenticatedHttpRequest, round_pk: int, candidate_pk: int
) -> HttpResponse:
    """Keep an ineligible candidate with the written reason the council reads."""
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_manage)
    row = _row(view, candidate_pk)
    form = KeepForm(request.POST)
    if form.is_valid():
        try:
            services.candidate_keep(
                actor=request.user, candidate=row.candidate, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi lý do vẫn đề nghị %(name)s.") % {"name": row.candidate.subject_name},
            )
            return redirect("awards:round_detail", round_pk=round_pk)
    return round_page(request, view, status=400, keep=(candidate_pk, form))


@require_POST
@login_required
def round_rejudge(request: AuthenticatedHttpRequest, round_pk: int) -> HttpResponse:
    view = round_view(user=request.user, round_id=round_pk)
    access.require(view.may_manage)
    try:
        services.round_rejudge(actor=request.user, round_=view.round, on=judging_day(view.round))
    except DomainError as error:
        return round_page(request, view, status=400, errors=[error.message])
    messages.success(request, _("Đã xét lại điều kiện của cả danh sách theo hồ sơ hiện có."))
    return redirect("awards:round_detail", round_pk=round_pk)
