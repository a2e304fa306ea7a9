"""Plans, their point scales and the members' registrations.

A plan and its scale are open to every signed-in official (``plan_get_for``); registrations are
the cluster's internal business: the head, the secretariat and the supervising department see
them all, a member only its own, and anyone without the cluster's internal view is refused.
"""

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.models import User
from thidua.api.schemas.errors import READ_REFUSALS, WRITE_REFUSALS
from thidua.api.schemas.plans import (
    BandOut,
    CapsOut,
    ConfigurationOut,
    CriterionOut,
    DeadlineOut,
    PlanDetailOut,
    PlanOut,
    RegistrationIn,
    RegistrationOut,
    ScaleTreeOut,
    ScaleVersionOut,
    TaskGroupOut,
    UnitRef,
    amount,
    amount_or_none,
)
from thidua.core.errors import NotFoundError, PermissionDeniedError, ValidationFailedError
from thidua.orgs.models import Unit
from thidua.orgs.selectors import unit_get_for
from thidua.plans import access
from thidua.plans.models import Criterion, Plan, Registration, RegistrationItem, Scale
from thidua.plans.selectors.plan import current_scale, plan_get_for, plan_list_for
from thidua.plans.services.registration import registration_save, registration_submit

router = Router(tags=["plans"])


def unit_ref(unit: Unit) -> UnitRef:
    return UnitRef(id=unit.pk, code=unit.code, name=unit.name)


def _plan_out(plan: Plan) -> PlanOut:
    return PlanOut(
        id=plan.pk,
        title=plan.title,
        year=plan.year,
        cluster_number=plan.term.cluster.number if plan.term else None,
        term_id=plan.term_id,
        stage=plan.stage,
    )


@router.get("/plans", response={200: list[PlanOut], **READ_REFUSALS})
def list_plans(request: HttpRequest, year: int | None = None) -> list[PlanOut]:
    return [_plan_out(p) for p in plan_list_for(user=request.user, year=year)]


def _configuration(plan: Plan) -> ConfigurationOut:
    return ConfigurationOut(
        assessor_stages=list(plan.assessor_stages),
        peer_mode=plan.peer_mode,
        peer_method=plan.peer_method,
        combine=plan.combine,
        precedence=list(plan.precedence),
        weights={k: amount(Decimal(str(v))) for k, v in plan.weights.items()},
        tie_breaks=[{str(k): str(v) for k, v in t.items()} for t in plan.tie_breaks],
        dispute_threshold=amount(plan.dispute_threshold),
    )


@router.get("/plans/{int:plan_id}", response={200: PlanDetailOut, **READ_REFUSALS})
def plan_detail(request: HttpRequest, plan_id: int) -> PlanDetailOut:
    plan = plan_get_for(user=request.user, pk=plan_id)
    summary = _plan_out(plan)
    return PlanDetailOut(
        **summary.model_dump(),
        sector=plan.sector,
        basis=[line.strip() for line in plan.basis.splitlines() if line.strip()],
        configuration=_configuration(plan),
        task_groups=[TaskGroupOut(number=g.number, title=g.title) for g in plan.task_groups.all()],
        deadlines=[DeadlineOut(stage=d.stage, due=d.due) for d in plan.deadlines.all()],
        scales=[
            ScaleVersionOut(
                version=s.version,
                frozen_at=s.frozen_at,
                maximum=amount(s.maximum),
                bonus_cap=amount(s.bonus_cap),
                penalty_cap=amount(s.penalty_cap),
                reason=s.reason,
            )
            for s in sorted(plan.scales.all(), key=lambda s: s.version)
        ],
    )


def _scale_of(plan: Plan, version: int | None) -> Scale:
    scales = list(plan.scales.all())
    scale = (
        current_scale(scales)
        if version is None
        else next((s for s in scales if s.version == version), None)
    )
    if scale is None:
        raise NotFoundError(_("Không tìm thấy phiên bản thang điểm."))
    return scale


def _tree(nodes: list[Criterion]) -> list[CriterionOut]:
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)

    def out(node: Criterion) -> CriterionOut:
        return CriterionOut(
            code=node.code,
            title=node.title,
            kind=node.kind,
            section=node.section,
            maximum=amount(node.maximum),
            step=amount_or_none(node.step),
            lower_is_better=node.lower_is_better,
            bands=[
                BandOut(min_ratio=str(Decimal(str(r))), share=str(Decimal(str(s))))
                for r, s in node.bands or []
            ],
            per_event=amount(node.per_event),
            evidence_required=node.evidence_required,
            evidence_hint=node.evidence_hint,
            task_group=node.task_group.number if node.task_group else None,
            indicator_code=node.indicator.code if node.indicator else "",
            children=[out(c) for c in children.get(node.pk, [])],
        )

    return [out(n) for n in children[None]]


