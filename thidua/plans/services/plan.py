"""Writes to a plan: creation and adoption, configuration, key tasks, deadlines and stages."""

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.workflow import transition_check, transition_record
from thidua.orgs.models import ClusterTerm
from thidua.plans import access
from thidua.plans.models import (
    AssessorStage,
    Combine,
    KeyTaskGroup,
    PeerMethod,
    PeerMode,
    Plan,
    PlanStage,
    Scale,
    StageDeadline,
    TieRule,
)
from thidua.plans.scale_rules import scale_check
from thidua.plans.selectors.plan import stage_is_open
from thidua.plans.workflow import STAGE_MOVES, next_stage

DEFAULT_PRECEDENCE = [
    AssessorStage.APPRAISAL,
    AssessorStage.DEPARTMENT,
    AssessorStage.HEAD,
    AssessorStage.PEER,
]


def plan_create(
    *,
    actor: User,
    term: ClusterTerm | None,
    title: str,
    year: int | None = None,
    sector: str = "",
    basis: str = "",
    maximum: Decimal = Decimal(100),
    bonus_cap: Decimal = Decimal(0),
    penalty_cap: Decimal = Decimal(0),
) -> Plan:
    """A plan of a cluster term (its head), or sector-wide (the secretariat), with scale v1."""
    title = title.strip()
    if not title:
        raise DomainError(_("Tên kế hoạch là bắt buộc."), field="title")
    plan = Plan(
        term=term,
        title=title,
        basis=basis.strip(),
        year=term.year if term else (year or 0),
        sector=term.cluster.sector if term else sector,
        assessor_stages=[AssessorStage.SELF, AssessorStage.PEER],
        precedence=list(DEFAULT_PRECEDENCE),
    )
    if not plan.year or not plan.sector:
        raise DomainError(_("Kế hoạch toàn khối phải có năm và khối."), field="year")
    access.require_manage(actor, plan)
    if maximum <= 0 or bonus_cap < 0 or penalty_cap < 0:
        raise DomainError(_("Điểm tối đa phải dương; điểm thưởng, điểm trừ không được âm."))
    with transaction.atomic():
        plan.save()
        Scale.objects.create(
            plan=plan, version=1, maximum=maximum, bonus_cap=bonus_cap, penalty_cap=penalty_cap
        )
        audit_record(actor=actor, action="plan.create", obj=plan, after=_snapshot(plan))
    return plan


def _snapshot(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "term_id": plan.term_id,
        "year": plan.year,
        "stage": plan.stage,
        "assessor_stages": plan.assessor_stages,
        "peer_mode": plan.peer_mode,
        "peer_method": plan.peer_method,
        "combine": plan.combine,
        "precedence": plan.precedence,
        "weights": plan.weights,
        "tie_breaks": plan.tie_breaks,
        "dispute_threshold": plan.dispute_threshold,
    }


