"""Who votes for a cluster, a board or the council: one delegate per member board (the board's
leader, by their account), the board's leaders, or the council's members.

A board with no leader account still has its line on the roll, by its name: on paper it needs
no account, electronically its delegate votes with a one-time code handed out in the room.
Used by the deliberation of ``awards`` as well as by the officer election.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from thidua.accounts.models import Role, RoleGrant, User
from thidua.orgs.models import ClusterTerm, Unit
from thidua.voting.services import VoterSpec


def _active_on(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def leaders_of(units: Iterable[Unit], on: dt.date) -> dict[int, User]:
    """Each unit's leader with an active account (the first by user name, if several)."""
    unit_ids = [u.pk for u in units]
    grants = (
        RoleGrant.objects.filter(
            _active_on(on), role=Role.UNIT_LEADER, unit_id__in=unit_ids, user__is_active=True
        )
        .select_related("user")
        .order_by("user__username")
    )
    found: dict[int, User] = {}
    for grant in grants:
        if grant.unit_id is not None:
            found.setdefault(grant.unit_id, grant.user)
    return found


def _line(unit: Unit, user: User | None) -> VoterSpec:
    name = (user.get_full_name() or user.username) if user is not None else unit.name
    return VoterSpec(name=name, user=user, unit=unit)


def delegate_roll(units: list[Unit], on: dt.date) -> list[VoterSpec]:
    """One delegate per unit: its leader's account, or the unit's name alone."""
    leaders = leaders_of(units, on)
    return [_line(unit, leaders.get(unit.pk)) for unit in units]


def term_roll(term: ClusterTerm, on: dt.date) -> list[VoterSpec]:
    """One delegate per member board of the term, in the order of their names."""
    units = sorted((m.unit for m in term.memberships.select_related("unit")), key=str)
    return delegate_roll(units, on)


def council_roll(on: dt.date) -> list[VoterSpec]:
    """The council's members, by their sector-wide role."""
    grants = (
        RoleGrant.objects.filter(
            _active_on(on), role=Role.COUNCIL_MEMBER, unit__isnull=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user__username")
    )
    users = list(dict.fromkeys(g.user for g in grants))
    return [VoterSpec(name=u.get_full_name() or u.username, user=u) for u in users]


def unit_roll(unit: Unit, on: dt.date) -> list[VoterSpec]:
    """A board's own deliberation: its leaders' accounts, or the board's name alone."""
    grants = (
        RoleGrant.objects.filter(
            _active_on(on), role=Role.UNIT_LEADER, unit=unit, user__is_active=True
        )
        .select_related("user")
        .order_by("user__username")
    )
    users = list(dict.fromkeys(g.user for g in grants))
    return [_line(unit, u) for u in users] or [_line(unit, None)]


def people_to_choose(roll: list[VoterSpec], user: User | None) -> list[User]:
    """Whom a page offers for the counting committee and the trustees: the user, the delegates,
    the accounts of the units on the roll and the secretariat's."""
    unit_ids = [v.unit.pk for v in roll if v.unit is not None]
    secretariat = RoleGrant.objects.filter(
        role=Role.SECTOR_SECRETARIAT, user__is_active=True
    ).values("user_id")
    others = User.objects.filter(
        Q(unit_id__in=unit_ids) | Q(pk__in=secretariat), is_active=True
    ).order_by("username")
    people = ([user] if user is not None else []) + [v.user for v in roll if v.user is not None]
    return list(dict.fromkeys(people + list(others)))
