"""Who may do what with a vote, built on the policy of ``accounts``.

The organiser (the cluster head for a cluster's vote, the board for its own, the secretariat for
the sector's) prepares the vote and manages its roll, but votes only if on the roll, like anyone
else. Counting-committee members enter and confirm a paper count; trustees hold the key's parts.
A vote is read by those it involves and by the sector's readers; the list of ballot trackers is
public to every signed-in user. Nobody reads a choice: there is none to read.
"""

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import Role, User
from thidua.accounts.policy import STAFF_ROLES, Action, may, subject_of
from thidua.core.access import forbidden, signed_in
from thidua.voting.models import Vote


def require(allowed: bool) -> None:
    if not allowed:
        raise forbidden()


def sector_reader(user: User | AnonymousUser) -> bool:
    if not signed_in(user):
        return False
    roles = subject_of(user).sector_roles
    return bool(roles & {Role.SYSTEM_ADMIN, Role.SECTOR_SECRETARIAT, Role.COUNCIL_MEMBER})


def may_create(user: User | AnonymousUser) -> bool:
    """Some vote: the secretariat, or staff who organise for a cluster or a board."""
    # ``may`` answers UNIT_EDIT only about a given unit: staff of any unit may organise for it.
    return signed_in(user) and (
        may(user, Action.ORGS_MANAGE) or bool(subject_of(user).units_with(STAFF_ROLES))
    )


def may_organise(user: User | AnonymousUser, vote: Vote) -> bool:
    if vote.organiser_term is not None:
        return may(user, Action.TERM_MANAGE, vote.organiser_term)
    if vote.organiser_unit is not None:
        return may(user, Action.ORGS_MANAGE) or may(user, Action.UNIT_EDIT, vote.organiser_unit)
    return may(user, Action.ORGS_MANAGE)


def _involved(user: User, vote: Vote) -> bool:
    return (
        vote.roll.filter(user=user).exists()
        or vote.committee.filter(user=user).exists()
        or vote.trustees.filter(user=user).exists()
    )


def may_read(user: User | AnonymousUser, vote: Vote) -> bool:
    if not isinstance(user, User) or not signed_in(user):
        return False
    return sector_reader(user) or may_organise(user, vote) or _involved(user, vote)


def may_see_ballot_list(user: User | AnonymousUser, vote: Vote) -> bool:
    """The bulletin board of trackers: public to anyone signed in, as Helios publishes it."""
    return signed_in(user)


def committee_member_of(user: User | AnonymousUser, vote: Vote) -> int | None:
    """The user's line on the counting committee, if any."""
    if not isinstance(user, User) or not signed_in(user):
        return None
    return vote.committee.filter(user=user).values_list("pk", flat=True).first()


__all__ = [
    "committee_member_of",
    "forbidden",
    "may_create",
    "may_organise",
    "may_read",
    "may_see_ballot_list",
    "require",
    "sector_reader",
]
