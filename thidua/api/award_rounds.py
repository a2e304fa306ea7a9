"""Nomination rounds and the registry through the API, as the pages do them: open a year's
round, keep its list, record the deliberation, submit within the quotas, record the decision
with its prize money; search the registry and revoke an award.

A round the user may not read is not found (404), its existence untold; a step the user may
not take on a round they read is refused (403); a step the stored state refuses (a quota, an
ineligible candidate without a reason, a round not in the right status) is a 400 with its
reason and, where it has places, every problem under its field. Conditions come back in the
request's language; legal citations stay in Vietnamese.
"""

from typing import TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.api.schemas.award_rounds import (
    CandidateIn,
    CandidateOut,
    ConditionOut,
    DecisionIn,
    DecisionOut,
    DeliberationIn,
    GrantOut,
    KeepIn,
    RegistryPageOut,
    RegistryQuery,
    RevokeIn,
    RoundDetailOut,
    RoundOpenIn,
    RoundOut,
    RoundsQuery,
    SubmitIn,
)
from thidua.api.schemas.errors import READ_REFUSALS, WRITE_REFUSALS
from thidua.awards import access
from thidua.awards.models import Candidate, Grant, NominationRound
from thidua.awards.selectors.judging import catalogue
from thidua.awards.selectors.registry import registry_search
from thidua.awards.selectors.rounds import CandidateRow, round_view, rounds_for
from thidua.awards.services.decisions import grant_revoke, round_decide
from thidua.awards.services.rounds import (
    candidate_add,
    candidate_keep,
    candidate_remove,
    round_open,
)
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.core.errors import NotFoundError, ValidationFailedError
from thidua.orgs.models import ClusterTerm, Person, Unit

router = Router(tags=["award rounds"])
T = TypeVar("T", ClusterTerm, Unit, Person)


def _award_name(code: str) -> str:
    award = catalogue().get(code)
    return award.name if award is not None else code


def grant_out(grant: Grant) -> GrantOut:
    return GrantOut(
        id=grant.pk,
        person_id=grant.person_id,
        unit_id=grant.unit_id,
        subject_name=grant.subject_name,
        award=grant.award,
        award_name=_award_name(grant.award),
        year=grant.year,
        source=grant.source,
        decision_number=grant.decision_number,
        decided_on=grant.decided_on,
        issuer=grant.issuer,
        prize=None if grant.prize is None else f"{grant.prize:.0f}",
        prize_basis=dict(grant.prize_basis or {}),
        revoked=grant.revoked,
        revoked_on=grant.revoked_on,
        revocation_ground=grant.revocation_ground,
        revocation_decision=grant.revocation_decision,
        revocation_reason=grant.revocation_reason,
    )


def _candidate_out(row: CandidateRow) -> CandidateOut:
    c = row.candidate
    return CandidateOut(
        id=c.pk,
        person_id=c.person_id,
        unit_id=c.unit_id,
        subject_name=c.subject_name,
        award=c.award,
        award_name=row.award.name if row.award else c.award,
        source=c.source,
        rank=c.rank,
        verdict=c.verdict,
        explanation=[ConditionOut(**line) for line in row.lines],
        judged_on=c.judged_on,
        kept_reason=c.kept_reason,
        approvals=c.approvals,
        proposed=c.proposed,
        grant_id=row.grant.pk if row.grant else None,
    )


def _round_fields(round_: NominationRound, candidates: list[Candidate]) -> dict[str, object]:
    return {
        "id": round_.pk,
        "year": round_.year,
        "level": round_.level,
        "title": round_.title,
        "status": round_.status,
        "term_id": round_.term_id,
        "cluster_number": round_.term.cluster.number if round_.term else None,
        "unit_id": round_.unit_id,
        "deliberated_on": round_.deliberated_on,
        "summoned": round_.summoned,
        "present": round_.present,
        "submitted_on": round_.submitted_on,
        "vote_id": round_.vote_id,
        "candidates": len(candidates),
        "proposed": sum(1 for c in candidates if c.proposed),
    }


def _not_found() -> NotFoundError:
    return NotFoundError(_("Không có đợt xét này."))


