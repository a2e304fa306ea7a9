"""The plan interchange document: a plan, its scales, registrations, assessments and results as
one JSON-ready dict. The format is ``document`` (published as
``scoring/data/plan-interchange.schema.json``, explained in ``docs/plan-interchange.md``);
everything refers to units by code and to criteria by code within a scale version, so a document
means the same thing in another system.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.utils import timezone

from thidua.orgs.models import Unit
from thidua.plans.models import (
    AssessorStage,
    Covenant,
    Criterion,
    Plan,
    PlanStage,
    RegistrationItem,
)
from thidua.scoring.interchange.document import FORMAT_NAME, FORMAT_VERSION
from thidua.scoring.models import Assessment, Dispute, Evidence, Publication, Score

_CENT = Decimal("0.01")
_STAGE_ORDER = {stage: i for i, stage in enumerate(AssessorStage.values)}
_PLAN_STAGE_ORDER = {stage: i for i, stage in enumerate(PlanStage.values)}


def decimal_text(value: Decimal | None) -> str | None:
    """Points and targets as strings with two places, so no reader turns them into floats."""
    return None if value is None else str(value.quantize(_CENT))


def ratio_text(value: Any) -> str:
    """A band's ratio or share as written, without forcing two places (0.895 stays 0.895)."""
    return str(Decimal(str(value)))


def time_text(value: dt.datetime | None) -> str | None:
    return None if value is None else timezone.localtime(value).isoformat()


def plan_document(plan: Plan, *, sheets_of: Collection[int] | None = None) -> dict[str, Any]:
    """The whole plan as a document; no permission check here (see ``access``).

    ``sheets_of`` limits assessments to those made by these assessor units and disputes to
    those of these units: what a member may see before publication. The document then says
    ``complete: false``.
    """
    publication = Publication.objects.filter(plan=plan).first()
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": time_text(timezone.now()),
        "source": {"plan_id": plan.pk},
        "complete": sheets_of is None,
        "plan": _plan_part(plan),
        "scales": _scales_part(plan),
        "registrations": _registrations_part(plan),
        "covenant": _covenant_part(plan),
        "assessments": _assessments_part(plan, sheets_of),
        "disputes": _disputes_part(plan, sheets_of),
        "results": _results_part(publication) if publication else None,
    }


def _plan_part(plan: Plan) -> dict[str, Any]:
    term = plan.term
    cluster = term.cluster if term else None
    deadlines = sorted(plan.deadlines.all(), key=lambda d: _PLAN_STAGE_ORDER[d.stage])
    return {
        "title": plan.title,
        "basis": plan.basis,
        "year": plan.year,
        "sector": plan.sector,
        "cluster": {"number": cluster.number, "sector": cluster.sector} if cluster else None,
        "term_year": term.year if term else None,
        "stage": plan.stage,
        "configuration": {
            "assessor_stages": list(plan.assessor_stages),
            "peer_mode": plan.peer_mode,
            "peer_method": plan.peer_method,
            "combine": plan.combine,
            "precedence": list(plan.precedence),
            "weights": {k: ratio_text(v) for k, v in (plan.weights or {}).items()},
            "tie_breaks": [
                {"rule": t["rule"], "group": t.get("group", "")} for t in plan.tie_breaks or []
            ],
            "dispute_threshold": decimal_text(plan.dispute_threshold),
            "peer_assignments": [
                {"assessor": a, "assessed": b}
                for a, b in plan.peer_assignments.order_by(
                    "assessor__code", "assessed__code"
                ).values_list("assessor__code", "assessed__code")
            ],
        },
        "task_groups": [
            {"number": g.number, "title": g.title} for g in plan.task_groups.order_by("number")
        ],
        "deadlines": [{"stage": d.stage, "due": time_text(d.due)} for d in deadlines],
    }


