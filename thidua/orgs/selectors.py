"""Reads of the sector's directory: units, lineage, clusters and terms.

Directory data is visible to every signed-in user of the sector; internal data of a unit or a
cluster term is read through ``thidua.accounts.selectors``, which applies the access policy.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.core.access import require_signed_in
from thidua.core.errors import NotFoundError
from thidua.core.text import fold
from thidua.orgs.models import (
    Cluster,
    ClusterMembership,
    ClusterTerm,
    OfficerChange,
    OfficerRole,
    Unit,
    UnitLineage,
)


def unit_list_for(
    *,
    user: AbstractBaseUser | AnonymousUser,
    q: str | None = None,
    as_of: dt.date | None = None,
    kind: str | None = None,
    parent_id: int | None = None,
) -> QuerySet[Unit]:
    """Units matching a search that ignores case and diacritics, in Vietnamese order."""
    require_signed_in(user)
    units = Unit.objects.all()
    if q:
        units = units.filter(units_matching(q))
    if as_of is not None:
        units = units.valid_on(as_of)
    if kind:
        units = units.filter(kind=kind)
    if parent_id is not None:
        units = units.filter(parent_id=parent_id)
    return units.order_by("sort_key", "id")


def unit_get_for(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> Unit:
    require_signed_in(user)
    try:
        return Unit.objects.select_related("parent").get(pk=pk)
    except Unit.DoesNotExist as exc:
        raise NotFoundError(_("Không tìm thấy đơn vị.")) from exc


@dataclass(frozen=True)
class LineageStep:
    unit: Unit
    effective_date: dt.date
    legal_basis: str
    depth: int
    via: Unit | None = None


@dataclass
class Lineage:
    predecessors: list[LineageStep] = field(default_factory=list)
    successors: list[LineageStep] = field(default_factory=list)


def _walk(start: Unit, *, backwards: bool, as_of: dt.date | None) -> list[LineageStep]:
    """Breadth-first over lineage links, one query per generation."""
    steps: list[LineageStep] = []
    seen = {start.pk}
    frontier = {start.pk: start}
    depth = 0
    while frontier:
        depth += 1
        links = UnitLineage.objects.select_related("predecessor", "successor")
        if backwards:
            links = links.filter(successor_id__in=frontier)
        else:
            links = links.filter(predecessor_id__in=frontier)
        if as_of is not None:
            links = links.filter(effective_date__lte=as_of)
        next_frontier: dict[int, Unit] = {}
        for link in links.order_by("effective_date", "id"):
            other = link.predecessor if backwards else link.successor
            here = link.successor if backwards else link.predecessor
            if other.pk in seen:
                continue
            seen.add(other.pk)
            next_frontier[other.pk] = other
            via = None if here.pk == start.pk else here
            steps.append(LineageStep(other, link.effective_date, link.legal_basis, depth, via))
        frontier = next_frontier
    return steps


def lineage_of(unit: Unit, *, as_of: dt.date | None = None) -> Lineage:
    """Every unit this one came from and went into, transitively, with each link's date."""
    return Lineage(
        predecessors=_walk(unit, backwards=True, as_of=as_of),
        successors=_walk(unit, backwards=False, as_of=as_of),
    )


def lineage_for(
    *, user: AbstractBaseUser | AnonymousUser, unit: Unit, as_of: dt.date | None = None
) -> Lineage:
    require_signed_in(user)
    return lineage_of(unit, as_of=as_of)


def _terms_with_members() -> QuerySet[ClusterTerm]:
    return ClusterTerm.objects.select_related("cluster", "supervising_department").prefetch_related(
        Prefetch(
            "memberships",
            queryset=ClusterMembership.objects.select_related("unit").order_by("unit__sort_key"),
        )
    )


def term_list_for(
    *, user: AbstractBaseUser | AnonymousUser, year: int | None = None
) -> QuerySet[ClusterTerm]:
    require_signed_in(user)
    terms = _terms_with_members()
    if year is not None:
        terms = terms.filter(year=year)
    return terms.order_by("-year", "cluster__number")


