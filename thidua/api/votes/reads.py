"""A vote as the API gives it out. The result is there only once the vote is final, whoever
asks: a paper count awaiting its second confirmation and a closed box awaiting its trustees
are nobody's to read yet."""

from fractions import Fraction
from typing import Any

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import User
from thidua.api.schemas.votes import (
    CommitteeOut,
    QuestionOut,
    ResultOut,
    TrusteeOut,
    VoteCandidateOut,
    VoteDetailOut,
)
from thidua.core.errors import DomainError
from thidua.voting import access
from thidua.voting.engine.layout import ballot_layout
from thidua.voting.models import Vote, VoteKind, VoteMode, VoteStatus
from thidua.voting.services.rules import confidence_rule_for, threshold_rule_for


def vote_fields(vote: Vote, roll: int, voted: int) -> dict[str, Any]:
    return {
        "id": vote.pk,
        "uid": str(vote.uid),
        "title": vote.title,
        "kind": vote.kind,
        "mode": vote.mode,
        "status": vote.status,
        "year": vote.year,
        "held_on": vote.held_on,
        "seats": vote.seats,
        "organiser_term_id": vote.organiser_term_id,
        "organiser_unit_id": vote.organiser_unit_id,
        "roll": roll,
        "summoned": vote.summoned,
        "voted": voted if vote.mode == VoteMode.ELECTRONIC else None,
    }


def _ratio(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def rule_of(vote: Vote) -> dict[str, Any] | None:
    """The rule as it applies on the meeting's day (as applied, once there is a result)."""
    if vote.result is not None and vote.status == VoteStatus.FINAL:
        rule: dict[str, Any] = vote.result["rule"]
        return rule
    try:
        if vote.kind == VoteKind.CONFIDENCE:
            c = confidence_rule_for(vote)
            return {
                "review": _ratio(c.review),
                "dismissal": _ratio(c.dismissal),
                "denominator": c.denominator,
                "quorum": _ratio(c.quorum),
                "citation": c.citation,
                "is_parameter": c.is_parameter,
            }
        t = threshold_rule_for(vote)
    except DomainError:
        return None
    return {
        "share": _ratio(t.share),
        "strict": t.strict,
        "denominator": t.denominator,
        "absentee_written": t.absentee_written,
        "quorum": _ratio(t.quorum),
        "citation": t.citation,
        "is_parameter": t.is_parameter,
    }


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def vote_detail(user: User | AnonymousUser, vote: Vote) -> VoteDetailOut:
    roll = list(vote.roll.values_list("voted_at", flat=True))
    candidates = list(vote.candidates.order_by("position"))
    result = vote.result if vote.status == VoteStatus.FINAL else None
    return VoteDetailOut(
        **vote_fields(vote, len(roll), sum(1 for at in roll if at is not None)),
        context=vote.context,
        public_key=vote.public_key,
        opens_at=vote.opens_at,
        closes_at=vote.closes_at,
        candidates=[
            VoteCandidateOut(
                id=c.pk,
                position=c.position,
                name=c.name,
                person_id=c.person_id,
                unit_id=c.unit_id,
            )
            for c in candidates
        ],
        questions=[
            QuestionOut(options=q.options, min=q.min, max=q.max)
            for q in ballot_layout(vote.kind, len(candidates), vote.seats)
        ],
        committee=[
            CommitteeOut(name=_name(m.user), is_chair=m.is_chair)
            for m in vote.committee.select_related("user")
        ],
        trustees=[
            TrusteeOut(
                position=t.position,
                name=_name(t.user),
                key_sent=t.public_key is not None,
                decryption_sent=t.partial is not None,
                key=t.public_key,
            )
            for t in vote.trustees.select_related("user").order_by("position")
        ],
        rule=rule_of(vote),
        may_manage=access.may_organise(user, vote),
        result=None if result is None else ResultOut(**result),
    )