def plan_configure(
    *,
    actor: User,
    plan: Plan,
    assessor_stages: Sequence[str],
    peer_mode: str = PeerMode.ALL,
    peer_method: str = PeerMethod.MEAN,
    combine: str = Combine.PRECEDENCE,
    precedence: Sequence[str] = (),
    weights: Mapping[str, Decimal] | None = None,
    tie_breaks: Sequence[Mapping[str, str]] = (),
    dispute_threshold: Decimal = Decimal(1),
) -> Plan:
    """Set how scores combine. Fixed once self-assessment starts, so nobody changes the rules
    after seeing the scores."""
    access.require_manage(actor, plan)
    if plan.stage not in {PlanStage.DRAFT, PlanStage.REGISTRATION, PlanStage.MID_YEAR}:
        raise DomainError(_("Không thể đổi cách tổng hợp điểm khi đã bắt đầu chấm điểm."))
    problems = config_problems(
        assessor_stages, peer_mode, peer_method, combine, precedence, weights or {}, tie_breaks
    )
    if dispute_threshold < 0:
        problems.setdefault("dispute_threshold", []).append(_("Ngưỡng chênh lệch không được âm."))
    if problems:
        raise ValidationFailedError(_("Cấu hình chấm điểm chưa hợp lệ."), problems)
    with transaction.atomic():
        # Saved whole, so read whole under the lock: a stale stage must not be written back.
        plan.refresh_from_db(from_queryset=Plan.objects.select_for_update())
        if plan.stage not in {PlanStage.DRAFT, PlanStage.REGISTRATION, PlanStage.MID_YEAR}:
            raise DomainError(_("Không thể đổi cách tổng hợp điểm khi đã bắt đầu chấm điểm."))
        before = _snapshot(plan)
        plan.assessor_stages = list(dict.fromkeys(assessor_stages))
        plan.peer_mode, plan.peer_method, plan.combine = peer_mode, peer_method, combine
        plan.precedence = list(precedence) or list(DEFAULT_PRECEDENCE)
        plan.weights = {k: str(v) for k, v in (weights or {}).items()}
        plan.tie_breaks = [dict(t) for t in tie_breaks]
        plan.dispute_threshold = dispute_threshold
        plan.save()
        audit_record(
            actor=actor, action="plan.configure", obj=plan, before=before, after=_snapshot(plan)
        )
    return plan


