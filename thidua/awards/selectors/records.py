"""Reads of the achievement records for the pages: a person's records, a unit's collective years
with its staff's ratings in a year, each scoped to who may read them (``awards.access``).

A fixed number of queries per page, whatever the number of years, people or grants.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.access import (
    may_keep_person_records,
    may_keep_unit_records,
    may_read_person_records,
    may_read_unit_records,
    require,
)
from thidua.awards.models import AchievementYear, Discipline, Grant, Initiative, PendingMatter
from thidua.awards.selectors.judging import catalogue
from thidua.core.access import require_signed_in
from thidua.core.errors import NotFoundError
from thidua.orgs.models import Person, Position, Unit

AnyUser = User | AnonymousUser


def person_get_for(*, user: AnyUser, pk: int) -> Person:
    """The person, if the user may read their records (403), and if they exist (404)."""
    require_signed_in(user)
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise NotFoundError(_("Không tìm thấy cá nhân."))
    require(may_read_person_records(user, person))
    return person


def records_unit_get_for(*, user: AnyUser, pk: int) -> Unit:
    require_signed_in(user)
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise NotFoundError(_("Không tìm thấy đơn vị."))
    require(may_read_unit_records(user, unit))
    return unit


def award_names() -> dict[str, str]:
    """The Vietnamese name of every award code, as decisions write it."""
    return {a.code: a.name for a in catalogue()}


@dataclass
class PersonRecords:
    person: Person
    positions: list[Position]
    years: list[AchievementYear]
    initiatives: list[Initiative]
    disciplines: list[Discipline]
    pending: list[PendingMatter]
    grants: list[Grant]
    may_keep: bool


def person_records(*, user: AnyUser, person: Person) -> PersonRecords:
    return PersonRecords(
        person=person,
        positions=list(person.positions.select_related("unit")),
        years=list(AchievementYear.objects.filter(person=person).select_related("unit")),
        initiatives=list(Initiative.objects.filter(person=person)),
        disciplines=list(Discipline.objects.filter(person=person)),
        pending=list(PendingMatter.objects.filter(person=person)),
        grants=list(Grant.objects.filter(person=person)),
        may_keep=may_keep_person_records(user, person),
    )


@dataclass
class StaffRow:
    person: Person
    titles: list[str]
    record: AchievementYear | None = None
    grants: list[Grant] = field(default_factory=list)


@dataclass
class UnitRecords:
    unit: Unit
    year: int
    years: list[AchievementYear]
    grants: list[Grant]
    initiatives: list[Initiative]
    disciplines: list[Discipline]
    pending: list[PendingMatter]
    staff: list[StaffRow]
    may_keep: bool


def _staff(unit: Unit, year: int) -> list[StaffRow]:
    """Who held a position in the unit at some time of ``year``, with their record and grants of
    that year: three queries."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    positions = (
        Position.objects.filter(unit=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("person")
        .order_by("person__full_name", "person_id")
    )
    rows: dict[int, StaffRow] = {}
    for position in positions:
        row = rows.setdefault(position.person_id, StaffRow(person=position.person, titles=[]))
        row.titles.append(position.title)
    for record in AchievementYear.objects.filter(person_id__in=list(rows), year=year):
        if record.person_id is not None:
            rows[record.person_id].record = record
    for grant in Grant.objects.filter(person_id__in=list(rows), year=year):
        if grant.person_id is not None:
            rows[grant.person_id].grants.append(grant)
    return list(rows.values())


def unit_records(*, user: AnyUser, unit: Unit, year: int) -> UnitRecords:
    own = Q(unit=unit, person__isnull=True)
    return UnitRecords(
        unit=unit,
        year=year,
        years=list(AchievementYear.objects.filter(own)),
        grants=list(Grant.objects.filter(own)),
        initiatives=list(Initiative.objects.filter(own)),
        disciplines=list(Discipline.objects.filter(own)),
        pending=list(PendingMatter.objects.filter(own)),
        staff=_staff(unit, year),
        may_keep=may_keep_unit_records(user, unit),
    )


def keepable_units(*, user: AnyUser) -> list[Unit]:
    """The units whose records the user keeps by a role on them (the secretariat keeps all, and
    reaches them through the directory)."""
    if not isinstance(user, User) or user.unit_id is None:
        return []
    unit = Unit.objects.filter(pk=user.unit_id).first()
    return [unit] if unit is not None and may_keep_unit_records(user, unit) else []
