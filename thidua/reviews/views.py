"""The pages of votes of confidence: the list of a board's (or every readable board's) votes,
the creation form, and a vote's outcomes person by person with a link to its ballot page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, NotFoundError
from thidua.core.forms import apply_domain_error
from thidua.orgs.models import Unit
from thidua.reviews import access
from thidua.reviews.forms import SessionForm
from thidua.reviews.models import ConfidenceSession
from thidua.reviews.selectors import (
    confidence_outcomes,
    organisable_units,
    rated_choices,
    session_get_for,
    sessions_for,
    unit_users,
)
from thidua.reviews.services import RatedSpec, confidence_session_create

UNIT_PARAM = "don-vi"
MAX_BUTTONS = 5


def _unit_or_none(raw: str | None) -> Unit | None:
    return Unit.objects.filter(pk=int(raw)).first() if raw and raw.isdigit() else None


def vote_page(session: ConfidenceSession) -> str:
    """The vote's own page (ballots, counting, confirmation), built by the voting pages."""
    try:
        return reverse("voting:detail", args=[session.vote_id])
    except NoReverseMatch:
        return f"/bo-phieu/{session.vote_id}/"


@require_GET
@login_required
def session_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = _unit_or_none(request.GET.get(UNIT_PARAM))
    if unit is not None and not access.may_organise(request.user, unit):
        # Another board's list is empty for this user, as if it had none.
        organisable = []
    else:
        organisable = [unit] if unit is not None else organisable_units(request.user)
    # A leader gets a button per board led; the secretariat (every board) chooses one first.
    context = {
        "unit": unit,
        "sessions": sessions_for(user=request.user, unit=unit),
        "organisable": organisable if len(organisable) <= MAX_BUTTONS else [],
        "choose_from": organisable if len(organisable) > MAX_BUTTONS else [],
        "unit_param": UNIT_PARAM,
    }
    return render(request, "reviews/list.html", context)


def _unit_to_organise(request: AuthenticatedHttpRequest, unit_pk: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_pk).first()
    if unit is None:
        raise NotFoundError(_("Không tìm thấy đơn vị."))
    access.require(access.may_organise(request.user, unit))
    return unit


@require_http_methods(["GET", "POST"])
@login_required
def session_create(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = _unit_to_organise(request, unit_pk)
    positions = rated_choices(unit, timezone.localdate())
    users = unit_users(unit)
    data = request.POST if request.method == "POST" else None
    form = SessionForm(
        data,
        positions=positions,
        users=users,
        initial={"held_on": timezone.localdate(), "mode": "paper"},
    )
    if data is not None and form.is_valid():
        cleaned = form.cleaned_data
        try:
            session = confidence_session_create(
                actor=request.user,
                unit=unit,
                held_on=cleaned["held_on"],
                persons=[RatedSpec(p.person, p.title) for p in form.chosen_positions()],
                roll=[*form.chosen_users("roll"), *cleaned["names"]],
                committee=form.chosen_users("committee"),
                trustees=form.chosen_users("trustees"),
                mode=cleaned["mode"],
                summoned=cleaned["summoned"],
                title=cleaned["title"],
            )
        except DomainError as refused:
            apply_domain_error(form, refused)
        else:
            messages.success(request, _("Đã tạo đợt lấy phiếu tín nhiệm."))
            return redirect("reviews:detail", pk=session.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"unit": unit, "form": form, "positions": positions, "users": users}
    return render(request, "reviews/create.html", context, status=status)


@require_GET
@login_required
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = session_get_for(user=request.user, pk=pk)
    context = {
        "session": session,
        "vote": session.vote,
        "outcomes": confidence_outcomes(session),
        "vote_url": vote_page(session),
    }
    return render(request, "reviews/detail.html", context)
