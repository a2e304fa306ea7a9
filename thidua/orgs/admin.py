from django.contrib import admin
from django.http import HttpRequest

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
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ["name", "code", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["search_key", "code"]
    autocomplete_fields = ["parent"]


@admin.register(UnitLineage)
class UnitLineageAdmin(admin.ModelAdmin[UnitLineage]):
    list_display = ["predecessor", "successor", "effective_date", "legal_basis"]
    autocomplete_fields = ["predecessor", "successor"]


class MembershipInline(admin.TabularInline[ClusterMembership, ClusterTerm]):
    model = ClusterMembership
    extra = 0
    readonly_fields = ["unit", "role", "illustrative"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: ClusterTerm | None = None) -> bool:
        # Members are set by cluster_term_create, which checks the one-cluster-per-year rule.
        return False


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin[Cluster]):
    list_display = ["number", "name", "sector"]


@admin.register(ClusterTerm)
class ClusterTermAdmin(admin.ModelAdmin[ClusterTerm]):
    list_display = ["cluster", "year", "regulation"]
    list_filter = ["year"]
    inlines = [MembershipInline]


@admin.register(OfficerChange)
class OfficerChangeAdmin(admin.ModelAdmin[OfficerChange]):
    list_display = ["term", "unit", "old_role", "new_role", "decision", "decided_on"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    search_fields = ["search_key"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin[Position]):
    list_display = ["person", "title", "unit", "valid_from", "valid_to"]
    autocomplete_fields = ["person", "unit"]
