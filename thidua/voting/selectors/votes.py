"""Votes as their readers may see them. Nobody sees a count before the vote is final: a vote's
``result`` is given out only then (a paper count awaiting confirmation is the committee's)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import STAFF_ROLES, office_term_ids, subject_of
from thidua.core.access import signed_in
from thidua.core.errors import NotFoundError
from thidua.voting import access, protocol
from thidua.voting.engine.layout import answers_from_counts, options_per_candidate
from thidua.voting.models import Ballot, Vote, VoteMode, VoteStatus
from thidua.voting.services.ceremony import ballots_of, questions_of


def vote_list_for(
    *, user: User | AnonymousUser, year: int | None = None, kind: str | None = None
) -> QuerySet[Vote]:
    """The votes the user may read: all for the sector's readers; otherwise those they organise
    (their cluster's, their board's) or take part in."""
    if not isinstance(user, User) or not signed_in(user):
        return Vote.objects.none()
    votes = Vote.objects.select_related("organiser_term__cluster", "organiser_unit")
    if year is not None:
        votes = votes.filter(year=year)
    if kind:
        votes = votes.filter(kind=kind)
    if access.sector_reader(user):
        return votes
    # The terms the user manages by office (``Action.TERM_MANAGE`` below the sector's readers)
    # are found in the same query as the votes rather than one policy question per term.
    mine = (
        Q(roll__user=user)
        | Q(committee__user=user)
        | Q(trustees__user=user)
        | Q(organiser_unit__in=subject_of(user).units_with(STAFF_ROLES))
        | Q(organiser_term__in=office_term_ids(user))
    )
    return votes.filter(mine).distinct()


def vote_get_for(*, user: User | AnonymousUser, pk: int) -> Vote:
    vote = Vote.objects.select_related("organiser_term__cluster", "organiser_unit").filter(pk=pk)
    found = vote.first()
    if found is None or not access.may_read(user, found):
        raise NotFoundError(_("Không tìm thấy cuộc bỏ phiếu."))
    return found


def ballot_list(vote: Vote) -> QuerySet[Ballot]:
    """The public bulletin board: trackers and times, never who cast which."""
    return vote.ballots.only("tracker", "cast_at", "vote_id").order_by("id")


def receipt_for(*, user: User | AnonymousUser, vote: Vote) -> str | None:
    """The user's own tracker, if they voted in this vote."""
    if not isinstance(user, User) or not signed_in(user):
        return None
    return (
        Ballot.objects.filter(vote=vote, voter__user=user).values_list("tracker", flat=True).first()
    )


def record_for(vote: Vote) -> dict[str, Any]:
    """The election record anyone can check with ``vote_verify --record``: public key, the
    trustees' key parts and proofs, every ballot with its proofs, the partial decryptions and
    the result. Only an electronic vote has one, and only the final result is in it."""
    if vote.mode != VoteMode.ELECTRONIC or vote.status in (VoteStatus.DRAFT, VoteStatus.KEYS):
        raise NotFoundError(_("Cuộc bỏ phiếu này không có hồ sơ điện tử."))
    trustees = list(vote.trustees.order_by("position"))
    final = vote.status == VoteStatus.FINAL
    candidates = list(vote.candidates.order_by("position").values_list("pk", "name"))
    questions = questions_of(vote)
    result = None
    partials = []
    if final:
        # The result as the server published it (the stored counts), not decrypted again here:
        # the verifier recomputes it from the ballots and the partial decryptions and compares.
        partials = [protocol.PartialDecryption.from_json(t.partial) for t in trustees]
        width = options_per_candidate(vote.kind)
        stored = {(c.candidate_id, c.option): c.count for c in vote.counts.all()}
        counts = [
            [stored.get((pk, option), 0) for option in range(width)] for pk, _name in candidates
        ]
        result = answers_from_counts(vote.kind, counts)
    return protocol.record_build(
        vote={
            "id": str(vote.uid),
            "context": vote.context,
            "title": vote.title,
            "kind": vote.kind,
            "status": vote.status,
            "candidates": [name for _pk, name in candidates],
            "seats": vote.seats,
        },
        questions=questions,
        keys=[protocol.TrusteeKey.from_json(t.public_key) for t in trustees],
        ballots=ballots_of(vote),
        partials=partials,
        result=result,
    )


def minutes_data(vote: Vote) -> dict[str, Any]:
    """What the counting committee's minutes (biên bản kiểm phiếu) state: the committee, the
    roll, the figures, the result with the rule cited. For the documents of a final vote."""
    if vote.status != VoteStatus.FINAL:
        raise NotFoundError(_("Cuộc bỏ phiếu chưa có kết quả."))
    committee = [
        {"name": m.user.get_full_name() or m.user.get_username(), "is_chair": m.is_chair}
        for m in vote.committee.select_related("user")
    ]
    roll = [
        {"name": v.name, "unit": v.unit.name if v.unit else "", "voted": v.voted_at is not None}
        for v in vote.roll.select_related("unit")
    ]
    return {
        "title": vote.title,
        "kind": vote.kind,
        "mode": vote.mode,
        "held_on": vote.held_on,
        "committee": committee,
        "roll": roll,
        "result": vote.result,
    }
