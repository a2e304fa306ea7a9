"""The analytics page: self against peer gaps, each peer assessor's leniency and how far the
assessors agree, computed by the engine's analytics from the submitted sheets and put back on
the units they name."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.errors import PermissionDeniedError
from thidua.orgs.models import Unit
from thidua.plans.models import Plan
from thidua.plans.selectors.plan import current_scale
from thidua.scoring.access import may_view_analytics
from thidua.scoring.engine import analytics
from thidua.scoring.selectors.board import members
from thidua.scoring.selectors.inputs import plan_inputs


@dataclass
class UnitGap:
    unit: Unit
    self_total: Decimal
    peer_total: Decimal
    gap: Decimal


@dataclass
class CriterionGap:
    unit: Unit
    code: str
    title: str
    self_points: Decimal
    peer_points: Decimal
    gap: Decimal


@dataclass
class AssessorLeniency:
    assessor: Unit
    mean_difference: Decimal
    comparisons: int


@dataclass
class PairAgreement:
    first: Unit
    second: Unit
    mean_abs_difference: Decimal
    identical_percent: Decimal
    count: int


@dataclass
class AnalyticsView:
    unit_gaps: list[UnitGap]
    criterion_gaps: list[CriterionGap]
    leniency: list[AssessorLeniency]
    agreement: list[PairAgreement]


def analytics_for(*, user: User | AnonymousUser, plan: Plan) -> AnalyticsView:
    """Self against peer gaps, each peer assessor's leniency and the agreement of assessors,
    from the submitted sheets; for the head, the secretariat and the supervising department."""
    if not may_view_analytics(user, plan):
        raise PermissionDeniedError(
            _("Phân tích chỉ dành cho cụm trưởng, Thường trực và Vụ theo dõi.")
        )
    scale = current_scale(list(plan.scales.all()))
    if scale is None:
        return AnalyticsView([], [], [], [])
    inputs = plan_inputs(plan, scale=scale)
    titles = dict(scale.criteria.values_list("code", "title"))
    units = {str(u.pk): u for u in members(plan)}
    department = plan.term.supervising_department if plan.term else None
    if department is not None:
        units[str(department.pk)] = department
    unit_gaps = [
        UnitGap(units[g.unit], g.self_total, g.peer_total, g.inflation)
        for g in analytics.unit_self_inflation(inputs)
        if g.unit in units
    ]
    criterion_gaps = [
        CriterionGap(
            units[g.unit],
            g.criterion,
            titles.get(g.criterion, ""),
            g.self_points,
            g.peer_points,
            g.gap,
        )
        for g in analytics.self_peer_gaps(inputs)
        if g.unit in units and g.gap
    ]
    leniency = [
        AssessorLeniency(units[a.assessor], a.mean_difference, a.comparisons)
        for a in analytics.assessor_leniency(inputs)
        if a.assessor in units
    ]
    agreement = [
        PairAgreement(
            units[a.first],
            units[a.second],
            a.mean_abs_difference,
            a.identical_share * 100,
            a.count,
        )
        for a in analytics.assessor_agreement(inputs)
        if a.first in units and a.second in units
    ]
    return AnalyticsView(
        unit_gaps=sorted(unit_gaps, key=lambda g: -g.gap),
        criterion_gaps=sorted(criterion_gaps, key=lambda g: -abs(g.gap)),
        leniency=sorted(leniency, key=lambda a: -a.mean_difference),
        agreement=sorted(agreement, key=lambda a: a.mean_abs_difference),
    )