def term_get_for(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> ClusterTerm:
    require_signed_in(user)
    try:
        return _terms_with_members().get(pk=pk)
    except ClusterTerm.DoesNotExist as exc:
        raise NotFoundError(_("Không tìm thấy nhiệm kỳ cụm.")) from exc


def term_years() -> list[int]:
    return list(ClusterTerm.objects.order_by("-year").values_list("year", flat=True).distinct())


@dataclass(frozen=True)
class TermOfficers:
    head: Unit | None
    deputies: list[Unit]
    members: list[Unit]


def term_officers(term: ClusterTerm) -> TermOfficers:
    """Head, deputies and members from the prefetched memberships (no extra query)."""
    memberships = list(term.memberships.all())
    head = next((m.unit for m in memberships if m.role == OfficerRole.HEAD), None)
    deputies = [m.unit for m in memberships if m.role == OfficerRole.DEPUTY]
    return TermOfficers(head, deputies, [m.unit for m in memberships])


def unit_history(unit: Unit) -> list[ClusterMembership]:
    """Cluster memberships of the unit and of every unit it came from, newest year first."""
    unit_ids = [unit.pk, *(step.unit.pk for step in _walk(unit, backwards=True, as_of=None))]
    return list(
        ClusterMembership.objects.filter(unit_id__in=unit_ids)
        .select_related("unit", "term__cluster")
        .order_by("-year", "term__cluster__number")
    )


def officer_changes_of(term: ClusterTerm) -> QuerySet[OfficerChange]:
    return term.officer_changes.select_related("unit").order_by("recorded_at", "id")


def units_matching(q: str) -> Q:
    """The filter a search text makes, for callers that build their own queryset."""
    condition = Q()
    for word in fold(q).split():
        condition &= Q(search_key__contains=word)
    return condition


@dataclass
class ProposedTerm:
    """Next year's term of a cluster, drawn from this year's; nothing is written."""

    cluster: Cluster
    source: ClusterTerm
    members: list[Unit] = field(default_factory=list)
    # Each member dissolved by a merger, with the unit that replaces it.
    replacements: list[tuple[Unit, Unit]] = field(default_factory=list)
    # Units that cannot be carried over, each with why (no successor in force, or the successor
    # already proposed for another cluster).
    dropped: list[tuple[Unit, str]] = field(default_factory=list)
    exists: bool = False


def _successors_in(unit: Unit, year: int) -> list[Unit]:
    """The nearest units ``unit`` went into that are in force in ``year``, of its own kind."""
    steps = [s for s in lineage_of(unit).successors if s.unit.kind == unit.kind]
    valid = [s for s in steps if s.unit.is_valid_in_year(year)]
    if not valid:
        return []
    nearest = min(s.depth for s in valid)
    return [s.unit for s in valid if s.depth == nearest]


def rollover_proposal(*, from_year: int, to_year: int) -> list[ProposedTerm]:
    """Every cluster's term of ``to_year`` drawn from its ``from_year`` term: each member carried
    over, a member dissolved by a merger replaced by its successor (once: a successor claimed
    by two clusters stays with the first), the regulation and supervising department kept;
    head and deputies are left to the election at the year's summary conference."""
    existing = set(ClusterTerm.objects.filter(year=to_year).values_list("cluster_id", flat=True))
    taken = set(ClusterMembership.objects.filter(year=to_year).values_list("unit_id", flat=True))
    proposals = []
    for source in _terms_with_members().filter(year=from_year).order_by("cluster__number"):
        proposal = ProposedTerm(
            cluster=source.cluster, source=source, exists=source.cluster_id in existing
        )
        if proposal.exists:
            proposals.append(proposal)
            continue
        for membership in source.memberships.all():
            unit = membership.unit
            if unit.is_valid_in_year(to_year):
                carried = [unit]
            else:
                carried = _successors_in(unit, to_year)
                proposal.replacements += [(unit, successor) for successor in carried]
                if not carried:
                    proposal.dropped.append(
                        (unit, _("không còn hiệu lực, không có đơn vị kế thừa"))
                    )
            for member in carried:
                if member in proposal.members:
                    continue  # two members merged into one
                if member.pk in taken:
                    proposal.dropped.append(
                        (member, _("đã là hoặc đã được đề xuất là thành viên cụm khác"))
                    )
                    continue
                taken.add(member.pk)
                proposal.members.append(member)
        proposals.append(proposal)
    return proposals
