"""The access policy: one place that answers "may this user do this action on this object".

Sector-wide roles (administrator, secretariat, council) are granted without a scope. Unit roles
(leader, officer, observer) cover the granted unit and the units below it. Cluster-head powers
are not a role: they belong to the staff (leaders and officers) of the head or deputy unit of
that year's term, so they move with the election of the next head.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from thidua.accounts.models import SECTOR_WIDE_ROLES, Role, RoleGrant, User
from thidua.core.access import forbidden, signed_in
from thidua.orgs.models import ClusterMembership, ClusterTerm, OfficerRole, Unit


class Action(StrEnum):
    UNIT_VIEW = "unit.view"
    UNIT_VIEW_INTERNAL = "unit.view_internal"  # staff lists, drafts, anything not yet submitted
    UNIT_EDIT = "unit.edit"  # prepare the unit's data
    UNIT_APPROVE = "unit.approve"  # approve and submit on behalf of the unit
    TERM_VIEW = "term.view"
    TERM_VIEW_INTERNAL = "term.view_internal"  # the cluster's own workspace
    TERM_MANAGE = "term.manage"  # cluster-head powers
    ORGS_MANAGE = "orgs.manage"  # edit the directory: units, lineage, clusters, terms
    # Manage the accounts of a unit (obj) and the units below it: the secretariat everywhere, a
    # unit's leader on their own unit. Without an object: manage the accounts of some unit.
    ACCOUNTS_MANAGE = "accounts.manage"
    AUDIT_VIEW = "audit.view"
    # The rule book is public law: every signed-in user reads it; the secretariat sets its
    # unconfirmed values (parameters).
    RULEBOOK_READ = "rulebook.read"
    RULEBOOK_SET_PARAMETER = "rulebook.set_parameter"


# The attribute of the user object that keeps its subjects for the request, by day.
_SUBJECTS = "_thidua_subjects"

STAFF_ROLES = {Role.UNIT_LEADER, Role.UNIT_OFFICER}
READER_ROLES = {Role.UNIT_LEADER, Role.UNIT_OFFICER, Role.OBSERVER}


@dataclass
class Subject:
    """A user's active grants, read once and kept on the user object for the request."""

    sector_roles: set[str] = field(default_factory=set)
    unit_roles: dict[int, set[str]] = field(default_factory=dict)
    term_roles: dict[int, set[str]] = field(default_factory=dict)
    _ancestors: dict[int, list[int]] = field(default_factory=dict)

    def units_with(self, roles: set[Role]) -> set[int]:
        return {unit_id for unit_id, held in self.unit_roles.items() if held & roles}

    def covers(self, unit: Unit, roles: set[Role]) -> bool:
        """True if a grant of one of ``roles`` is on this unit or on a unit above it."""
        granted = self.units_with(roles)
        if not granted:
            return False
        if unit.pk in granted or unit.parent_id in granted:
            return True
        return any(uid in granted for uid in self.ancestry(unit))

    def ancestry(self, unit: Unit) -> list[int]:
        return self.ancestries([unit])[unit.pk]

    def ancestries(self, units: list[Unit]) -> dict[int, list[int]]:
        """Each unit's chain of ancestors, one query per level for all the units together."""
        chains = {u.pk: [u.pk] for u in units if u.pk not in self._ancestors}
        pending = {u.pk: u.parent_id for u in units if u.pk in chains and u.parent_id}
        parents: dict[int, int | None] = {}
        while pending:
            unknown = {p for p in pending.values() if p is not None and p not in parents}
            if unknown:
                parents.update(Unit.objects.filter(pk__in=unknown).values_list("pk", "parent_id"))
            advanced: dict[int, int | None] = {}
            for unit_id, parent_id in pending.items():
                if parent_id is None or parent_id in chains[unit_id]:
                    continue
                chains[unit_id].append(parent_id)
                advanced[unit_id] = parents.get(parent_id)
            pending = {k: v for k, v in advanced.items() if v is not None}
        self._ancestors.update(chains)
        return {u.pk: self._ancestors[u.pk] for u in units}


def subject_of(user: User | AnonymousUser, *, today: dt.date | None = None) -> Subject:
    """The user's grants in force on ``today`` (the current day unless given), read once per
    day asked and kept on the user object for the request."""
    if not (isinstance(user, User) and signed_in(user)):
        return Subject()
    day = today or timezone.localdate()
    # A grant dated after ``day`` (or ended before it) must not count: the cache is per day.
    # getattr/setattr reach the user behind request.user's lazy wrapper.
    read: dict[dt.date, Subject] | None = getattr(user, _SUBJECTS, None)
    if read is None:
        read = {}
        setattr(user, _SUBJECTS, read)
    if day not in read:
        read[day] = _subject_on(user, day)
    return read[day]


def _subject_on(user: User, day: dt.date) -> Subject:
    subject = Subject()
    for grant in RoleGrant.objects.filter(user=user):
        if not grant.is_active_on(day):
            continue
        if grant.role in SECTOR_WIDE_ROLES:
            subject.sector_roles.add(grant.role)
        elif grant.cluster_term_id is not None:
            subject.term_roles.setdefault(grant.cluster_term_id, set()).add(grant.role)
        elif grant.unit_id is not None:
            subject.unit_roles.setdefault(grant.unit_id, set()).add(grant.role)
    return subject


