"""Writing a checked interchange document: one transaction, one audit event ("plan.import").

Rows are written through the models, not the services: the services guard the stages and the
people of a live year, whereas an archive recreates a year that has already happened. The
criteria are copied the way ``scale_copy_into`` copies them (same fields, codes and order).
"""

from typing import Any

from django.db import transaction

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.models import StoredFile
from thidua.plans.models import (
    Covenant,
    CovenantSignature,
    Criterion,
    KeyTaskGroup,
    PeerAssignment,
    Plan,
    Registration,
    RegistrationItem,
    Scale,
    StageDeadline,
)
from thidua.plans.services.scale import EDITABLE_FIELDS
from thidua.scoring.interchange.check import PlanIn, ScaleIn
from thidua.scoring.interchange.document import File
from thidua.scoring.interchange.rows import RowsIn
from thidua.scoring.models import Assessment, Dispute, Evidence, RankingRow, Score

Versions = dict[int, tuple[Scale, dict[str, Criterion]]]


def document_write(
    *, actor: User | None, plan_in: PlanIn, rows: RowsIn | None, source: dict[str, Any] | None
) -> Plan:
    """``rows`` is None for a scale import: only the latest version is copied, as a draft v1."""
    with transaction.atomic():
        plan = plan_in.plan
        plan.save()
        for group in plan_in.task_groups:
            group.plan = plan
        KeyTaskGroup.objects.bulk_create(plan_in.task_groups)
        groups = {g.number: g for g in plan_in.task_groups}
        versions: Versions = {}
        if rows is None:
            latest = plan_in.latest
            summary: dict[str, Any] = {"from_version": latest.scale.version if latest else None}
            if latest is not None:
                original = latest.scale.version
                latest.scale.version, latest.scale.frozen_at, latest.scale.reason = 1, None, ""
                versions[original] = _scale_write(latest, plan, groups)
        else:
            for deadline in plan_in.deadlines:
                deadline.plan = plan
            StageDeadline.objects.bulk_create(plan_in.deadlines)
            for scale_in in plan_in.scales:
                versions[scale_in.scale.version] = _scale_write(scale_in, plan, groups)
            summary = _rows_write(plan, rows, versions)
        audit_record(
            actor=actor,
            action="plan.import",
            obj=plan,
            after={
                "mode": "scale" if rows is None else "full",
                "source": source,
                "title": plan.title,
                "versions": sorted(versions),
                **summary,
            },
        )
    return plan


def _scale_write(
    scale_in: ScaleIn, plan: Plan, groups: dict[int, KeyTaskGroup]
) -> tuple[Scale, dict[str, Criterion]]:
    scale = scale_in.scale
    scale.plan = plan
    scale.save()
    copies = []
    for position, node in enumerate(scale_in.nodes, start=1):
        number = scale_in.groups[node.code]
        copies.append(
            Criterion(
                scale=scale,
                position=position,
                task_group=groups.get(number) if number is not None else None,
                **{f: getattr(node, f) for f in EDITABLE_FIELDS if f != "task_group"},
            )
        )
    Criterion.objects.bulk_create(copies)
    by_code = {c.code: c for c in copies}
    children = []
    for copy in copies:
        parent = scale_in.parents[copy.code]
        if parent is not None:
            copy.parent = by_code[parent]
            children.append(copy)
    Criterion.objects.bulk_update(children, ["parent"])
    return scale, by_code


