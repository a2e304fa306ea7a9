"""Reads of an election: the term's election, and what each of its votes elected."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.elections.models import Election
from thidua.orgs.models import ClusterTerm, OfficerRole, Unit
from thidua.voting.models import Vote, VoteCandidate, VoteStatus


def may_manage_election(user: User | AnonymousUser, term: ClusterTerm) -> bool:
    """Those who manage the term (its head and deputies' staff, the secretariat)."""
    return may(user, Action.TERM_MANAGE, term)


def election_of(term: ClusterTerm) -> Election | None:
    return (
        Election.objects.filter(term=term)
        .select_related("head_vote", "deputies_vote", "term__cluster")
        .first()
    )


def deputies_now(term: ClusterTerm) -> int:
    """How many deputies the term has: the number the next election proposes by default."""
    return term.memberships.filter(role=OfficerRole.DEPUTY).count()


@dataclass
class Outcome:
    """What a vote elected, or why it elected no one that can stand."""

    vote: Vote
    elected: list[Unit] = field(default_factory=list)
    problem: str = ""


def outcome_of(vote: Vote, what: str) -> Outcome:
    """The units a final vote elected to all its seats; otherwise the reason, in words."""
    result = vote.result or {}
    if vote.status != VoteStatus.FINAL or not result:
        return Outcome(vote, problem=_("%(what)s chưa có kết quả cuối cùng.") % {"what": what})
    if not result.get("quorum_met", True):
        return Outcome(
            vote, problem=_("%(what)s không đủ số người có mặt theo quy định.") % {"what": what}
        )
    rows = result.get("rows", [])
    if result.get("tie"):
        tied = ", ".join(r["name"] for r in rows if r.get("tied"))
        return Outcome(
            vote,
            problem=_(
                "%(what)s: %(names)s bằng phiếu nhau ở vị trí cuối; hội nghị bầu lại giữa "
                "những người này."
            )
            % {"what": what, "names": tied},
        )
    elected_ids = [r["candidate"] for r in rows if r.get("elected")]
    seats = vote.seats or 0
    if len(elected_ids) != seats:
        return Outcome(
            vote,
            problem=_("%(what)s: %(n)s người trúng cử trong khi cần bầu %(seats)s.")
            % {"what": what, "n": len(elected_ids), "seats": seats},
        )
    lines = VoteCandidate.objects.filter(pk__in=elected_ids).select_related("unit")
    units = [line.unit for line in lines if line.unit is not None]
    if len(units) != seats:
        return Outcome(
            vote,
            problem=_("%(what)s: người trúng cử không phải là đơn vị của cụm.") % {"what": what},
        )
    return Outcome(vote, elected=units)


def head_outcome(election: Election) -> Outcome:
    return outcome_of(election.head_vote, _("Cuộc bầu cụm trưởng"))


def deputies_outcome(election: Election) -> Outcome:
    return outcome_of(election.deputies_vote, _("Cuộc bầu cụm phó"))