def round_detail(request: HttpRequest, round_id: int) -> RoundDetailOut:
    try:
        view = round_view(user=request.user, round_id=round_id)
    except NotFoundError as missing:
        raise _not_found() from missing
    round_ = view.round
    decision = getattr(round_, "decision", None)
    grants = []
    for row in view.rows:
        if row.grant is not None:
            # The candidate's subject is already read with it: no query per grant for its name.
            row.grant.person, row.grant.unit = row.candidate.person, row.candidate.unit
            grants.append(row.grant)
    return RoundDetailOut(
        **_round_fields(round_, [row.candidate for row in view.rows]),  # type: ignore[arg-type]
        minutes_note=round_.minutes_note,
        threshold=None if view.threshold is None else str(view.threshold),
        threshold_citation=view.threshold_citation,
        may_manage=view.may_manage,
        may_submit=view.may_submit,
        may_decide=view.may_decide,
        candidate_list=[_candidate_out(row) for row in view.rows],
        decision=None
        if decision is None
        else DecisionOut(
            number=decision.number,
            decided_on=decision.decided_on,
            issuer=decision.issuer,
            signer=decision.signer,
            signer_title=decision.signer_title,
            grants=[grant_out(g) for g in grants],
        ),
    )


def _readable_round(request: HttpRequest, round_id: int) -> NominationRound:
    """The round for a write, if the user may read it (else 404: its existence is untold)."""
    round_ = (
        NominationRound.objects.select_related("term__cluster", "unit")
        .prefetch_related("candidates", "term__memberships")
        .filter(pk=round_id)
        .first()
    )
    if round_ is None or not access.may_read_round(request.user, round_):
        raise _not_found()
    return round_


def _candidate(round_: NominationRound, candidate_id: int) -> Candidate:
    candidate = Candidate.objects.filter(round=round_, pk=candidate_id).first()
    if candidate is None:
        raise NotFoundError(_("Không có người, tập thể này trong đợt xét."))
    candidate.round = round_
    return candidate


def _lookup(model: type[T], pk: int | None, field: str, problems: dict[str, list[str]]) -> T | None:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        problems[field] = [_("Không có mục này.")]
    return found


@router.get("/award-rounds", response={200: list[RoundOut], **READ_REFUSALS})
def list_rounds(request: HttpRequest, params: Query[RoundsQuery]) -> list[RoundOut]:
    """The rounds the user may read: a cluster's to its head and deputies, a board's to the
    board, all to the council and the secretariat."""
    return [
        RoundOut(**_round_fields(r, list(r.candidates.all())))  # type: ignore[arg-type]
        for r in rounds_for(user=request.user, year=params.year)
    ]


@router.get("/award-rounds/{round_id}", response={200: RoundDetailOut, **READ_REFUSALS})
def get_round(request: HttpRequest, round_id: int) -> RoundDetailOut:
    """A round: each candidate's verdict explained condition by condition with citations, the
    reason an ineligible one is kept, the approvals and who is proposed; the decision and its
    grants with their prize money and how it was computed."""
    return round_detail(request, round_id)


@router.post("/award-rounds", response={200: RoundDetailOut, **WRITE_REFUSALS})
def open_round(request: AuthenticatedHttpRequest, payload: RoundOpenIn) -> RoundDetailOut:
    """Open the year's round of a cluster (from its published ranking and registrations), of a
    board (from its internal emulation list) or of the council (empty)."""
    problems: dict[str, list[str]] = {}
    term = _lookup(ClusterTerm, payload.term_id, "term_id", problems)
    unit = _lookup(Unit, payload.unit_id, "unit_id", problems)
    if problems:
        raise ValidationFailedError(_("Không mở được đợt xét."), problems)
    round_ = round_open(
        actor=request.user,
        level=payload.level,
        year=payload.year,
        term=term,
        unit=unit,
        title=payload.title,
        judged_on=payload.judged_on,
    )
    return round_detail(request, round_.pk)


@router.post("/award-rounds/{round_id}/candidates", response={200: CandidateOut, **WRITE_REFUSALS})
def add_candidate(
    request: AuthenticatedHttpRequest, round_id: int, payload: CandidateIn
) -> CandidateOut:
    """Add a person (with the unit they serve in) or a collective; judged on the spot."""
    round_ = _readable_round(request, round_id)
    problems: dict[str, list[str]] = {}
    person = _lookup(Person, payload.person_id, "person_id", problems)
    unit = _lookup(Unit, payload.unit_id, "unit_id", problems)
    if problems:
        raise ValidationFailedError(_("Không thêm được vào danh sách."), problems)
    candidate = candidate_add(
        actor=request.user,
        round_=round_,
        award=payload.award,
        person=person,
        unit=unit,
        judged_on=payload.judged_on,
    )
    return _one_candidate(request, round_.pk, candidate.pk)


def _one_candidate(request: HttpRequest, round_id: int, candidate_id: int) -> CandidateOut:
    view = round_view(user=request.user, round_id=round_id)
    row = next(r for r in view.rows if r.candidate.pk == candidate_id)
    return _candidate_out(row)


@router.delete(
    "/award-rounds/{round_id}/candidates/{candidate_id}",
    response={204: None, **WRITE_REFUSALS},
)
def remove_candidate(
    request: AuthenticatedHttpRequest, round_id: int, candidate_id: int
) -> Status[None]:
    round_ = _readable_round(request, round_id)
    candidate_remove(actor=request.user, candidate=_candidate(round_, candidate_id))
    return Status(204, None)