def _rows_write(plan: Plan, rows: RowsIn, versions: Versions) -> dict[str, Any]:
    for pair in rows.peer_assignments:
        pair.plan = plan
    PeerAssignment.objects.bulk_create(rows.peer_assignments)
    _registrations_write(plan, rows, versions)
    if rows.covenant is not None:
        covenant = rows.covenant.covenant
        covenant.plan = plan
        covenant.save()
        if rows.covenant.opened_at is not None:  # the field is set on creation; keep the original
            Covenant.objects.filter(pk=covenant.pk).update(opened_at=rows.covenant.opened_at)
        for signature in rows.covenant.signatures:
            signature.covenant = covenant
        CovenantSignature.objects.bulk_create(rows.covenant.signatures)
    stored = _stored_files(rows)
    missing: list[dict[str, Any]] = []
    linked = _assessments_write(plan, rows, versions, stored, missing)
    linked += _disputes_write(plan, rows, versions, stored, missing)
    if rows.results is not None:
        publication = rows.results.publication
        publication.plan = plan
        publication.scale = versions[rows.results.version][0]
        publication.save()
        for row in rows.results.rows:
            row.publication = publication
        RankingRow.objects.bulk_create(rows.results.rows)
    return {
        "registrations": len(rows.registrations),
        "signatures": len(rows.covenant.signatures) if rows.covenant else 0,
        "assessments": len(rows.assessments),
        "scores": sum(len(a.scores) for a in rows.assessments),
        "disputes": len(rows.disputes),
        "published": rows.results is not None,
        "files_linked": linked,
        # Files travel outside the document; these were not found here by their hash.
        "files_not_carried": missing,
    }


def _registrations_write(plan: Plan, rows: RowsIn, versions: Versions) -> None:
    for entry in rows.registrations:
        entry.registration.plan = plan
    Registration.objects.bulk_create([r.registration for r in rows.registrations])
    items = []
    for entry in rows.registrations:
        for version, code, item in entry.items:
            item.registration = entry.registration
            item.criterion = versions[version][1][code]
            items.append(item)
    RegistrationItem.objects.bulk_create(items)


def _stored_files(rows: RowsIn) -> dict[tuple[str, int], StoredFile]:
    """Files already kept here, by hash and size: the same content, so safe to link again."""
    hashes = {f.sha256 for a in rows.assessments for s in a.scores for f in s.files}
    hashes |= {f.sha256 for d in rows.disputes for f in d.files}
    found: dict[tuple[str, int], StoredFile] = {}
    for stored in StoredFile.objects.filter(sha256__in=hashes).order_by("pk"):
        found.setdefault((stored.sha256, stored.size), stored)
    return found


def _missing(file: File, **where: Any) -> dict[str, Any]:
    return {**where, "name": file.name, "sha256": file.sha256, "size": file.size}


def _assessments_write(
    plan: Plan,
    rows: RowsIn,
    versions: Versions,
    stored: dict[tuple[str, int], StoredFile],
    missing: list[dict[str, Any]],
) -> int:
    for entry in rows.assessments:
        entry.assessment.plan = plan
        entry.assessment.scale = versions[entry.version][0]
    Assessment.objects.bulk_create([a.assessment for a in rows.assessments])
    scores = []
    for entry in rows.assessments:
        criteria = versions[entry.version][1]
        for score_in in entry.scores:
            score_in.score.assessment = entry.assessment
            score_in.score.criterion = criteria[score_in.code]
            scores.append(score_in.score)
    Score.objects.bulk_create(scores)
    evidence = []
    for entry in rows.assessments:
        a = entry.assessment
        for score_in in entry.scores:
            for file in score_in.files:
                kept = stored.get((file.sha256, file.size))
                if kept is not None:
                    evidence.append(Evidence(score=score_in.score, file=kept))
                else:
                    missing.append(
                        _missing(
                            file,
                            unit=a.unit.code,
                            stage=a.stage,
                            assessor=a.assessor.code,
                            criterion=score_in.code,
                        )
                    )
    Evidence.objects.bulk_create(evidence)
    return len(evidence)


def _disputes_write(
    plan: Plan,
    rows: RowsIn,
    versions: Versions,
    stored: dict[tuple[str, int], StoredFile],
    missing: list[dict[str, Any]],
) -> int:
    for entry in rows.disputes:
        entry.dispute.plan = plan
        entry.dispute.criterion = versions[entry.version][1][entry.code]
    Dispute.objects.bulk_create([d.dispute for d in rows.disputes])
    links = []
    for entry in rows.disputes:
        for file in entry.files:
            kept = stored.get((file.sha256, file.size))
            if kept is not None:
                links.append(Dispute.files.through(dispute=entry.dispute, storedfile=kept))
            else:
                missing.append(
                    _missing(file, unit=entry.dispute.unit.code, dispute_criterion=entry.code)
                )
    Dispute.files.through.objects.bulk_create(links)
    return len(links)