def _criterion_part(node: Criterion) -> dict[str, Any]:
    return {
        "code": node.code,
        "parent": node.parent.code if node.parent else None,
        "title": node.title,
        "kind": node.kind,
        "section": node.section,
        "maximum": decimal_text(node.maximum),
        "step": decimal_text(node.step),
        "lower_is_better": node.lower_is_better,
        "bands": [[ratio_text(r), ratio_text(s)] for r, s in node.bands or []],
        "per_event": decimal_text(node.per_event),
        "evidence_required": node.evidence_required,
        "evidence_hint": node.evidence_hint,
        "task_group": node.task_group.number if node.task_group else None,
        "indicator_code": node.indicator.code if node.indicator else "",
    }


def _scales_part(plan: Plan) -> list[dict[str, Any]]:
    nodes: dict[int, list[Criterion]] = defaultdict(list)
    criteria = Criterion.objects.filter(scale__plan=plan).select_related(
        "parent", "task_group", "indicator"
    )
    for node in criteria.order_by("scale_id", "position", "id"):
        nodes[node.scale_id].append(node)
    return [
        {
            "version": scale.version,
            "maximum": decimal_text(scale.maximum),
            "bonus_cap": decimal_text(scale.bonus_cap),
            "penalty_cap": decimal_text(scale.penalty_cap),
            "reason": scale.reason,
            "frozen_at": time_text(scale.frozen_at),
            "criteria": [_criterion_part(n) for n in nodes[scale.pk]],
        }
        for scale in plan.scales.order_by("version")
    ]


def _registrations_part(plan: Plan) -> list[dict[str, Any]]:
    items: dict[int, list[RegistrationItem]] = defaultdict(list)
    for item in (
        RegistrationItem.objects.filter(registration__plan=plan)
        .select_related("criterion__scale")
        .order_by("criterion__scale__version", "criterion__position", "criterion__id")
    ):
        items[item.registration_id].append(item)
    registrations = plan.registrations.select_related("unit", "submitted_by", "decided_by")
    return [
        {
            "unit": r.unit.code,
            "status": r.status,
            "titles": list(r.titles),
            "note": r.note,
            "submitted_by": r.submitted_by.get_username() if r.submitted_by else None,
            "submitted_at": time_text(r.submitted_at),
            "decided_by": r.decided_by.get_username() if r.decided_by else None,
            "decided_at": time_text(r.decided_at),
            "return_reason": r.return_reason,
            "items": [
                {
                    "scale_version": i.criterion.scale.version,
                    "criterion": i.criterion.code,
                    "target": decimal_text(i.target),
                    "not_applicable": i.not_applicable,
                }
                for i in items[r.pk]
            ],
        }
        for r in sorted(registrations, key=lambda r: r.unit.code)
    ]


def _covenant_part(plan: Plan) -> dict[str, Any] | None:
    covenant = Covenant.objects.filter(plan=plan).first()
    if covenant is None:
        return None
    signatures = covenant.signatures.select_related("unit", "signed_by").order_by("unit__code")
    return {
        "title": covenant.title,
        "text": covenant.text,
        "opened_at": time_text(covenant.opened_at),
        "signatures": [
            {
                "unit": s.unit.code,
                "signed_by": s.signed_by.get_username(),
                "signed_at": time_text(s.signed_at),
            }
            for s in signatures
        ],
    }