def config_problems(
    assessor_stages: Sequence[str],
    peer_mode: str,
    peer_method: str,
    combine: str,
    precedence: Sequence[str],
    weights: Mapping[str, Decimal],
    tie_breaks: Sequence[Mapping[str, str]],
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    stages = set(AssessorStage.values)
    if AssessorStage.SELF not in assessor_stages:
        problems["assessor_stages"] = [_("Kế hoạch phải có vòng tự chấm.")]
    unknown = [s for s in [*assessor_stages, *precedence, *weights] if s not in stages]
    if unknown:
        problems.setdefault("assessor_stages", []).append(
            _("Vòng chấm không hợp lệ: %(names)s.") % {"names": ", ".join(unknown)}
        )
    if peer_mode not in PeerMode.values:
        problems["peer_mode"] = [_("Cách phân công chấm chéo không hợp lệ.")]
    if peer_method not in PeerMethod.values:
        problems["peer_method"] = [_("Cách tổng hợp điểm chấm chéo không hợp lệ.")]
    if combine not in Combine.values:
        problems["combine"] = [_("Cách kết hợp các vòng chấm không hợp lệ.")]
    if combine == Combine.WEIGHTED and (
        not weights or any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0
    ):
        problems["weights"] = [_("Trọng số các vòng chấm phải không âm và có tổng dương.")]
    for rule in tie_breaks:
        if rule.get("rule") not in TieRule.values:
            problems.setdefault("tie_breaks", []).append(
                _("Quy tắc xếp hạng khi bằng điểm không hợp lệ.")
            )
    return problems


def task_group_set(*, actor: User, plan: Plan, number: int, title: str) -> KeyTaskGroup:
    access.require_manage(actor, plan)
    title = title.strip()
    if number < 1 or not title:
        raise DomainError(_("Nhóm nhiệm vụ cần số thứ tự từ 1 và tên."), field="title")
    with transaction.atomic():
        group, _created = KeyTaskGroup.objects.update_or_create(
            plan=plan, number=number, defaults={"title": title}
        )
        audit_record(
            actor=actor,
            action="plan.task_group",
            obj=plan,
            after={"number": number, "title": title},
        )
    return group


def deadline_set(
    *, actor: User, plan: Plan, stage: str, due: dt.datetime, reason: str = ""
) -> StageDeadline:
    """A stage's deadline. One already past would shut the stage the moment it is set, so it
    is refused unless a reason says it is meant (a late record of a real deadline)."""
    access.require_manage(actor, plan)
    if stage not in PlanStage.values or stage == PlanStage.DRAFT:
        raise DomainError(_("Giai đoạn không hợp lệ."), field="stage")
    reason = reason.strip()
    if due < timezone.now() and not reason:
        raise DomainError(
            _(
                "Hạn chót này đã qua: giai đoạn sẽ đóng ngay. Hãy chọn một thời điểm sắp tới, "
                "hoặc ghi lý do nếu cố ý ghi nhận một hạn đã qua."
            ),
            field="due",
        )
    order = list(PlanStage.values)
    clashes = [
        d
        for d in plan.deadlines.exclude(stage=stage)
        if (order.index(d.stage) < order.index(stage)) != (d.due < due)
    ]
    if clashes:
        raise DomainError(_("Hạn của các giai đoạn phải theo đúng thứ tự."), field="due")
    with transaction.atomic():
        deadline, _created = StageDeadline.objects.update_or_create(
            plan=plan, stage=stage, defaults={"due": due}
        )
        audit_record(
            actor=actor,
            action="plan.deadline",
            obj=plan,
            after={"stage": stage, "due": due, **({"reason": reason} if reason else {})},
        )
    return deadline


def require_stage_open(plan: Plan, stage: str) -> None:
    if not stage_is_open(plan, stage):
        raise DomainError(
            _("Giai đoạn “%(stage)s” đã đóng hoặc chưa mở.") % {"stage": PlanStage(stage).label}
        )


def plan_advance(*, actor: User | None, plan: Plan, reason: str = "") -> Plan:
    """Open the next stage. Opening registration freezes the scale, which must add up."""
    if actor is not None:
        access.require_manage(actor, plan)
    # The stage after the one the caller saw: a second click on the same page, or the deadline
    # job, finds the plan already moved under the lock and is refused, not moved twice.
    target = next_stage(plan.stage)
    if target is None or target == PlanStage.PUBLISHED:
        raise DomainError(_("Kết quả chỉ được công bố bằng thao tác công bố của cụm trưởng."))
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        transition_check(STAGE_MOVES, plan.stage, target, labels=dict(PlanStage.choices))
        if target == PlanStage.REGISTRATION:
            scale = plan.scales.select_for_update().order_by("-version").first()
            if scale is None:
                raise DomainError(_("Kế hoạch chưa có thang điểm."))
            scale_check(scale)
            scale.frozen_at = timezone.now()
            scale.save(update_fields=["frozen_at"])
        before = plan.stage
        plan.stage = target
        plan.save(update_fields=["stage"])
        transition_record(obj=plan, from_status=before, to_status=target, by=actor, reason=reason)
        audit_record(
            actor=actor,
            action="plan.advance",
            obj=plan,
            before={"stage": before},
            after={"stage": target},
        )
    return plan


def plans_close_due(*, now: dt.datetime | None = None) -> list[Plan]:
    """Move every plan whose current stage is past its deadline on, stage by stage.

    The explanation stage only closes: publication is the head's act, not the clock's.
    """
    moment = now or timezone.now()
    moved = []
    plan_ids = set(StageDeadline.objects.filter(due__lt=moment).values_list("plan_id", flat=True))
    for plan in Plan.objects.filter(pk__in=plan_ids).prefetch_related("deadlines"):
        due = {d.stage: d.due for d in plan.deadlines.all()}
        advanced = False
        while (
            plan.stage not in {PlanStage.EXPLANATION, PlanStage.PUBLISHED}
            and plan.stage in due
            and due[plan.stage] < moment
        ):
            try:
                plan = plan_advance(actor=None, plan=plan, reason=_("Hết hạn giai đoạn."))
            except DomainError:
                if Plan.objects.filter(pk=plan.pk, stage=plan.stage).exists():
                    raise  # refused for a reason of its own
                break  # moved meanwhile, by its head or another run: the next run looks again
            advanced = True
        if advanced:
            moved.append(plan)
    return moved
