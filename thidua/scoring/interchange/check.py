"""What a document's plan and scales must mean beyond their form: task groups and deadlines once
each, the configuration's rules (shared with the plan builder), scale versions and criterion codes
unique, parents that exist without loops, each criterion's own rules, and issued versions that
add up.

The result is a set of unsaved model objects for ``write``; the rows of a year (registrations,
assessments, results) are checked in ``rows``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from thidua.indicators.models import Indicator
from thidua.indicators.selectors.catalogue import indicator_unknown, indicators_by_code
from thidua.orgs.models import ClusterTerm
from thidua.plans.models import (
    Criterion,
    KeyTaskGroup,
    Plan,
    PlanStage,
    Scale,
    StageDeadline,
    TieRule,
)
from thidua.plans.scale_rules import scale_problems
from thidua.plans.services.plan import DEFAULT_PRECEDENCE, config_problems
from thidua.plans.services.scale import criterion_problems
from thidua.scoring.interchange import document as doc
from thidua.scoring.interchange.load import Listed, Read, Tree
from thidua.scoring.interchange.problems import Problems

MODES = ("scale", "full")
ZERO = Decimal(0)  # stands in for an amount that did not read: such a document is never saved


@dataclass
class ScaleIn:
    """One checked scale version; the criteria carry placeholder keys, never saved as they are."""

    scale: Scale
    path: str
    unread: set[str]
    nodes: list[Criterion] = field(default_factory=list)
    parents: dict[str, str | None] = field(default_factory=dict)
    groups: dict[str, int | None] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    by_code: dict[str, Criterion] = field(default_factory=dict)
    clean: bool = True


@dataclass
class PlanIn:
    plan: Plan
    task_groups: list[KeyTaskGroup]
    deadlines: list[StageDeadline]
    # (path, assessor code, assessed code): resolved with the rows of a full import.
    peer_codes: list[tuple[str, str, str]]
    scales: list[ScaleIn]

    def scale_of(self, version: int) -> ScaleIn | None:
        return next((s for s in self.scales if s.scale.version == version), None)

    @property
    def latest(self) -> ScaleIn | None:
        return max(self.scales, key=lambda s: s.scale.version) if self.scales else None


def plan_check(problems: Problems, read: Read, *, term: ClusterTerm, mode: str) -> PlanIn:
    head = read.plan
    if head is not None and mode == "full":
        if head.year != term.year:
            problems.add(
                "plan.year",
                _("Tài liệu là kế hoạch năm %(doc)s, nhiệm kỳ nhận là năm %(term)s.")
                % {"doc": head.year, "term": term.year},
            )
        if head.sector != term.cluster.sector:
            problems.add("plan.sector", _("Tài liệu thuộc khối khác với cụm thi đua nhận."))
    plan = Plan(
        term=term,
        title=head.title.strip() if head else "",
        basis=head.basis.strip() if head else "",
        year=term.year,
        sector=term.cluster.sector,
        stage=head.stage.value if head and mode == "full" else PlanStage.DRAFT,
    )
    peer_codes = _configuration_check(problems, read.configuration, plan)
    groups = _task_groups_check(problems, read.task_groups)
    deadlines = _deadlines_check(problems, read.deadlines)
    scales: list[ScaleIn] = []
    versions: set[int] = set()
    # Every indicator the scales name, in one query: a criterion never asks for its own.
    catalogue = indicators_by_code(
        {c.indicator_code.strip() for tree in read.scales for _path, c in tree.children} - {""}
    )
    for tree in read.scales:
        scale_in = _scale_check(problems, tree, {g.number for g in groups}, catalogue)
        if tree.head is not None:
            if tree.head.version in versions:
                problems.add(
                    f"{tree.path}.version",
                    _("Phiên bản %(v)s bị trùng.") % {"v": tree.head.version},
                )
            versions.add(tree.head.version)
        scales.append(scale_in)
    plan_in = PlanIn(plan, groups, deadlines, peer_codes, scales)
    _sums_check(problems, plan_in, mode=mode)
    _tie_groups_check(problems, plan_in)
    return plan_in


def _configuration_check(
    problems: Problems, config: doc.Configuration | None, plan: Plan
) -> list[tuple[str, str, str]]:
    if config is None:
        return []
    plan.assessor_stages = list(dict.fromkeys(s.value for s in config.assessor_stages))
    plan.peer_mode = config.peer_mode.value
    plan.peer_method = config.peer_method.value
    plan.combine = config.combine.value
    plan.precedence = [s.value for s in config.precedence] or list(DEFAULT_PRECEDENCE)
    plan.weights = {k.value: str(v) for k, v in config.weights.items()}
    plan.tie_breaks = [{"rule": t.rule.value, "group": t.group} for t in config.tie_breaks]
    plan.dispute_threshold = config.dispute_threshold
    # The rules shared with the plan builder: a self stage, weights that add up, and so on.
    rules = config_problems(
        [s.value for s in config.assessor_stages],
        plan.peer_mode,
        plan.peer_method,
        plan.combine,
        plan.precedence,
        dict(config.weights.items()),
        plan.tie_breaks,
    )
    for key, messages in rules.items():
        for message in messages:
            problems.add(f"plan.configuration.{key}", message)
    return [
        (f"plan.configuration.peer_assignments[{i}]", pair.assessor, pair.assessed)
        for i, pair in enumerate(config.peer_assignments)
    ]


def _task_groups_check(problems: Problems, read: Listed[doc.TaskGroup]) -> list[KeyTaskGroup]:
    groups: list[KeyTaskGroup] = []
    for path, group in read:
        if any(x.number == group.number for x in groups):
            problems.add(
                f"{path}.number", _("Nhóm nhiệm vụ số %(n)s bị trùng.") % {"n": group.number}
            )
            continue
        groups.append(KeyTaskGroup(number=group.number, title=group.title.strip()))
    return groups


def _deadlines_check(problems: Problems, read: Listed[doc.Deadline]) -> list[StageDeadline]:
    deadlines: list[StageDeadline] = []
    order = list(PlanStage.values)
    for path, deadline in read:
        stage, due = deadline.stage.value, deadline.due
        if any(x.stage == stage for x in deadlines):
            problems.add(f"{path}.stage", _("Giai đoạn này đã có hạn."))
            continue
        if any((order.index(x.stage) < order.index(stage)) != (x.due < due) for x in deadlines):
            problems.add(f"{path}.due", _("Hạn của các giai đoạn phải theo đúng thứ tự."))
        deadlines.append(StageDeadline(stage=stage, due=due))
    return deadlines


def _scale_check(
    problems: Problems,
    tree: Tree[doc.ScaleHead, doc.Criterion],
    group_numbers: set[int],
    catalogue: Mapping[str, Indicator],
) -> ScaleIn:
    before = problems.count()
    head = tree.head
    scale = Scale(
        version=head.version if head else 0,
        maximum=head.maximum if head else ZERO,
        bonus_cap=head.bonus_cap if head else ZERO,
        penalty_cap=head.penalty_cap if head else ZERO,
        reason=head.reason if head else "",
        frozen_at=head.frozen_at if head else None,
    )
    scale_in = ScaleIn(scale=scale, path=tree.path, unread=tree.unread)
    clean_nodes: list[Criterion] = []
    for path, read in tree.children:
        node = _criterion(problems, path, read, catalogue)
        if node.code in scale_in.parents:
            problems.add(
                f"{path}.code",
                _("Mã tiêu chí “%(code)s” bị trùng trong phiên bản này.") % {"code": node.code},
            )
            continue
        if read.task_group is not None and read.task_group not in group_numbers:
            problems.add(
                f"{path}.task_group",
                _("Không có nhóm nhiệm vụ số %(n)s trong kế hoạch.") % {"n": read.task_group},
            )
        else:
            clean_nodes.append(node)
        node.pk = len(scale_in.nodes) + 1  # a placeholder key for the tree checks only
        scale_in.nodes.append(node)
        scale_in.by_code[node.code] = node
        scale_in.parents[node.code] = read.parent or None
        scale_in.groups[node.code] = read.task_group
        scale_in.paths[node.code] = path
    _tree_link(problems, scale_in)
    for node in clean_nodes:
        for key, messages in criterion_problems(node).items():
            for message in messages:
                problems.add(f"{scale_in.paths[node.code]}.{key}", message)
    scale_in.clean = tree.whole and problems.count() == before
    return scale_in


def _criterion(
    problems: Problems, path: str, read: doc.Criterion, catalogue: Mapping[str, Indicator]
) -> Criterion:
    return Criterion(
        code=read.code.strip(),
        title=read.title.strip(),
        kind=read.kind.value,
        section=read.section.value,
        maximum=read.maximum,
        step=read.step,
        lower_is_better=read.lower_is_better,
        bands=[[str(ratio), str(share)] for ratio, share in read.bands],
        per_event=read.per_event,
        evidence_required=read.evidence_required,
        evidence_hint=read.evidence_hint,
        indicator=_indicator(problems, path, read.indicator_code.strip(), catalogue),
    )


def _indicator(
    problems: Problems, path: str, code: str, catalogue: Mapping[str, Indicator]
) -> Indicator | None:
    """The catalogue's indicator the document names by its code."""
    if not code:
        return None
    indicator = catalogue.get(code)
    if indicator is None:
        problems.add(f"{path}.indicator_code", indicator_unknown(code).message)
    return indicator