def may(user: User | AnonymousUser, action: Action, obj: Unit | ClusterTerm | None = None) -> bool:
    if not signed_in(user):
        return False
    subject = subject_of(user)
    if Role.SYSTEM_ADMIN in subject.sector_roles:
        return True
    if action in {Action.UNIT_VIEW, Action.TERM_VIEW, Action.RULEBOOK_READ}:
        return True
    if action == Action.AUDIT_VIEW:
        return False
    secretariat = Role.SECTOR_SECRETARIAT in subject.sector_roles
    if action in {Action.ORGS_MANAGE, Action.RULEBOOK_SET_PARAMETER}:
        return secretariat
    if action == Action.ACCOUNTS_MANAGE:
        if secretariat:
            return True
        if obj is None:
            return bool(subject.units_with({Role.UNIT_LEADER}))
        return isinstance(obj, Unit) and subject.covers(obj, {Role.UNIT_LEADER})
    if isinstance(obj, Unit):
        return _may_on_unit(subject, action, obj, secretariat=secretariat)
    if isinstance(obj, ClusterTerm):
        return _may_on_term(subject, action, obj, secretariat=secretariat)
    return False


def _may_on_unit(subject: Subject, action: Action, unit: Unit, *, secretariat: bool) -> bool:
    if action == Action.UNIT_VIEW_INTERNAL:
        return secretariat or subject.covers(unit, READER_ROLES)
    if action == Action.UNIT_EDIT:
        return subject.covers(unit, STAFF_ROLES)
    if action == Action.UNIT_APPROVE:
        return subject.covers(unit, {Role.UNIT_LEADER})
    return False


def _may_on_term(subject: Subject, action: Action, term: ClusterTerm, *, secretariat: bool) -> bool:
    memberships = list(term.memberships.all())
    if action == Action.TERM_VIEW_INTERNAL:
        if secretariat or Role.COUNCIL_MEMBER in subject.sector_roles:
            return True
        if term.pk in subject.term_roles:
            return True
        if term.supervising_department_id in subject.units_with(READER_ROLES):
            return True
        granted = subject.units_with(READER_ROLES)
        if not granted:
            return False
        chains = subject.ancestries([m.unit for m in memberships])
        return any(granted.intersection(chain) for chain in chains.values())
    if action == Action.TERM_MANAGE:
        return secretariat or _holds_office_in(subject, memberships)
    return False


def _holds_office_in(subject: Subject, memberships: list[ClusterMembership]) -> bool:
    officer_units = {m.unit_id for m in memberships if m.role != OfficerRole.MEMBER}
    return bool(officer_units & subject.units_with(STAFF_ROLES))


def holds_office_in(user: User | AnonymousUser, term: ClusterTerm) -> bool:
    """Whether the user's own unit is the term's head or a deputy (and they are its staff):
    the powers of the office, not the secretariat's over every cluster."""
    if not signed_in(user):
        return False
    return _holds_office_in(subject_of(user), list(term.memberships.all()))


def office_term_ids(user: User | AnonymousUser) -> QuerySet[ClusterMembership, int]:
    """The terms in which the user's own unit is head or a deputy (and they are its staff), as
    a subquery of term ids: ``holds_office_in`` for every term at once, for a list's filter."""
    if not signed_in(user):
        return ClusterMembership.objects.none().values_list("term_id", flat=True)
    units = subject_of(user).units_with(STAFF_ROLES)
    offices = ClusterMembership.objects.filter(unit_id__in=units).exclude(role=OfficerRole.MEMBER)
    return offices.values_list("term_id", flat=True)


def require(
    user: User | AnonymousUser, action: Action, obj: Unit | ClusterTerm | None = None
) -> None:
    """Raise the one refusal unless ``may`` allows it."""
    if not may(user, action, obj):
        raise forbidden()


# Accounts. The secretariat manages every account; a unit's leader manages those of their own
# unit and the units below it, never an account that holds a sector-wide role or a role beyond
# their units, and grants only the unit roles, on those units.
UNIT_GRANTABLE_ROLES = {Role.UNIT_LEADER, Role.UNIT_OFFICER, Role.OBSERVER}


def manages_every_account(user: User | AnonymousUser) -> bool:
    return may(user, Action.ORGS_MANAGE)


def managed_unit_ids(user: User | AnonymousUser) -> set[int]:
    """The units whose accounts a unit's leader manages: their units and every unit below."""
    if not signed_in(user):
        return set()
    found = subject_of(user).units_with({Role.UNIT_LEADER})
    frontier = set(found)
    while frontier:
        children = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier = children - found
        found |= frontier
    return found


def may_grant(
    user: User | AnonymousUser,
    role: str,
    unit: Unit | None,
    cluster_term: ClusterTerm | None,
) -> bool:
    """Whether the user may grant (or take back) ``role`` on this scope."""
    if manages_every_account(user):
        return True
    return (
        role in UNIT_GRANTABLE_ROLES
        and cluster_term is None
        and unit is not None
        and may(user, Action.ACCOUNTS_MANAGE, unit)
    )


def may_manage_account(user: User | AnonymousUser, account: User) -> bool:
    if manages_every_account(user):
        return True
    if account.unit is None or not may(user, Action.ACCOUNTS_MANAGE, account.unit):
        return False
    return all(
        may_grant(user, grant.role, grant.unit, grant.cluster_term)
        for grant in account.grants.select_related("unit", "cluster_term")
    )


def require_manage_account(user: User | AnonymousUser, account: User) -> None:
    if not may_manage_account(user, account):
        raise forbidden()