def _files(rows: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    return [{"name": n, "sha256": h, "size": s} for n, h, s in sorted(rows)]


def _assessments_part(plan: Plan, sheets_of: Collection[int] | None) -> list[dict[str, Any]]:
    sheets = Assessment.objects.filter(plan=plan).select_related(
        "unit", "assessor", "scale", "submitted_by"
    )
    if sheets_of is not None:
        sheets = sheets.filter(assessor_id__in=sheets_of)
    evidence: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for score_id, name, sha, size in Evidence.objects.filter(
        score__assessment__in=sheets
    ).values_list("score_id", "file__name", "file__sha256", "file__size"):
        evidence[score_id].append((name, sha, size))
    scores: dict[int, list[Score]] = defaultdict(list)
    for score in (
        Score.objects.filter(assessment__in=sheets)
        .select_related("criterion")
        .order_by("criterion__position", "criterion__id")
    ):
        scores[score.assessment_id].append(score)
    ordered = sorted(
        sheets, key=lambda a: (_STAGE_ORDER.get(a.stage, 99), a.unit.code, a.assessor.code)
    )
    return [
        {
            "unit": a.unit.code,
            "stage": a.stage,
            "assessor": a.assessor.code,
            "scale_version": a.scale.version,
            "status": a.status,
            "submitted_by": a.submitted_by.get_username() if a.submitted_by else None,
            "submitted_at": time_text(a.submitted_at),
            "return_reason": a.return_reason,
            "scores": [
                {
                    "criterion": s.criterion.code,
                    "points": decimal_text(s.points),
                    "value": decimal_text(s.value),
                    "explanation": s.explanation,
                    "evidence": _files(evidence[s.pk]),
                }
                for s in scores[a.pk]
            ],
        }
        for a in ordered
    ]


def _disputes_part(plan: Plan, units: Collection[int] | None) -> list[dict[str, Any]]:
    disputes = Dispute.objects.filter(plan=plan).select_related("unit", "criterion__scale")
    if units is not None:
        disputes = disputes.filter(unit_id__in=units)
    files: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for dispute_id, name, sha, size in disputes.filter(files__isnull=False).values_list(
        "pk", "files__name", "files__sha256", "files__size"
    ):
        files[dispute_id].append((name, sha, size))
    ordered = sorted(disputes, key=lambda d: (d.unit.code, d.criterion.position, d.criterion.code))
    return [
        {
            "unit": d.unit.code,
            "scale_version": d.criterion.scale.version,
            "criterion": d.criterion.code,
            "self_points": decimal_text(d.self_points),
            "peer_points": decimal_text(d.peer_points),
            "status": d.status,
            "answer": d.answer,
            "answered_at": time_text(d.answered_at),
            "appraised_points": decimal_text(d.appraised_points),
            "appraisal_reason": d.appraisal_reason,
            "appraised_at": time_text(d.appraised_at),
            "files": _files(files[d.pk]),
        }
        for d in ordered
    ]


def _results_part(publication: Publication) -> dict[str, Any]:
    rows = list(publication.rows.select_related("unit"))
    # The publication keeps units by id (the engine's key); the document names them by code.
    ids = {str(x) for r in rows for x in r.tied_with or []} | _payload_unit_ids(publication.payload)
    codes = {
        str(pk): code
        for pk, code in Unit.objects.filter(
            pk__in=[int(i) for i in ids if i.isdigit()]
        ).values_list("pk", "code")
    }
    return {
        "scale_version": publication.scale.version,
        "published_at": time_text(publication.published_at),
        "published_by": (
            publication.published_by.get_username() if publication.published_by else None
        ),
        "ranking": [
            {
                "unit": r.unit.code,
                "rank": r.rank,
                "total": decimal_text(r.total),
                "base": decimal_text(r.base),
                "bonus": decimal_text(r.bonus),
                "penalty": decimal_text(r.penalty),
                "tied_with": sorted(codes.get(str(x), str(x)) for x in r.tied_with or []),
                "tie_note": r.tie_note,
            }
            for r in sorted(rows, key=lambda r: (r.rank, r.unit.code))
        ],
        "payload": _payload_with_codes(publication.payload, codes),
    }


def _payload_entries(payload: Any) -> list[dict[str, Any]]:
    """The per-unit entries of a publication payload (``scoring.engine.payload.result_payload``)."""
    ranking = payload.get("ranking") if isinstance(payload, dict) else None
    return [e for e in ranking if isinstance(e, dict)] if isinstance(ranking, list) else []


def _payload_unit_ids(payload: Any) -> set[str]:
    ids = set()
    for entry in _payload_entries(payload):
        ids.add(str(entry.get("unit")))
        ids.update(str(x) for x in entry.get("tied_with") or [])
    return ids


def _payload_with_codes(payload: Any, codes: dict[str, str]) -> Any:
    if not _payload_entries(payload):
        return payload
    ranking = []
    for entry in payload["ranking"]:
        if isinstance(entry, dict):
            entry = {**entry, "unit": codes.get(str(entry.get("unit")), entry.get("unit"))}
            if isinstance(entry.get("tied_with"), list):
                entry["tied_with"] = [codes.get(str(x), x) for x in entry["tied_with"]]
        ranking.append(entry)
    return {**payload, "ranking": ranking}
