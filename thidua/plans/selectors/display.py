"""How a plan reads on its page: the stages as a progress list, the scale as a tree with its
running sums and problems, the scoring configuration in words. Plain reads of loaded objects."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _

from thidua.core.numbers import number_text
from thidua.plans.models import (
    AssessorStage,
    Combine,
    Criterion,
    CriterionKind,
    PeerMethod,
    PeerMode,
    Plan,
    PlanStage,
    Scale,
    Section,
    TieRule,
)
from thidua.plans.scale_rules import scale_problems
from thidua.plans.selectors.plan import stage_is_open


@dataclass
class StageStep:
    stage: PlanStage
    due: Any
    done: bool
    current: bool
    # Whether the current stage still takes writes: the same judgement as the stage's own page
    # (``stage_is_open``), so the two never disagree once its deadline has passed.
    open: bool


def stage_steps(plan: Plan) -> list[StageStep]:
    order = list(PlanStage)
    here = order.index(PlanStage(plan.stage))
    dues = {d.stage: d.due for d in plan.deadlines.all()}
    return [
        StageStep(
            stage=s,
            due=dues.get(s),
            done=i < here,
            current=i == here,
            open=i == here and stage_is_open(plan, s),
        )
        for i, s in enumerate(order)
    ]


@dataclass
class TreeRow:
    node: Criterion
    depth: int
    children_total: Decimal | None
    problems: list[str]

    @property
    def band_lines(self) -> list[tuple[str, str]]:
        """Each band as (share of the target in percent, share of the maximum)."""
        return [
            (number_text(Decimal(str(r)) * 100), number_text(Decimal(str(s))))
            for r, s in self.node.bands or []
        ]


@dataclass
class TreeSection:
    section: Section
    rows: list[TreeRow]
    total: Decimal
    limit: Decimal


@dataclass
class ScaleTree:
    scale: Scale
    sections: list[TreeSection]
    problems: list[str]
    groups: list[Criterion]
    leaves: list[Criterion]

    @property
    def has_problems(self) -> bool:
        return bool(self.problems) or any(r.problems for s in self.sections for r in s.rows)


def scale_tree(scale: Scale) -> ScaleTree:
    """The criteria in tree order, each with its children's running sum and its problems."""
    nodes = list(
        scale.criteria.select_related("task_group", "indicator").order_by("position", "id")
    )
    problems = scale_problems(scale, nodes)
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    limits = {
        Section.BASE: scale.maximum,
        Section.BONUS: scale.bonus_cap,
        Section.PENALTY: scale.penalty_cap,
    }
    sections = []
    for section in Section:
        rows: list[TreeRow] = []
        stack = [(n, 0) for n in reversed(children[None]) if n.section == section]
        while stack:
            node, depth = stack.pop()
            kids = children.get(node.pk, [])
            total = sum((k.maximum for k in kids), Decimal(0)) if not node.is_leaf else None
            rows.append(TreeRow(node, depth, total, problems.get(node.code, [])))
            stack.extend((k, depth + 1) for k in reversed(kids))
        leaves_total = sum((r.node.maximum for r in rows if r.node.is_leaf), Decimal(0))
        sections.append(TreeSection(section, rows, leaves_total, limits[section]))
    return ScaleTree(
        scale=scale,
        sections=sections,
        problems=problems.get("", []),
        groups=[n for n in nodes if n.kind == CriterionKind.GROUP],
        leaves=[n for n in nodes if n.is_leaf],
    )


@dataclass
class ConfigSummary:
    """The plan's configuration in words, as the cluster's regulation would state it."""

    assessors: list[str]
    peer_mode: str
    peer_method: str
    combine: str
    precedence: list[str]
    weights: list[tuple[str, Decimal]]
    tie_rules: list[str]
    dispute_threshold: Decimal
    uses_peers: bool
    weighted: bool


def _label(choices: type[TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def config_summary(plan: Plan) -> ConfigSummary:
    weights = plan.weights or {}
    tie_rules = []
    for rule in plan.tie_breaks or []:
        name, group = rule.get("rule", ""), rule.get("group", "")
        if name == TieRule.GROUP_HIGHER and group:
            tie_rules.append(_("Điểm nhóm tiêu chí %(code)s cao hơn") % {"code": group})
        else:
            tie_rules.append(_label(TieRule, name))
    return ConfigSummary(
        assessors=[_label(AssessorStage, s) for s in plan.assessor_stages],
        peer_mode=_label(PeerMode, plan.peer_mode),
        peer_method=_label(PeerMethod, plan.peer_method),
        combine=_label(Combine, plan.combine),
        precedence=[_label(AssessorStage, s) for s in plan.precedence],
        # In the order of the stages, whatever order the database keeps the keys in.
        weights=[
            (str(s.label), Decimal(str(weights[s.value])))
            for s in AssessorStage
            if s.value in weights
        ],
        tie_rules=tie_rules,
        dispute_threshold=plan.dispute_threshold,
        uses_peers=AssessorStage.PEER in plan.assessor_stages,
        weighted=plan.combine == Combine.WEIGHTED,
    )
