"""Plans and point scales, built through the services as a cluster head would build them.

``small_plan`` puts 100 base points of every criterion kind on a term (usually cluster 4 in
2018, where Bình Dương is head and Long An a deputy); ``advance_to`` moves a plan on.
"""

from collections.abc import Mapping
from decimal import Decimal

from tests.builders.clusters import head_of
from tests.builders.people import staff_of
from thidua.indicators.models import Indicator
from thidua.orgs.models import ClusterTerm
from thidua.plans.models import CriterionKind, Plan, PlanStage, Section
from thidua.plans.selectors.plan import never_registered
from thidua.plans.services.peers import peer_target_include
from thidua.plans.services.plan import plan_advance, plan_configure, plan_create, task_group_set
from thidua.plans.services.scale import criterion_add

D = Decimal


def _linked(links: Mapping[str, str], code: str) -> Indicator | None:
    """The catalogue's indicator that ``links`` names for criterion ``code``, if any."""
    return Indicator.objects.get(code=links[code]) if code in links else None


def small_plan(
    term: ClusterTerm,
    *,
    stages: tuple[str, ...] = ("self", "peer"),
    links: Mapping[str, str] | None = None,
) -> Plan:
    """100 base points in two groups, every criterion kind, a bonus and a penalty item;
    frozen and open for registration. ``links`` names the indicator a criterion reads from
    the year-end reports (criterion code -> indicator code); without it every value is typed
    on the sheets."""
    links = links or {}
    head = staff_of(head_of(term))
    plan = plan_create(
        actor=head,
        term=term,
        title=f"Kế hoạch thi đua cụm {term.cluster.number} năm {term.year}",
        basis="Kết luận số 03-KL/BTCTW ngày 16-3-2017",
        bonus_cap=D(5),
        penalty_cap=D(5),
    )
    scale = plan.scales.get()
    tasks = task_group_set(actor=head, plan=plan, number=1, title="Công tác tổ chức, cán bộ")
    task_group_set(actor=head, plan=plan, number=2, title="Công tác đảng viên")
    g1 = criterion_add(
        actor=head,
        scale=scale,
        code="1",
        title="Nhiệm vụ trọng tâm",
        kind=CriterionKind.GROUP,
        maximum=D(60),
        task_group=tasks,
    )
    criterion_add(
        actor=head,
        scale=scale,
        parent=g1,
        code="1.1",
        title="Tham mưu đề án",
        kind=CriterionKind.MANUAL,
        maximum=D(30),
        step=D("0.25"),
        evidence_required=True,
    )
    criterion_add(
        actor=head,
        scale=scale,
        parent=g1,
        code="1.2",
        title="Kết nạp đảng viên mới",
        kind=CriterionKind.TARGET,
        maximum=D(30),
        indicator=_linked(links, "1.2"),
    )
    g2 = criterion_add(
        actor=head,
        scale=scale,
        code="2",
        title="Nhiệm vụ thường xuyên",
        kind=CriterionKind.GROUP,
        maximum=D(40),
    )
    criterion_add(
        actor=head,
        scale=scale,
        parent=g2,
        code="2.1",
        title="Báo cáo đúng hạn",
        kind=CriterionKind.PASS_FAIL,
        maximum=D(10),
    )
    criterion_add(
        actor=head,
        scale=scale,
        parent=g2,
        code="2.2",
        title="Văn bản bị trả lại",
        kind=CriterionKind.OCCURRENCE,
        maximum=D(10),
        per_event=D(-2),
        indicator=_linked(links, "2.2"),
    )
    criterion_add(
        actor=head,
        scale=scale,
        parent=g2,
        code="2.3",
        title="Cán bộ được đào tạo",
        kind=CriterionKind.RELATIVE_BEST,
        maximum=D(20),
        indicator=_linked(links, "2.3"),
    )
    criterion_add(
        actor=head,
        scale=scale,
        code="T.1",
        title="Mô hình mới, cách làm hay",
        kind=CriterionKind.MANUAL,
        section=Section.BONUS,
        maximum=D(5),
    )
    criterion_add(
        actor=head,
        scale=scale,
        code="K.1",
        title="Lãnh đạo Ban bị kỷ luật",
        kind=CriterionKind.OCCURRENCE,
        section=Section.PENALTY,
        maximum=D(5),
        per_event=D(5),
    )
    plan_configure(actor=head, plan=plan, assessor_stages=list(stages))
    return plan_advance(actor=head, plan=plan)


def advance_to(plan: Plan, stage: PlanStage) -> Plan:
    head = staff_of(head_of(plan.term)) if plan.term else None
    order = list(PlanStage)
    while order.index(PlanStage(plan.stage)) < order.index(stage):
        plan = plan_advance(actor=head, plan=plan)
    return plan


def peers_score_everyone(plan: Plan) -> Plan:
    """The head includes every member that never registered among the peer targets (the tests
    of peer sheets that skip registration)."""
    head = staff_of(head_of(plan.term))
    for membership in never_registered(plan):
        peer_target_include(
            actor=head, plan=plan, unit=membership.unit, reason="Vẫn chấm chéo để thử."
        )
    return Plan.objects.get(pk=plan.pk)
