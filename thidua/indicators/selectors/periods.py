"""Whom a reporting period asks: the terms and units within its scope.

A unit is a member of one cluster of the sector a year (a database constraint), so the terms a
period covers decide its units: the sector's terms of the year, one term, or the terms a
department supervises that year.
"""

from django.db.models import QuerySet

from thidua.indicators.models import PeriodScope, ReportingPeriod
from thidua.orgs.models import ClusterMembership, ClusterTerm, Sector, Unit


def scope_terms(
    *, year: int, scope: str, term: ClusterTerm | None, department: Unit | None
) -> QuerySet[ClusterTerm]:
    """The sector's terms of the year a scope covers (also for a period not yet created)."""
    terms = ClusterTerm.objects.filter(year=year, cluster__sector=Sector.ORGANIZATION)
    if scope == PeriodScope.CLUSTER:
        return terms.filter(pk=term.pk) if term is not None else terms.none()
    if scope == PeriodScope.DEPARTMENT:
        return terms.filter(supervising_department=department)
    return terms


def period_terms(period: ReportingPeriod) -> QuerySet[ClusterTerm]:
    return scope_terms(
        year=period.year, scope=period.scope, term=period.term, department=period.department
    )


def period_memberships(period: ReportingPeriod) -> QuerySet[ClusterMembership]:
    """The memberships of the units asked to report (a sector-wide period: every member)."""
    memberships = ClusterMembership.objects.filter(year=period.year, sector=Sector.ORGANIZATION)
    if period.scope == PeriodScope.SECTOR:
        return memberships
    return memberships.filter(term__in=period_terms(period))


def period_units(period: ReportingPeriod) -> QuerySet[Unit]:
    """The units asked to report in the period."""
    return Unit.objects.filter(pk__in=period_memberships(period).values("unit_id")).order_by(
        "sort_key"
    )


def period_includes(period: ReportingPeriod, unit: Unit) -> bool:
    return period_memberships(period).filter(unit=unit).exists()


def scope_label(period: ReportingPeriod) -> str:
    return period.scope_text