def _tree_link(problems: Problems, scale_in: ScaleIn) -> None:
    """Attach each node to its parent by code; unknown parents and loops are refused."""
    by_code = scale_in.by_code
    for node in scale_in.nodes:
        code = scale_in.parents[node.code]
        if code is None:
            continue
        parent = by_code.get(code)
        if parent is None:
            if code not in scale_in.unread:  # a parent that did not read is reported already
                problems.add(
                    f"{scale_in.paths[node.code]}.parent",
                    _("Không có tiêu chí cha mã “%(code)s” trong phiên bản này.") % {"code": code},
                )
            scale_in.parents[node.code] = None
            continue
        node.parent = parent
    for node in scale_in.nodes:
        seen, current = {node.code}, scale_in.parents[node.code]
        while current is not None and current not in seen:
            seen.add(current)
            current = scale_in.parents.get(current)
        if current is not None:
            problems.add(
                f"{scale_in.paths[node.code]}.parent",
                _("Cây tiêu chí bị vòng lặp tại tiêu chí “%(code)s”.") % {"code": node.code},
            )


def _sums_check(problems: Problems, plan_in: PlanIn, *, mode: str) -> None:
    """Issued versions must add up, and so must the version that scale mode reuses.

    A draft version may still be under construction; a version whose nodes already have
    problems is skipped, since sums over a broken tree would only mislead.
    """
    latest = plan_in.latest
    for scale_in in plan_in.scales:
        wanted = scale_in.scale.frozen_at is not None or (mode == "scale" and scale_in is latest)
        if not wanted or not scale_in.clean:
            continue
        for code, messages in scale_problems(scale_in.scale, scale_in.nodes).items():
            path = scale_in.paths[code] if code else f"{scale_in.path}.maximum"
            for message in messages:
                problems.add(path, message)


def _tie_groups_check(problems: Problems, plan_in: PlanIn) -> None:
    latest = plan_in.latest
    codes = latest.by_code if latest else {}
    for i, rule in enumerate(plan_in.plan.tie_breaks):
        if rule["rule"] == TieRule.GROUP_HIGHER and rule["group"] not in codes:
            problems.add(
                f"plan.configuration.tie_breaks[{i}].group",
                _("Quy tắc “điểm nhóm cao hơn” phải chỉ một mã tiêu chí của thang điểm."),
            )
