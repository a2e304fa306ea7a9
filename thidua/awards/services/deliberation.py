"""A round's deliberation by secret ballot: its candidates become the lines of an approval vote
of the voting app, and once the vote is final its result becomes the round's deliberation.

The vote is organised where the round is: a cluster's round by its term (the cluster's members
vote, one delegate per member board), a board's by the board, the council's by the sector. Its
threshold is the rule book's, under ``deliberation`` for a cluster or a board and
``council_vote`` for the council. The vote's passed candidates are the round's proposals, its
figures the round's meeting (date, summoned, present, each candidate's approvals).

Applying the result is a step the round's page asks for (not a signal): the round reads the
vote's final result once, in one transaction, with its audit row. A round with no vote keeps
the result entered from the minutes (``submission.round_deliberate``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.awards import access
from thidua.awards.models import Candidate, NominationRound, RoundLevel, RoundStatus
from thidua.awards.selectors.judging import catalogue
from thidua.awards.services.rounds import round_snapshot
from thidua.awards.workflow import ROUND_LABELS, ROUND_MOVES
from thidua.core.errors import DomainError
from thidua.core.workflow import transition_check, transition_record
from thidua.elections.roll import council_roll, term_roll, unit_roll
from thidua.voting.models import Vote, VoteKind, VoteStatus
from thidua.voting.services import CandidateSpec, VoterSpec, VoteSpec, vote_create


def vote_rule_prefix(level: str) -> str:
    """The rule book's prefix of the round's threshold."""
    return "council_vote" if level == RoundLevel.COUNCIL else "deliberation"


def candidate_line(candidate: Candidate) -> str:
    """The ballot's line for a candidate: who, and for which award (a unit may stand for two)."""
    award = catalogue().get(candidate.award)
    return f"{candidate.subject_name} — {award.name if award else candidate.award}"


def default_roll(round_: NominationRound, on: dt.date) -> list[VoterSpec]:
    """Who deliberates: the cluster's members (one delegate per board), the board's leaders,
    or the council's members."""
    if round_.level == RoundLevel.CLUSTER and round_.term is not None:
        return term_roll(round_.term, on)
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return unit_roll(round_.unit, on)
    return council_roll(on)


def _candidates(round_: NominationRound) -> list[Candidate]:
    return list(round_.candidates.select_related("person", "unit").order_by("position", "id"))


def round_vote_create(
    *,
    actor: User,
    round_: NominationRound,
    mode: str,
    held_on: dt.date,
    committee: Sequence[User],
    trustees: Sequence[User] = (),
    roll: Sequence[VoterSpec] | None = None,
    summoned: int | None = None,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
) -> Vote:
    """Set up the vote that deliberates a round still drawing up its list. From then on the
    list is the ballot's and does not change."""
    access.require(access.may_manage_round(actor, round_))
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=round_.pk)
        if round_.status != RoundStatus.DRAFT:
            raise DomainError(_("Chỉ lập cuộc bỏ phiếu bình xét khi đợt xét chưa bình xét."))
        if round_.vote_id is not None:
            raise DomainError(_("Đợt xét đã có cuộc bỏ phiếu bình xét."))
        candidates = _candidates(round_)
        if not candidates:
            raise DomainError(_("Danh sách chưa có ai để bình xét."))
        spec = VoteSpec(
            title=_("Bỏ phiếu bình xét: %(round)s") % {"round": round_.title},
            kind=VoteKind.APPROVAL,
            mode=mode,
            year=round_.year,
            held_on=held_on,
            rule_prefix=vote_rule_prefix(round_.level),
            candidates=[
                CandidateSpec(candidate_line(c), person=c.person, unit=c.unit) for c in candidates
            ],
            roll=list(roll) if roll is not None else default_roll(round_, held_on),
            committee=list(committee),
            trustees=list(trustees),
            summoned=summoned,
            organiser_term=round_.term,
            organiser_unit=round_.unit,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        vote = vote_create(actor=actor, spec=spec)
        round_.vote = vote
        round_.save(update_fields=["vote"])
        audit_record(
            actor=actor,
            action="award_round.vote_create",
            obj=round_,
            before=None,
            after={"vote": vote.pk, "mode": vote.mode, "held_on": held_on.isoformat()},
        )
    return vote


def _rows_by_line(vote: Vote, candidates: list[Candidate]) -> list[dict[str, Any]]:
    """The result's rows in the order of the round's candidates, checked line by line."""
    lines = list(vote.candidates.order_by("position"))
    result: dict[str, Any] = vote.result or {}
    rows = {row["candidate"]: row for row in result.get("rows", [])}
    same = len(lines) == len(candidates) and all(
        line.name == candidate_line(c) for line, c in zip(lines, candidates, strict=False)
    )
    if not same or any(line.pk not in rows for line in lines):
        raise DomainError(
            _("Danh sách trên phiếu không khớp với danh sách của đợt xét; không ghi được kết quả.")
        )
    return [rows[line.pk] for line in lines]


def round_vote_apply(*, actor: User, round_: NominationRound) -> NominationRound:
    """Make the vote's final result the round's deliberation: the passed candidates are
    proposed, each candidate's votes are its approvals, the vote's day and turnout the
    meeting's; the round moves to deliberated."""
    access.require(access.may_manage_round(actor, round_))
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=round_.pk)
        vote = Vote.objects.filter(nomination_round=round_).first()
        if vote is None:
            raise DomainError(_("Đợt xét chưa có cuộc bỏ phiếu bình xét."))
        if vote.status != VoteStatus.FINAL or not vote.result:
            raise DomainError(_("Cuộc bỏ phiếu bình xét chưa có kết quả cuối cùng."))
        transition_check(ROUND_MOVES, round_.status, RoundStatus.DELIBERATED, labels=ROUND_LABELS)
        candidates = _candidates(round_)
        rows = _rows_by_line(vote, candidates)
        before = round_snapshot(round_)
        for candidate, row in zip(candidates, rows, strict=True):
            candidate.approvals = row["votes"]
            candidate.proposed = bool(row["passed"])
        Candidate.objects.bulk_update(candidates, ["approvals", "proposed"])
        turnout = vote.result["turnout"]
        round_.deliberated_on = vote.held_on
        round_.summoned = turnout["roll"]
        round_.present = min(turnout["present"], turnout["roll"])
        from_status = round_.status
        round_.status = RoundStatus.DELIBERATED
        round_.save()
        transition_record(obj=round_, from_status=from_status, to_status=round_.status, by=actor)
        audit_record(
            actor=actor,
            action="award_round.vote_apply",
            obj=round_,
            before=before,
            after=round_snapshot(round_),
        )
    return round_
