from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import Action, require
from thidua.api.schemas.errors import READ_REFUSALS, WRITE_REFUSALS
from thidua.api.schemas.orgs import (
    DroppedOut,
    LineageOut,
    LineageStepOut,
    ProposedTermOut,
    ReplacementOut,
    RolloverIn,
    RolloverOut,
    TermOut,
    UnitOut,
)
from thidua.api.schemas.types import IsoDate
from thidua.orgs.models import Unit
from thidua.orgs.selectors import (
    LineageStep,
    ProposedTerm,
    lineage_for,
    rollover_proposal,
    term_list_for,
    term_officers,
    unit_get_for,
    unit_list_for,
)
from thidua.orgs.services.rollover import terms_rollover

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


@router.post("/clusters/rollover", response={200: RolloverOut, **WRITE_REFUSALS})
def clusters_rollover(request: AuthenticatedHttpRequest, payload: RolloverIn) -> RolloverOut:
    """Next year's cluster terms drawn from a year's, every lineage replacement listed; with
    ``dry_run`` (the default) nothing is written. The sector's secretariat only."""
    require(request.user, Action.ORGS_MANAGE)
    proposals = rollover_proposal(from_year=payload.from_year, to_year=payload.to_year)
    created: dict[int, int] = {}
    if not payload.dry_run:
        terms = terms_rollover(
            actor=request.user, from_year=payload.from_year, to_year=payload.to_year
        )
        created = {t.cluster_id: t.pk for t in terms}
    return RolloverOut(
        from_year=payload.from_year,
        to_year=payload.to_year,
        dry_run=payload.dry_run,
        terms=[_proposed_out(p, created.get(p.cluster.pk)) for p in proposals],
    )


def _proposed_out(proposal: ProposedTerm, term_id: int | None) -> ProposedTermOut:
    return ProposedTermOut(
        cluster_number=proposal.cluster.number,
        cluster_name=proposal.cluster.name,
        already_exists=proposal.exists,
        members=[unit_out(u) for u in proposal.members],
        replacements=[
            ReplacementOut(dissolved=unit_out(old), successor=unit_out(new))
            for old, new in proposal.replacements
        ],
        dropped=[DroppedOut(unit=unit_out(u), reason=why) for u, why in proposal.dropped],
        term_id=term_id,
    )
