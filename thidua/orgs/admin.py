"""Admin for operators. Writes are audited (``AuditedAdmin``); what only a service may write
(lineage, cluster terms and their members, officer changes) is read-only here."""

from django.contrib import admin
from django.http import HttpRequest

from thidua.audit.admin import AuditedAdmin, ReadOnlyAdmin
from thidua.orgs.models import (
    Cluster,
    ClusterMembership,
    ClusterTerm,
    OfficerChange,
    Person,
    Position,
    Unit,
    UnitLineage,
)


@admin.register(Unit)
class UnitAdmin(AuditedAdmin[Unit]):
    list_display = ["name", "code", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["search_key", "code"]
    autocomplete_fields = ["parent"]


@admin.register(UnitLineage)
class UnitLineageAdmin(ReadOnlyAdmin[UnitLineage]):
    """Read-only: ``lineage_add`` refuses a cycle, which a form cannot see."""

    list_display = ["predecessor", "successor", "effective_date", "legal_basis"]


class MembershipInline(admin.TabularInline[ClusterMembership, ClusterTerm]):
    model = ClusterMembership
    extra = 0
    readonly_fields = ["unit", "role", "illustrative"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: ClusterTerm | None = None) -> bool:
        # Members are set by cluster_term_create, which checks the one-cluster-per-year rule.
        return False


@admin.register(Cluster)
class ClusterAdmin(AuditedAdmin[Cluster]):
    list_display = ["number", "name", "sector"]


@admin.register(ClusterTerm)
class ClusterTermAdmin(ReadOnlyAdmin[ClusterTerm]):
    """Read-only: ``cluster_term_create`` sets the members, head and deputies together and
    keeps a unit in one cluster a year."""

    list_display = ["cluster", "year", "regulation"]
    list_filter = ["year"]
    inlines = [MembershipInline]


@admin.register(OfficerChange)
class OfficerChangeAdmin(ReadOnlyAdmin[OfficerChange]):
    """Read-only: ``officer_change`` moves the roles of the members with the decision."""

    list_display = ["term", "unit", "old_role", "new_role", "decision", "decided_on"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin[Person]):
    search_fields = ["search_key"]


@admin.register(Position)
class PositionAdmin(AuditedAdmin[Position]):
    list_display = ["person", "title", "unit", "valid_from", "valid_to"]
    autocomplete_fields = ["person", "unit"]
