"""The "Bỏ phiếu bình xét" section of a round's page: the form that sets the vote up (while the
list is being drawn up and has no vote), the link to the vote and, once it is final, its result
and the step that makes it the round's deliberation."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards.models import RoundStatus
from thidua.awards.selectors.rounds import RoundView
from thidua.awards.services.deliberation import default_roll
from thidua.elections.display import result_rows, rule_citation
from thidua.elections.forms import VoteSetupForm
from thidua.elections.links import vote_url
from thidua.elections.roll import people_to_choose
from thidua.voting.models import Vote, VoteMode, VoteStatus


def vote_form(view: RoundView, user: User | AnonymousUser, data: Any = None) -> VoteSetupForm:
    """The committee and trustees are chosen among the people ``people_to_choose`` offers."""
    today = timezone.localdate()
    roll = default_roll(view.round, today)
    people = people_to_choose(roll, user if isinstance(user, User) else None)
    initial = {"held_on": today, "mode": VoteMode.PAPER}
    return VoteSetupForm(data, people=people, initial=initial)


def vote_context(
    view: RoundView, user: User | AnonymousUser, form: VoteSetupForm | None
) -> dict[str, Any]:
    round_ = view.round
    vote = Vote.objects.filter(nomination_round=round_).first()
    if vote is None:
        may_create = view.may_manage and round_.status == RoundStatus.DRAFT and bool(view.rows)
        return {"vote_form": (form or vote_form(view, user)) if may_create else None}
    final = vote.status == VoteStatus.FINAL
    return {
        "round_vote": vote,
        "round_vote_url": vote_url(vote),
        "round_vote_rows": result_rows(vote),
        "round_vote_citation": rule_citation(vote),
        "may_apply_vote": view.may_manage and final and round_.status == RoundStatus.DRAFT,
    }
