from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from thidua.api.schemas.errors import READ_REFUSALS
from thidua.api.schemas.orgs import LineageOut, LineageStepOut, TermOut, UnitOut
from thidua.api.schemas.types import IsoDate
from thidua.orgs.models import Unit
from thidua.orgs.selectors import (
    LineageStep,
    lineage_for,
    term_list_for,
    term_officers,
    unit_get_for,
    unit_list_for,
)

router = Router(tags=["orgs"])


MAX_OFFSET = 1_000_000


class UnitFilter(Schema):
    q: str | None = None
    as_of: IsoDate | None = None
    kind: str | None = None
    limit: int = Field(1000, ge=1, le=5000)
    # Bounded so that a number no database offset can hold is a 422, never a server error; no
    # directory comes near it.
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def unit_out(unit: Unit) -> UnitOut:
    return UnitOut.model_validate(unit, from_attributes=True)


def _step_out(step: LineageStep) -> LineageStepOut:
    return LineageStepOut(
        unit=unit_out(step.unit),
        effective_date=step.effective_date,
        legal_basis=step.legal_basis,
        depth=step.depth,
        via_id=step.via.pk if step.via else None,
    )


@router.get("/units", response={200: list[UnitOut], **READ_REFUSALS})
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> list[UnitOut]:
    units = unit_list_for(user=request.user, q=filters.q, as_of=filters.as_of, kind=filters.kind)
    page = units[filters.offset : filters.offset + filters.limit]
    return [unit_out(u) for u in page]


@router.get("/units/{unit_id}/lineage", response={200: LineageOut, **READ_REFUSALS})
def unit_lineage(request: HttpRequest, unit_id: int, as_of: IsoDate | None = None) -> LineageOut:
    unit = unit_get_for(user=request.user, pk=unit_id)
    lineage = lineage_for(user=request.user, unit=unit, as_of=as_of)
    return LineageOut(
        predecessors=[_step_out(s) for s in lineage.predecessors],
        successors=[_step_out(s) for s in lineage.successors],
    )


@router.get("/clusters", response={200: list[TermOut], **READ_REFUSALS})
def list_clusters(request: HttpRequest, year: int | None = None) -> list[TermOut]:
    result = []
    for term in term_list_for(user=request.user, year=year):
        officers = term_officers(term)
        result.append(
            TermOut(
                id=term.pk,
                cluster_number=term.cluster.number,
                cluster_name=term.cluster.name,
                year=term.year,
                regulation=term.regulation,
                head=unit_out(officers.head) if officers.head else None,
                deputies=[unit_out(u) for u in officers.deputies],
                members=[unit_out(u) for u in officers.members],
            )
        )
    return result
