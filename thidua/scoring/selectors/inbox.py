"""What waits on a person in the scoring stages of the plans they serve: sheets to fill or send
(self, peer, the head's and the department's), sheets sent back, criteria to explain, to
appraise, and the publication once every criterion is appraised.

The plans and the reader's part in each come from ``plans_served_by`` (the plans floor), with
the sheets and disputes prefetched: a fixed number of queries however many plans, members and
sheets there are.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.models import User
from thidua.core.inbox import InboxItem, InboxKind
from thidua.orgs.models import OfficerRole, Unit
from thidua.plans.models import AssessorStage, PeerMode, PlanStage
from thidua.plans.selectors.inbox import ServedPlan, plans_served_by
from thidua.scoring.access import STAGE_OF
from thidua.scoring.models import Assessment, AssessmentStatus, DisputeStatus

SCORING_STAGES = (PlanStage.SELF_ASSESSMENT, PlanStage.PEER_ASSESSMENT, PlanStage.EXPLANATION)
Sheets = dict[tuple[int, str, int], Assessment]


# What ``scoring_inbox_for`` reads of every plan beyond the plan itself.
SCORING_PREFETCH: tuple[str | Prefetch[Any], ...] = (
    Prefetch(
        "assessments",
        queryset=Assessment.objects.exclude(stage=AssessorStage.APPRAISAL).only(
            "pk", "plan_id", "unit_id", "stage", "assessor_id", "status"
        ),
    ),
    "disputes",
    "peer_assignments",
)


def scoring_inbox_for(
    *, user: User | AnonymousUser, served: list[ServedPlan] | None = None
) -> list[InboxItem]:
    """``served``: the plans as ``plans_served_by`` read them with ``SCORING_PREFETCH``, when
    the caller reads them once for several apps."""
    if served is None:
        served = plans_served_by(user=user, stages=SCORING_STAGES, prefetch=SCORING_PREFETCH)
    served = [entry for entry in served if entry.plan.stage in SCORING_STAGES]
    items: list[InboxItem] = []
    for entry in served:
        by_key: Sheets = {
            (a.unit_id, a.stage, a.assessor_id): a for a in entry.plan.assessments.all()
        }
        items += _self_items(entry, by_key)
        items += _assessor_items(entry, by_key)
        items += _returned_items(entry, by_key)
        items += _explanation_items(entry)
    return items


def _self_items(entry: ServedPlan, sheets: Sheets) -> list[InboxItem]:
    plan = entry.plan
    if plan.stage != PlanStage.SELF_ASSESSMENT or AssessorStage.SELF not in plan.assessor_stages:
        return []
    items = []
    for unit in entry.prepares:
        sheet = sheets.get((unit.pk, AssessorStage.SELF, unit.pk))
        if sheet is not None and sheet.status != AssessmentStatus.DRAFT:
            continue  # sent, or sent back (a returned sheet is listed on its own)
        names = {"unit": unit.name, "plan": plan.title}
        text = (
            _("Gửi phiếu tự chấm điểm của %(unit)s (%(plan)s)") % names
            if unit.pk in entry.submits
            else _("Tự chấm điểm cho %(unit)s (%(plan)s)") % names
        )
        items.append(
            InboxItem(
                key=f"scoring.self:{plan.pk}:{unit.pk}",
                kind=InboxKind.SHEET,
                text=text,
                deadline=entry.deadline(PlanStage.SELF_ASSESSMENT),
                url_name="scoring:sheet" if sheet else "scoring:plan",
                url_args=(sheet.pk,) if sheet else (plan.pk,),
                unit_id=unit.pk,
            )
        )
    return items


def _assessor_items(entry: ServedPlan, sheets: Sheets) -> list[InboxItem]:
    """The sheets of the peer stage the reader's units still owe: their peer sheets, the head's
    sheets when the reader staffs the head board, the department's when they staff it."""
    plan = entry.plan
    if plan.stage != PlanStage.PEER_ASSESSMENT or plan.term is None:
        return []
    members = [m.unit for m in plan.term.memberships.all()]
    owed: list[tuple[str, Unit, list[Unit]]] = []
    if AssessorStage.PEER in plan.assessor_stages:
        pairs = {(p.assessor_id, p.assessed_id) for p in plan.peer_assignments.all()}
        for assessor in entry.prepares:
            targets = [
                u
                for u in members
                if u.pk != assessor.pk
                and (plan.peer_mode == PeerMode.ALL or (assessor.pk, u.pk) in pairs)
            ]
            owed.append((AssessorStage.PEER, assessor, targets))
    head = next((m.unit for m in plan.term.memberships.all() if m.role == OfficerRole.HEAD), None)
    if AssessorStage.HEAD in plan.assessor_stages and head in entry.prepares:
        assert head is not None  # noqa: S101 (it is among the reader's units)
        owed.append((AssessorStage.HEAD, head, [u for u in members if u.pk != head.pk]))
    department = plan.term.supervising_department
    if AssessorStage.DEPARTMENT in plan.assessor_stages and department and entry.supervises:
        owed.append((AssessorStage.DEPARTMENT, department, members))
    items = []
    for stage, assessor, targets in owed:
        # A sheet sent back is listed on its own; the rest owed are those never sent.
        left = sum(1 for u in targets if _unsent(sheets.get((u.pk, stage, assessor.pk))))
        if not left:
            continue
        items.append(
            InboxItem(
                key=f"scoring.{stage}:{plan.pk}:{assessor.pk}",
                kind=InboxKind.SHEET,
                text=ngettext(
                    "%(stage)s: %(unit)s còn %(n)s phiếu chưa gửi (%(plan)s)",
                    "%(stage)s: %(unit)s còn %(n)s phiếu chưa gửi (%(plan)s)",
                    left,
                )
                % {
                    "stage": AssessorStage(stage).label,
                    "unit": assessor.name,
                    "n": left,
                    "plan": plan.title,
                },
                deadline=entry.deadline(STAGE_OF[stage]),
                url_name="scoring:plan",
                url_args=(plan.pk,),
                unit_id=assessor.pk,
            )
        )
    return items


