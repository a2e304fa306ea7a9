"""The page of a cluster term's election of next year's head and deputies, for those who manage
the term: set the two votes up, follow them (links to the votes' pages) and, once both are final,
record their result as next year's officers. A refusal (a tie, too few elected) is shown as the
service words it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.access import forbidden
from thidua.core.errors import DomainError
from thidua.core.forms import apply_domain_error
from thidua.elections.display import result_rows, rule_citation
from thidua.elections.forms import ElectionForm
from thidua.elections.links import vote_url
from thidua.elections.models import Election
from thidua.elections.roll import people_to_choose, term_roll
from thidua.elections.selectors import (
    deputies_now,
    deputies_outcome,
    election_of,
    head_outcome,
    may_manage_election,
)
from thidua.elections.services import election_apply, election_create
from thidua.orgs.models import ClusterTerm
from thidua.orgs.selectors import term_get_for
from thidua.voting.models import Vote, VoteMode

PAGE = "elections/election.html"


def _term(request: AuthenticatedHttpRequest, term_pk: int) -> ClusterTerm:
    term = term_get_for(user=request.user, pk=term_pk)
    if not may_manage_election(request.user, term):
        raise forbidden()
    return term


def _form(request: AuthenticatedHttpRequest, term: ClusterTerm, data: Any = None) -> ElectionForm:
    today = timezone.localdate()
    people = people_to_choose(term_roll(term, today), request.user)
    initial = {"held_on": today, "mode": VoteMode.PAPER, "deputies": max(1, deputies_now(term))}
    return ElectionForm(data, people=people, initial=initial)


def _vote_block(vote: Vote, problem: str) -> dict[str, Any]:
    return {
        "vote": vote,
        "url": vote_url(vote),
        "rows": result_rows(vote),
        "citation": rule_citation(vote),
        "problem": problem,
    }


def _page(
    request: AuthenticatedHttpRequest,
    term: ClusterTerm,
    *,
    form: ElectionForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    election = election_of(term)
    context: dict[str, Any] = {
        "term": term,
        "next_year": term.year + 1,
        "election": election,
        "errors": errors or [],
    }
    if election is None:
        context["form"] = form or _form(request, term)
    else:
        head, deputies = head_outcome(election), deputies_outcome(election)
        context["blocks"] = [
            (_("Bầu cụm trưởng"), _vote_block(election.head_vote, head.problem)),
            (_("Bầu cụm phó"), _vote_block(election.deputies_vote, deputies.problem)),
        ]
        context["may_apply"] = (
            election.applied_at is None and not head.problem and not deputies.problem
        )
        context["following"] = ClusterTerm.objects.filter(
            cluster=term.cluster, year=term.year + 1
        ).first()
    return render(request, PAGE, context, status=400 if (form or errors) else 200)


@require_GET
@login_required
def election_page(request: AuthenticatedHttpRequest, term_pk: int) -> HttpResponse:
    return _page(request, _term(request, term_pk))


@require_POST
@login_required
def election_create_view(request: AuthenticatedHttpRequest, term_pk: int) -> HttpResponse:
    term = _term(request, term_pk)
    form = _form(request, term, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            election_create(
                actor=request.user,
                term=term,
                held_on=data["held_on"],
                mode=data["mode"],
                committee=form.users("committee"),
                trustees=form.users("trustees"),
                deputies=data["deputies"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã lập cuộc bầu cụm trưởng, cụm phó năm sau."))
            return redirect("elections:term", term_pk=term.pk)
    return _page(request, term, form=form)


@require_POST
@login_required
def election_apply_view(request: AuthenticatedHttpRequest, term_pk: int) -> HttpResponse:
    term = _term(request, term_pk)
    election = Election.objects.filter(term=term).first()
    if election is None:
        return _page(request, term, errors=[_("Cụm chưa lập cuộc bầu cụm trưởng, cụm phó.")])
    try:
        election_apply(actor=request.user, election=election)
    except DomainError as error:
        return _page(request, term, errors=[error.message])
    messages.success(
        request,
        _("Đã ghi cụm trưởng, cụm phó năm %(year)s theo kết quả bầu.") % {"year": term.year + 1},
    )
    return redirect("elections:term", term_pk=term.pk)
