"""Setting up the summary conference's election of next year's head and deputies, and making
its result next year's officers.

The two votes (head: one seat; deputies: as many seats as the conference elects) have every
member board of the term as candidates and one delegate per member board on the roll. When
both are final and each elected exactly its seats, year Y+1's term receives its officers
through ``orgs``' services: ``cluster_term_create`` when the term is not yet opened,
``officer_change`` otherwise (only what differs, so officers already recorded from the same
conference are not recorded twice). A tie, a vote that elected fewer than its seats, or a unit
elected to both offices is refused with its reason: the conference decides, not the software.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.access import forbidden
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.elections.models import Election
from thidua.elections.roll import term_roll
from thidua.elections.selectors import (
    deputies_now,
    deputies_outcome,
    head_outcome,
    may_manage_election,
)
from thidua.orgs.models import ClusterTerm, OfficerRole, Unit
from thidua.orgs.services import cluster_term_create, officer_change
from thidua.voting.models import VoteKind
from thidua.voting.services import CandidateSpec, VoterSpec, VoteSpec, vote_create

RULE_PREFIX = "officer_election"


def decision_text(held_on: dt.date) -> str:
    """The decision recorded with the officers, as officer changes are recorded today (data in
    Vietnamese, not a message: it is kept as written)."""
    return f"Bầu tại Hội nghị tổng kết ngày {held_on:%d/%m/%Y}"


def _members(term: ClusterTerm) -> list[Unit]:
    return sorted((m.unit for m in term.memberships.select_related("unit")), key=str)


def election_create(
    *,
    actor: User,
    term: ClusterTerm,
    held_on: dt.date,
    mode: str,
    committee: Sequence[User],
    trustees: Sequence[User] = (),
    deputies: int | None = None,
    roll: Sequence[VoterSpec] | None = None,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
) -> Election:
    """Set up the two votes of the term's election of next year's head and ``deputies``
    deputies (by default as many as the term has, at least one)."""
    if not may_manage_election(actor, term):
        raise forbidden()
    members = _members(term)
    seats = deputies if deputies is not None else max(1, deputies_now(term))
    if not 1 <= seats < len(members):
        raise ValidationFailedError(
            _("Không lập được cuộc bầu."),
            {"deputies": [_("Số cụm phó cần bầu từ 1 đến ít hơn số thành viên của cụm.")]},
        )
    with transaction.atomic():
        if Election.objects.select_for_update().filter(term=term).exists():
            raise DomainError(_("Cụm đã có cuộc bầu cụm trưởng, cụm phó năm sau."))
        voters = list(roll) if roll is not None else term_roll(term, held_on)
        lines = [CandidateSpec(unit.name, unit=unit) for unit in members]
        names = {"year": term.year + 1, "cluster": term.cluster}

        def spec(title: str, seats_: int) -> VoteSpec:
            return VoteSpec(
                title=title,
                kind=VoteKind.ELECTION,
                mode=mode,
                year=term.year,
                held_on=held_on,
                rule_prefix=RULE_PREFIX,
                candidates=lines,
                roll=voters,
                committee=list(committee),
                trustees=list(trustees),
                seats=seats_,
                organiser_term=term,
                opens_at=opens_at,
                closes_at=closes_at,
            )

        head_vote = vote_create(
            actor=actor, spec=spec(_("Bầu cụm trưởng năm %(year)s — %(cluster)s") % names, 1)
        )
        deputies_vote = vote_create(
            actor=actor, spec=spec(_("Bầu cụm phó năm %(year)s — %(cluster)s") % names, seats)
        )
        election = Election.objects.create(
            term=term,
            held_on=held_on,
            head_vote=head_vote,
            deputies_vote=deputies_vote,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="election.create",
            obj=election,
            before=None,
            after={
                "term": term.pk,
                "held_on": held_on.isoformat(),
                "head_vote": head_vote.pk,
                "deputies_vote": deputies_vote.pk,
                "deputies": seats,
            },
        )
    return election


def _elected(election: Election) -> tuple[Unit, list[Unit]]:
    head, deputies = head_outcome(election), deputies_outcome(election)
    problems = [o.problem for o in (head, deputies) if o.problem]
    if problems:
        raise DomainError(" ".join(problems))
    both = {u.pk for u in head.elected} & {u.pk for u in deputies.elected}
    if both:
        raise DomainError(
            _("“%(unit)s” trúng cử cả cụm trưởng và cụm phó; hội nghị bầu lại cụm phó.")
            % {"unit": head.elected[0]}
        )
    return head.elected[0], deputies.elected


def _update_officers(
    actor: User, term: ClusterTerm, head: Unit, deputies: list[Unit], decision: str, on: dt.date
) -> None:
    """Change only what differs from the election's result, through ``officer_change``."""
    roles = dict(term.memberships.values_list("unit_id", "role"))
    deputy_ids = {d.pk for d in deputies}
    for unit_id, role in roles.items():
        if role == OfficerRole.DEPUTY and unit_id not in deputy_ids and unit_id != head.pk:
            unit = Unit.objects.get(pk=unit_id)
            officer_change(
                actor=actor,
                term=term,
                unit=unit,
                new_role=OfficerRole.MEMBER,
                decision=decision,
                decided_on=on,
            )
    if roles.get(head.pk) != OfficerRole.HEAD:
        officer_change(
            actor=actor, term=term, unit=head, new_role=OfficerRole.HEAD,
            decision=decision, decided_on=on,
        )  # fmt: skip
    roles = dict(term.memberships.values_list("unit_id", "role"))
    for deputy in deputies:
        if roles.get(deputy.pk) != OfficerRole.DEPUTY:
            officer_change(
                actor=actor, term=term, unit=deputy, new_role=OfficerRole.DEPUTY,
                decision=decision, decided_on=on,
            )  # fmt: skip


def _open_next_term(
    actor: User, term: ClusterTerm, head: Unit, deputies: list[Unit], decision: str, on: dt.date
) -> ClusterTerm:
    """Year Y+1's term from year Y's members still in existence, with the elected officers."""
    year = term.year + 1
    members = [u for u in _members(term) if u.is_valid_in_year(year)]
    department = term.supervising_department
    return cluster_term_create(
        actor=actor,
        cluster=term.cluster,
        year=year,
        members=members,
        head=head,
        deputies=deputies,
        regulation=term.regulation,
        supervising_department=(
            department if department and department.is_valid_in_year(year) else None
        ),
        officer_decision=decision,
        officer_decided_on=on,
        note=_("Lập từ nhiệm kỳ năm %(year)s.") % {"year": term.year},
    )


def election_apply(*, actor: User, election: Election) -> ClusterTerm:
    """Make the election's result next year's officers; returns next year's term."""
    if not may_manage_election(actor, election.term):
        raise forbidden()
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        if election.applied_at is not None:
            raise DomainError(_("Kết quả cuộc bầu đã được ghi vào nhiệm kỳ năm sau."))
        term = election.term
        head, deputies = _elected(election)
        decision = decision_text(election.held_on)
        following = ClusterTerm.objects.filter(cluster=term.cluster, year=term.year + 1).first()
        if following is None:
            following = _open_next_term(actor, term, head, deputies, decision, election.held_on)
        else:
            _update_officers(actor, following, head, deputies, decision, election.held_on)
        election.applied_at = timezone.now()
        election.applied_by = actor
        election.save(update_fields=["applied_at", "applied_by"])
        audit_record(
            actor=actor,
            action="election.apply",
            obj=election,
            before=None,
            after={
                "term": following.pk,
                "head": head.pk,
                "deputies": [d.pk for d in deputies],
                "decision": decision,
            },
        )
    return following