def _unsent(sheet: Assessment | None) -> bool:
    return sheet is None or sheet.status == AssessmentStatus.DRAFT


def _returned_items(entry: ServedPlan, sheets: Sheets) -> list[InboxItem]:
    """Sheets the head sent back to a unit the reader serves: open again until publication."""
    plan = entry.plan
    mine = {u.pk for u in entry.prepares}
    department = plan.term.supervising_department_id if plan.term else None
    names = {m.unit_id: m.unit.name for m in plan.term.memberships.all()} if plan.term else {}
    items = []
    for sheet in sheets.values():
        if sheet.status != AssessmentStatus.RETURNED:
            continue
        if sheet.stage == AssessorStage.DEPARTMENT:
            if not (entry.supervises and sheet.assessor_id == department):
                continue
        elif sheet.assessor_id not in mine:
            continue
        items.append(
            InboxItem(
                key=f"scoring.returned:{sheet.pk}",
                kind=InboxKind.SHEET,
                text=_("Phiếu %(stage)s về %(unit)s bị trả lại: sửa và gửi lại (%(plan)s)")
                % {
                    "stage": str(AssessorStage(sheet.stage).label).lower(),
                    "unit": names.get(sheet.unit_id, ""),
                    "plan": plan.title,
                },
                deadline=None,
                url_name="scoring:sheet",
                url_args=(sheet.pk,),
                unit_id=sheet.assessor_id,
            )
        )
    return items


def _explanation_items(entry: ServedPlan) -> list[InboxItem]:
    """Members explain their flagged criteria; the supervising department (the head's office
    when the cluster has none) appraises them; then the head's office publishes."""
    plan = entry.plan
    if plan.stage != PlanStage.EXPLANATION or plan.term is None:
        return []
    disputes = list(plan.disputes.all())
    due = entry.deadline(PlanStage.EXPLANATION)
    items = []
    for unit in entry.prepares:
        open_ = sum(1 for d in disputes if d.unit_id == unit.pk and d.status == DisputeStatus.OPEN)
        if open_:
            items.append(
                InboxItem(
                    key=f"scoring.answer:{plan.pk}:{unit.pk}",
                    kind=InboxKind.ANSWER,
                    text=ngettext(
                        "Giải trình %(n)s tiêu chí của %(unit)s (%(plan)s)",
                        "Giải trình %(n)s tiêu chí của %(unit)s (%(plan)s)",
                        open_,
                    )
                    % {"n": open_, "unit": unit.name, "plan": plan.title},
                    deadline=due,
                    url_name="scoring:explanation",
                    url_args=(plan.pk,),
                    unit_id=unit.pk,
                )
            )
    pending = sum(1 for d in disputes if d.status != DisputeStatus.APPRAISED)
    appraiser = entry.supervises if plan.term.supervising_department_id else entry.holds_office
    if pending and appraiser:
        items.append(
            InboxItem(
                key=f"scoring.appraise:{plan.pk}",
                kind=InboxKind.APPRAISE,
                text=ngettext(
                    "Thẩm định %(n)s tiêu chí có chênh lệch (%(plan)s)",
                    "Thẩm định %(n)s tiêu chí có chênh lệch (%(plan)s)",
                    pending,
                )
                % {"n": pending, "plan": plan.title},
                deadline=due,
                url_name="scoring:explanation",
                url_args=(plan.pk,),
                unit_id=plan.term.supervising_department_id,
            )
        )
    if not pending and entry.holds_office:
        items.append(
            InboxItem(
                key=f"scoring.publish:{plan.pk}",
                kind=InboxKind.PUBLISH,
                text=_("Công bố kết quả (%(plan)s)") % {"plan": plan.title},
                deadline=None,
                url_name="scoring:plan",
                url_args=(plan.pk,),
            )
        )
    return items