@router.get("/plans/{int:plan_id}/scale", response={200: ScaleTreeOut, **READ_REFUSALS})
def plan_scale(request: HttpRequest, plan_id: int, version: int | None = None) -> ScaleTreeOut:
    """The criteria tree of a scale version; without ``version``, the version in force."""
    plan = plan_get_for(user=request.user, pk=plan_id)
    scale = _scale_of(plan, version)
    nodes = list(
        scale.criteria.select_related("task_group", "indicator").order_by("position", "id")
    )
    return ScaleTreeOut(
        version=scale.version,
        frozen_at=scale.frozen_at,
        maximum=amount(scale.maximum),
        caps=CapsOut(bonus=amount(scale.bonus_cap), penalty=amount(scale.penalty_cap)),
        criteria=_tree(nodes),
    )


def _sees_all_registrations(user: User | AnonymousUser, plan: Plan) -> bool:
    return access.may_manage(user, plan) or access.may_supervise(user, plan)


def registrations_visible_for(*, user: User | AnonymousUser, plan: Plan) -> list[Registration]:
    """All of them for the head, the secretariat and the department; a member's own otherwise.
    Refused outright to anyone outside the cluster's internal view."""
    if not access.may_view_internal(user, plan):
        raise PermissionDeniedError(_("Bạn không có quyền xem đăng ký thi đua của cụm."))
    rows = (
        Registration.objects.filter(plan=plan)
        .select_related("unit")
        .prefetch_related(
            Prefetch("items", queryset=RegistrationItem.objects.select_related("criterion"))
        )
    )
    if _sees_all_registrations(user, plan):
        return list(rows)
    return [r for r in rows if access.may_prepare_for(user, plan, r.unit)]


def _registration_out(registration: Registration) -> RegistrationOut:
    items = list(registration.items.all())
    return RegistrationOut(
        id=registration.pk,
        unit=unit_ref(registration.unit),
        status=registration.status,
        titles=list(registration.titles),
        note=registration.note,
        targets={i.criterion.code: amount_or_none(i.target) for i in items if not i.not_applicable},
        not_applicable=[i.criterion.code for i in items if i.not_applicable],
        submitted_at=registration.submitted_at,
        return_reason=registration.return_reason,
    )


def _registration_get(user: User | AnonymousUser, plan: Plan, unit_id: int) -> Registration:
    found = [r for r in registrations_visible_for(user=user, plan=plan) if r.unit_id == unit_id]
    if not found:
        raise NotFoundError(_("Không tìm thấy bản đăng ký."))
    return found[0]


@router.get(
    "/plans/{int:plan_id}/registrations", response={200: list[RegistrationOut], **READ_REFUSALS}
)
def list_registrations(request: HttpRequest, plan_id: int) -> list[RegistrationOut]:
    plan = plan_get_for(user=request.user, pk=plan_id)
    return [_registration_out(r) for r in registrations_visible_for(user=request.user, plan=plan)]


@router.put(
    "/plans/{int:plan_id}/registrations/{int:unit_id}",
    response={200: RegistrationOut, **WRITE_REFUSALS},
)
def save_registration(
    request: AuthenticatedHttpRequest, plan_id: int, unit_id: int, payload: RegistrationIn
) -> RegistrationOut:
    """Save the member's draft: titles aimed for, targets by criterion code, a note."""
    plan = plan_get_for(user=request.user, pk=plan_id)
    unit = unit_get_for(user=request.user, pk=unit_id)
    # Refuse an outsider before telling it anything about the codes it sent.
    access.require_prepare_for(request.user, plan, unit)
    scale = current_scale(list(plan.scales.all()))
    ids = {c.code: c.pk for c in scale.criteria.all()} if scale else {}
    unknown = {
        f"targets.{code}": [_("Tiêu chí “%(code)s” không có trong thang điểm.") % {"code": code}]
        for code in payload.targets
        if code not in ids
    }
    if unknown:
        raise ValidationFailedError(_("Đăng ký chưa hợp lệ."), unknown)
    registration_save(
        actor=request.user,
        plan=plan,
        unit=unit,
        titles=payload.titles,
        targets={ids[code]: target for code, target in payload.targets.items()},
        note=payload.note,
    )
    return _registration_out(_registration_get(request.user, plan, unit.pk))


@router.post(
    "/plans/{int:plan_id}/registrations/{int:unit_id}/submit",
    response={200: RegistrationOut, **WRITE_REFUSALS},
)
def submit_registration(
    request: AuthenticatedHttpRequest, plan_id: int, unit_id: int
) -> RegistrationOut:
    """The member's leader submits the registration to the cluster's head."""
    plan = plan_get_for(user=request.user, pk=plan_id)
    registration = _registration_get(request.user, plan, unit_id)
    registration_submit(actor=request.user, registration=registration)
    return _registration_out(_registration_get(request.user, plan, unit_id))
