"""The registry of awards received: searched by person, unit, year and award without regard to
diacritics ("binh duong" finds "Bình Dương"), and a unit's awards following its lineage (the
2018 flag of the Bình Dương board shows under the Hồ Chí Minh City board that succeeded it).

Awards are public honours: every signed-in user reads the registry. Revoked grants stay in it,
marked.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from thidua.accounts.models import User
from thidua.awards.models import Grant
from thidua.core.access import require_signed_in
from thidua.core.text import fold
from thidua.orgs.models import Person, Unit, UnitLineage

PAGE_SIZE = 50


def registry_search(
    *,
    user: User | AnonymousUser,
    text: str = "",
    year: int | None = None,
    award: str = "",
    unit: Unit | None = None,
    person: Person | None = None,
) -> QuerySet[Grant]:
    require_signed_in(user)
    grants = Grant.objects.select_related("person", "unit", "decision").order_by(
        "-year", "-decided_on", "id"
    )
    words = fold(text).split()
    for word in words:
        grants = grants.filter(
            Q(person__search_key__contains=word)
            | Q(unit__search_key__contains=word)
            | Q(decision_number__icontains=word)
        )
    if year is not None:
        grants = grants.filter(year=year)
    if award:
        grants = grants.filter(award=award)
    if unit is not None:
        grants = grants.filter(unit__in=lineage_of(unit))
    if person is not None:
        grants = grants.filter(person=person)
    return grants


def lineage_of(unit: Unit) -> list[Unit]:
    """The unit and every unit it succeeded, directly or through a chain of mergers."""
    found: dict[int, Unit] = {unit.pk: unit}
    frontier = [unit.pk]
    while frontier:
        links = UnitLineage.objects.filter(successor_id__in=frontier).select_related("predecessor")
        frontier = []
        for link in links:
            if link.predecessor_id not in found:
                found[link.predecessor_id] = link.predecessor
                frontier.append(link.predecessor_id)
    return list(found.values())


def unit_grants(*, user: User | AnonymousUser, unit: Unit) -> list[Grant]:
    """A unit's own awards as a collective, and those of the units it succeeded."""
    require_signed_in(user)
    return list(
        Grant.objects.filter(unit__in=lineage_of(unit), person__isnull=True)
        .select_related("unit", "decision")
        .order_by("-year", "-decided_on", "id")
    )


def person_grants(*, user: User | AnonymousUser, person: Person) -> list[Grant]:
    require_signed_in(user)
    return list(
        Grant.objects.filter(person=person)
        .select_related("unit", "decision")
        .order_by("-year", "-decided_on", "id")
    )
