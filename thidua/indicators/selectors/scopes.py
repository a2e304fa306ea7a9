"""Whose figures a roll-up reads: the scopes, their members year by year, and lineage.

Lineage: a unit's figures count in its successor as of the end of a year (UnitLineage,
followed transitively), so that 2024 figures of Bình Dương's board appear under the 2025
board of Hồ Chí Minh when years before and after the 2025 merger are compared.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.orgs.models import Cluster, ClusterMembership, ClusterTerm, Unit, UnitKind, UnitLineage


@dataclass(frozen=True)
class Scope:
    """Whose figures: one unit, a cluster's term, a cluster year by year, the boards a
    department supervises (year by year), or the whole sector."""

    unit: Unit | None = None
    cluster_term: ClusterTerm | None = None
    cluster: Cluster | None = None
    department: Unit | None = None
    sector: bool = False


def scope_problems(scope: Scope, problems: dict[str, list[str]]) -> None:
    chosen = [
        scope.unit is not None,
        scope.cluster_term is not None,
        scope.cluster is not None,
        scope.department is not None,
        scope.sector,
    ]
    if sum(chosen) != 1:
        problems["scope"] = [
            _("Chọn đúng một phạm vi tổng hợp: một cụm, một vụ theo dõi hoặc toàn ngành.")
        ]
    if scope.department is not None and scope.department.kind != UnitKind.COMMISSION_DEPARTMENT:
        problems["department"] = [_("Đơn vị đã chọn không phải là vụ theo dõi cụm.")]


def scope_members(scope: Scope, years: Iterable[int]) -> dict[int, set[int]]:
    """The scope's unit ids for each year.

    The whole sector is its provincial organization boards: a commune's or a unit's own
    internal report is already part of its board's figure and must not count twice.
    """
    years = list(years)
    if scope.sector:
        boards = set(
            Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD).values_list("pk", flat=True)
        )
        return {year: set(boards) for year in years}
    if scope.unit is not None:
        return {year: {scope.unit.pk} for year in years}
    if scope.cluster_term is not None:
        fixed = set(
            ClusterMembership.objects.filter(term=scope.cluster_term).values_list(
                "unit_id", flat=True
            )
        )
        return {year: set(fixed) for year in years}
    memberships = ClusterMembership.objects.filter(year__in=years)
    if scope.cluster is not None:
        memberships = memberships.filter(term__cluster=scope.cluster)
    else:
        memberships = memberships.filter(term__supervising_department=scope.department)
    by_year: dict[int, set[int]] = {year: set() for year in years}
    for year, unit_id in memberships.values_list("year", "unit_id"):
        by_year[year].add(unit_id)
    return by_year


def successor_map(lineage_year: int) -> dict[int, int]:
    """Each unit that had been succeeded by the end of ``lineage_year`` → the unit it lives on
    in, transitively. A unit split into several successors is left as it is: its figures
    cannot be divided between them."""
    as_of = dt.date(lineage_year, 12, 31)
    successors: dict[int, set[int]] = defaultdict(set)
    links = UnitLineage.objects.filter(effective_date__lte=as_of)
    for predecessor_id, successor_id in links.values_list("predecessor_id", "successor_id"):
        successors[predecessor_id].add(successor_id)
    mapping: dict[int, int] = {}
    for start in successors:
        current, seen = start, {start}
        while len(successors.get(current, ())) == 1:
            (following,) = successors[current]
            if following in seen:  # a cycle in bad data: stop rather than loop
                break
            seen.add(following)
            current = following
        if current != start:
            mapping[start] = current
    return mapping
