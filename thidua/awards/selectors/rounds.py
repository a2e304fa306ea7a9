"""Reads of nomination rounds: the rounds a user may see, and one round as its page and the API
show it — candidates with their verdicts explained in the reader's language, what the user may
do next, the deliberation threshold and the quota as they stand, the history of moves, the
decision and its grants. A round of any size is read in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards import access
from thidua.awards.engine.catalogue import Award
from thidua.awards.explanations import LineShown, first_unmet, lines_shown
from thidua.awards.models import Candidate, Grant, NominationRound, RoundStatus
from thidua.awards.selectors.judging import catalogue
from thidua.awards.workflow import approval_rule
from thidua.core.access import require_signed_in
from thidua.core.errors import NotFoundError
from thidua.core.models import Transition
from thidua.rulebook.engine.types import RuleMissing
from thidua.rulebook.selectors import rule_set_on


def rounds_for(*, user: User | AnonymousUser, year: int | None = None) -> list[NominationRound]:
    require_signed_in(user)
    rounds = NominationRound.objects.select_related("term__cluster", "unit").prefetch_related(
        "candidates", "term__memberships"
    )
    if year is not None:
        rounds = rounds.filter(year=year)
    return [r for r in rounds if access.may_read_round(user, r)]


@dataclass
class CandidateRow:
    candidate: Candidate
    award: Award | None
    lines: list[LineShown]
    reason_unmet: LineShown | None
    grant: Grant | None = None

    @property
    def needs_reason(self) -> bool:
        return self.candidate.verdict == "not_eligible" and not self.candidate.kept_reason


@dataclass
class RoundView:
    round: NominationRound
    rows: list[CandidateRow]
    may_manage: bool
    may_submit: bool
    may_decide: bool
    threshold: Fraction | None
    threshold_citation: str
    history: list[Transition] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        return self.may_manage and self.round.status == RoundStatus.DRAFT

    @property
    def decision(self) -> object:
        return getattr(self.round, "decision", None)


def _threshold(round_: NominationRound) -> tuple[Fraction | None, str]:
    on = round_.deliberated_on or timezone.localdate()
    rules = rule_set_on(on)
    key = approval_rule(round_.level)
    try:
        return rules.ratio(key), rules.get(key).citation.text
    except RuleMissing:
        return None, ""


def round_view(*, user: User | AnonymousUser, round_id: int) -> RoundView:
    """The round if the user may read it; NotFoundError otherwise (its existence is not told)."""
    require_signed_in(user)
    round_ = (
        NominationRound.objects.select_related("term__cluster", "unit")
        .prefetch_related(
            Prefetch(
                "candidates",
                queryset=Candidate.objects.select_related("person", "unit").order_by(
                    "position", "id"
                ),
            ),
            "term__memberships",
        )
        .filter(pk=round_id)
        .first()
    )
    if round_ is None or not access.may_read_round(user, round_):
        raise NotFoundError("round")
    grants = {g.candidate_id: g for g in Grant.objects.filter(candidate__round=round_)}
    awards = catalogue()
    rows = [
        CandidateRow(
            candidate=c,
            award=awards.get(c.award),
            lines=lines_shown(c.explanation),
            reason_unmet=first_unmet(c.explanation),
            grant=grants.get(c.pk),
        )
        for c in round_.candidates.all()
    ]
    threshold, citation = _threshold(round_)
    history = list(
        Transition.objects.filter(
            object_type=round_._meta.label_lower, object_id=round_.pk
        ).select_related("by")
    )
    return RoundView(
        round=round_,
        rows=rows,
        may_manage=access.may_manage_round(user, round_),
        may_submit=access.may_submit_round(user, round_),
        may_decide=access.may_decide_round(user, round_),
        threshold=threshold,
        threshold_citation=citation,
        history=history,
    )


def judging_day(round_: NominationRound) -> dt.date:
    """The day a round's candidates are judged on: today, or the last day of the year after
    the achievement year for a round opened late (the record of an old year)."""
    today = timezone.localdate()
    return min(today, dt.date(round_.year + 1, 12, 31))