@router.post(
    "/award-rounds/{round_id}/candidates/{candidate_id}/keep",
    response={200: CandidateOut, **WRITE_REFUSALS},
)
def keep_candidate(
    request: AuthenticatedHttpRequest, round_id: int, candidate_id: int, payload: KeepIn
) -> CandidateOut:
    """Keep a candidate the engine finds ineligible, with the reason the council reads; an
    empty reason withdraws the exception."""
    round_ = _readable_round(request, round_id)
    candidate = candidate_keep(
        actor=request.user, candidate=_candidate(round_, candidate_id), reason=payload.reason
    )
    return _one_candidate(request, round_.pk, candidate.pk)


@router.post(
    "/award-rounds/{round_id}/deliberation", response={200: RoundDetailOut, **WRITE_REFUSALS}
)
def deliberate(
    request: AuthenticatedHttpRequest, round_id: int, payload: DeliberationIn
) -> RoundDetailOut:
    """The meeting's result from its minutes: a candidate whose approvals reach the rule book's
    share of those summoned is proposed."""
    round_ = _readable_round(request, round_id)
    round_deliberate(
        actor=request.user,
        round_=round_,
        deliberated_on=payload.deliberated_on,
        summoned=payload.summoned,
        present=payload.present,
        approvals={a.candidate_id: a.approvals for a in payload.approvals},
        minutes_note=payload.minutes_note,
    )
    return round_detail(request, round_.pk)


@router.post("/award-rounds/{round_id}/submit", response={200: RoundDetailOut, **WRITE_REFUSALS})
def submit(request: AuthenticatedHttpRequest, round_id: int, payload: SubmitIn) -> RoundDetailOut:
    """Send the proposed list up; refused with every reason (a quota with its rule cited, an
    ineligible candidate without a written reason)."""
    round_ = _readable_round(request, round_id)
    round_submit(actor=request.user, round_=round_, submitted_on=payload.submitted_on)
    return round_detail(request, round_.pk)


@router.post("/award-rounds/{round_id}/decision", response={200: RoundDetailOut, **WRITE_REFUSALS})
def decide(request: AuthenticatedHttpRequest, round_id: int, payload: DecisionIn) -> RoundDetailOut:
    """The deciding level's decision: the awardees among those proposed, each with prize money
    from the base salary in force on the decision date. Nobody decides a round their own unit
    is in."""
    round_ = _readable_round(request, round_id)
    round_decide(
        actor=request.user,
        round_=round_,
        number=payload.number,
        decided_on=payload.decided_on,
        issuer=payload.issuer,
        signer=payload.signer,
        signer_title=payload.signer_title,
        awardees=payload.awardees,
    )
    return round_detail(request, round_.pk)


@router.get("/registry", response={200: RegistryPageOut, **READ_REFUSALS})
def search_registry(request: HttpRequest, params: Query[RegistryQuery]) -> RegistryPageOut:
    """Every award received, revoked ones marked; the text is matched without diacritics and a
    unit's search includes the units it succeeded. Every signed-in user reads it."""
    unit = Unit.objects.filter(pk=params.unit).first() if params.unit else None
    person = Person.objects.filter(pk=params.person).first() if params.person else None
    grants = registry_search(
        user=request.user,
        text=params.q,
        year=params.year,
        award=params.award,
        unit=unit,
        person=person,
    )
    if (params.unit and unit is None) or (params.person and person is None):
        grants = grants.none()
    page = grants[params.offset : params.offset + params.limit]
    return RegistryPageOut(
        count=grants.count(),
        limit=params.limit,
        offset=params.offset,
        results=[grant_out(g) for g in page],
    )


@router.post("/registry/{grant_id}/revoke", response={200: GrantOut, **WRITE_REFUSALS})
def revoke(request: AuthenticatedHttpRequest, grant_id: int, payload: RevokeIn) -> GrantOut:
    """Revoke an award (false declaration, forged papers, unlawful appraisal): by the level that
    decided it; the award stays in the registry, marked, and is no longer counted."""
    grant = (
        Grant.objects.select_related("decision__round__term", "decision__round__unit")
        .filter(pk=grant_id)
        .first()
    )
    if grant is None:
        raise NotFoundError(_("Không có khen thưởng này trong sổ."))
    grant = grant_revoke(
        actor=request.user,
        grant=grant,
        revoked_on=payload.revoked_on,
        ground=payload.ground,
        decision=payload.decision,
        reason=payload.reason,
    )
    return grant_out(Grant.objects.select_related("person", "unit").get(pk=grant.pk))
