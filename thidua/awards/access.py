"""Who may read and write the awards' data, built on the policy of ``accounts``.

Records: a board reads and keeps its own (its staff's and its own as a collective), the
secretariat and the council read all, the secretariat keeps all. Rounds: a cluster's round is
the cluster head's (and deputies'), a board's round its own, the council's round the
secretariat's; the council and the secretariat read every round. Decisions: the council or the
secretariat for cluster and council rounds, the board's leader for its own round; never someone
whose own unit, or who themself, is a candidate of the round.
"""

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import Role, User
from thidua.accounts.policy import Action, may, subject_of
from thidua.awards.models import NominationRound, RoundLevel
from thidua.core.access import forbidden, signed_in
from thidua.orgs.models import Person, Unit


def sector_reader(user: User | AnonymousUser) -> bool:
    """The secretariat, the council and the administrator read every record and round."""
    if not signed_in(user):
        return False
    roles = subject_of(user).sector_roles
    return bool(roles & {Role.SYSTEM_ADMIN, Role.SECTOR_SECRETARIAT, Role.COUNCIL_MEMBER})


def secretariat(user: User | AnonymousUser) -> bool:
    return may(user, Action.ORGS_MANAGE)


def person_units(person: Person) -> list[Unit]:
    """The units a person has served in (their positions), to decide who keeps their records."""
    return [p.unit for p in person.positions.select_related("unit")]


def may_read_unit_records(user: User | AnonymousUser, unit: Unit) -> bool:
    return sector_reader(user) or may(user, Action.UNIT_VIEW_INTERNAL, unit)


def may_keep_unit_records(user: User | AnonymousUser, unit: Unit) -> bool:
    return secretariat(user) or may(user, Action.UNIT_EDIT, unit)


def may_read_person_records(user: User | AnonymousUser, person: Person) -> bool:
    if sector_reader(user):
        return True
    return any(may(user, Action.UNIT_VIEW_INTERNAL, u) for u in person_units(person))


def may_keep_person_records(user: User | AnonymousUser, person: Person) -> bool:
    if secretariat(user):
        return True
    return any(may(user, Action.UNIT_EDIT, u) for u in person_units(person))


def may_read_round(user: User | AnonymousUser, round_: NominationRound) -> bool:
    return sector_reader(user) or may_manage_round(user, round_)


def may_manage_round(user: User | AnonymousUser, round_: NominationRound) -> bool:
    """Prepare the list, record the deliberation, submit."""
    if round_.level == RoundLevel.CLUSTER and round_.term is not None:
        return may(user, Action.TERM_MANAGE, round_.term)
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return secretariat(user) or may(user, Action.UNIT_EDIT, round_.unit)
    return secretariat(user)


def may_submit_round(user: User | AnonymousUser, round_: NominationRound) -> bool:
    """A board's list goes out under its leader; a cluster's under its head or deputies."""
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return secretariat(user) or may(user, Action.UNIT_APPROVE, round_.unit)
    return may_manage_round(user, round_)


def _in_round(user: User, round_: NominationRound) -> bool:
    """Whether the user's own unit, or the user themself, is among the round's candidates (or,
    for a cluster round, among the cluster's members)."""
    candidates = round_.candidates.all()
    if user.person_id is not None and any(c.person_id == user.person_id for c in candidates):
        return True
    if user.unit_id is None:
        return False
    if any(c.person_id is None and c.unit_id == user.unit_id for c in candidates):
        return True
    if round_.level == RoundLevel.CLUSTER and round_.term is not None:
        return round_.term.memberships.filter(unit_id=user.unit_id).exists()
    return False


def may_decide_round(user: User | AnonymousUser, round_: NominationRound) -> bool:
    if not isinstance(user, User) or not signed_in(user):
        return False
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        allowed = may(user, Action.UNIT_APPROVE, round_.unit) or secretariat(user)
    else:
        roles = subject_of(user).sector_roles
        allowed = bool(roles & {Role.SYSTEM_ADMIN, Role.SECTOR_SECRETARIAT, Role.COUNCIL_MEMBER})
    return allowed and not _in_round(user, round_)


def require(allowed: bool) -> None:
    if not allowed:
        raise forbidden()
