"""The votes a user may read ("Bỏ phiếu"), and setting a vote up: creating it, and changing
it while it is a draft. The organiser is chosen first (a cluster's term, a board, the sector),
since the roll, the committee and the trustees are picked among that organiser's people."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.models import User
from thidua.core.errors import DomainError
from thidua.voting import access, selectors, services
from thidua.voting.forms import SETUP_FIELDS, VoteForm, lines
from thidua.voting.models import Vote, VoteKind, VoteStatus
from thidua.voting.views.common import (
    Organiser,
    organiser_of,
    organisers_for,
    people_of,
    show_problems,
)

FIRST_YEAR = 2000


def _year(raw: str | None) -> int | None:
    today = timezone.localdate().year
    if raw and raw.isdigit() and FIRST_YEAR <= int(raw) <= today + 1:
        return int(raw)
    return None


@require_GET
@login_required
def vote_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _year(request.GET.get("nam"))
    kind = request.GET.get("loai") or None
    if kind not in VoteKind.values:
        kind = None
    votes = selectors.vote_list_for(user=request.user, year=year, kind=kind)
    context = {
        "votes": votes,
        "year": year,
        "kind": kind,
        "years": list(range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)),
        "kinds": VoteKind.choices,
        "may_create": access.may_create(request.user),
    }
    return render(request, "voting/vote_list.html", context)


def _spec(form: VoteForm, organiser: Organiser) -> services.VoteSpec:
    data = form.cleaned_data
    roll_users: list[User] = list(data["roll_users"])
    roll = [
        services.VoterSpec(name=u.get_full_name() or u.username, user=u, unit=u.unit)
        for u in roll_users
    ] + [services.VoterSpec(name=name) for name in lines(data["roll_names"])]
    return services.VoteSpec(
        title=data["title"],
        kind=data["kind"],
        mode=data["mode"],
        year=data["year"],
        held_on=data["held_on"],
        rule_prefix=data["rule_prefix"],
        candidates=[services.CandidateSpec(name=n) for n in lines(data["candidates"])],
        roll=roll,
        committee=list(data["committee"]),
        trustees=list(data["trustees"]),
        seats=data["seats"] if data["kind"] == VoteKind.ELECTION else None,
        summoned=data["summoned"],
        organiser_term=organiser.term,
        organiser_unit=organiser.unit,
    )


def _form_page(
    request: HttpRequest,
    form: VoteForm | None,
    *,
    organisers: list[Organiser],
    organiser: Organiser | None,
    vote: Vote | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "organisers": organisers,
        "organiser": organiser,
        "vote": vote,
    }
    return render(request, "voting/vote_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def vote_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """First the organiser (``?to-chuc=``, skipped when there is only one), then the form."""
    access.require(access.may_create(request.user))
    organisers = organisers_for(request.user)
    access.require(bool(organisers))
    wanted = request.POST.get("organiser") or request.GET.get("to-chuc")
    if wanted is None and len(organisers) == 1:
        wanted = organisers[0].key
    organiser = next((o for o in organisers if o.key == wanted), None)
    if organiser is None:
        return _form_page(request, None, organisers=organisers, organiser=None)
    people = people_of(organiser)
    if request.method == "GET":
        today = timezone.localdate()
        initial = {"year": today.year, "held_on": today, "mode": "paper"}
        form = VoteForm(people=people, initial=initial)
        return _form_page(request, form, organisers=organisers, organiser=organiser)
    form = VoteForm(request.POST, people=people)
    if form.is_valid():
        try:
            vote = services.vote_create(actor=request.user, spec=_spec(form, organiser))
        except DomainError as error:
            show_problems(form, error, SETUP_FIELDS)
        else:
            messages.success(request, _("Đã tạo cuộc bỏ phiếu: %(title)s.") % {"title": vote})
            return redirect("voting:detail", vote_pk=vote.pk)
    return _form_page(request, form, organisers=organisers, organiser=organiser, status=400)


def _initial(vote: Vote) -> dict[str, Any]:
    roll = list(vote.roll.all())
    return {
        "title": vote.title,
        "kind": vote.kind,
        "mode": vote.mode,
        "year": vote.year,
        "held_on": vote.held_on,
        "seats": vote.seats,
        "summoned": vote.summoned,
        "rule_prefix": vote.rule_prefix,
        "candidates": "\n".join(c.name for c in vote.candidates.order_by("position")),
        "roll_users": [v.user_id for v in roll if v.user_id is not None],
        "roll_names": "\n".join(v.name for v in roll if v.user_id is None),
        "committee": [m.user_id for m in vote.committee.all()],
        "trustees": [t.user_id for t in vote.trustees.all()],
    }


@require_http_methods(["GET", "POST"])
@login_required
def vote_edit(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    vote = selectors.vote_get_for(user=request.user, pk=vote_pk)
    access.require(access.may_organise(request.user, vote))
    if vote.status != VoteStatus.DRAFT:
        messages.error(request, _("Chỉ sửa được cuộc bỏ phiếu đang chuẩn bị."))
        return redirect("voting:detail", vote_pk=vote.pk)
    organiser = organiser_of(vote)
    named = User.objects.filter(
        pk__in=[
            *vote.roll.exclude(user=None).values_list("user_id", flat=True),
            *vote.committee.values_list("user_id", flat=True),
            *vote.trustees.values_list("user_id", flat=True),
        ]
    )
    people = people_of(organiser, keep=named)
    if request.method == "GET":
        form = VoteForm(people=people, initial=_initial(vote))
        return _form_page(request, form, organisers=[organiser], organiser=organiser, vote=vote)
    form = VoteForm(request.POST, people=people)
    if form.is_valid():
        try:
            services.vote_update(actor=request.user, vote=vote, spec=_spec(form, organiser))
        except DomainError as error:
            show_problems(form, error, SETUP_FIELDS)
        else:
            messages.success(request, _("Đã lưu cuộc bỏ phiếu."))
            return redirect("voting:detail", vote_pk=vote.pk)
    return _form_page(
        request, form, organisers=[organiser], organiser=organiser, vote=vote, status=400
    )
