"""Checking an interchange document before anything is written: the header, the plan and its
configuration, and every scale version with its criteria tree.

The result is a set of unsaved model objects for ``interchange_import`` to write; the rows of
a year (registrations, assessments, results) are checked in ``interchange_check_rows``.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.errors import NotFoundError, ValidationFailedError
from thidua.indicators.models import Indicator
from thidua.indicators.selectors.catalogue import indicator_by_code
from thidua.orgs.models import ClusterTerm, Sector
from thidua.plans.models import (
    AssessorStage,
    Combine,
    Criterion,
    CriterionKind,
    KeyTaskGroup,
    PeerMethod,
    PeerMode,
    Plan,
    PlanStage,
    Scale,
    Section,
    StageDeadline,
    TieRule,
)
from thidua.plans.scale_rules import scale_problems
from thidua.plans.services.plan import DEFAULT_PRECEDENCE, config_problems
from thidua.plans.services.scale import criterion_problems
from thidua.scoring.interchange_export import FORMAT_NAME, FORMAT_VERSION
from thidua.scoring.interchange_fields import ZERO, Fields, Problems, choice_check, decimal_parse

MODES = ("scale", "full")


@dataclass
class ScaleIn:
    """One checked scale version; the criteria carry placeholder keys, never saved as they are."""

    scale: Scale
    path: str
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


def refuse(problems: Problems) -> None:
    if problems:
        raise ValidationFailedError(_("Tài liệu kế hoạch không hợp lệ."), problems.found)


def header_check(problems: Problems, document: Any) -> Fields:
    """The format and version; nothing else is read from a document of another kind."""
    top = Fields(problems, document, "")
    if top.ok:
        name = top.raw("format")
        if name != FORMAT_NAME:
            top.add(
                "format",
                _("Không phải tài liệu kế hoạch thi đua (format phải là “%(f)s”).")
                % {"f": FORMAT_NAME},
            )
        version = top.raw("version")
        if version != FORMAT_VERSION:
            top.add(
                "version",
                _("Phiên bản tài liệu “%(v)s” chưa được hỗ trợ (hỗ trợ: %(ok)s).")
                % {"v": version, "ok": FORMAT_VERSION},
            )
    refuse(problems)
    top.known("exported_at", "source")
    return top


def plan_check(problems: Problems, top: Fields, *, term: ClusterTerm, mode: str) -> PlanIn:
    f = top.nested("plan") or Fields(problems, {}, "plan")
    title = f.text("title", max_length=400, blank=False)
    basis = f.text("basis", required=False)
    year = f.integer("year", minimum=1)
    sector = f.choice("sector", Sector.values)
    stage = f.choice("stage", PlanStage.values)
    f.known("cluster", "term_year")  # where the plan came from; the target is ``term``
    if mode == "full" and year is not None and year != term.year:
        f.add(
            "year",
            _("Tài liệu là kế hoạch năm %(doc)s, nhiệm kỳ nhận là năm %(term)s.")
            % {"doc": year, "term": term.year},
        )
    if mode == "full" and sector and sector != term.cluster.sector:
        f.add("sector", _("Tài liệu thuộc khối khác với cụm thi đua nhận."))
    plan = Plan(
        term=term,
        title=title.strip(),
        basis=basis.strip(),
        year=term.year,
        sector=term.cluster.sector,
        stage=stage if mode == "full" else PlanStage.DRAFT,
    )
    peer_codes = _configuration_check(problems, f, plan)
    groups = _task_groups_check(f)
    deadlines = _deadlines_check(f)
    scales: list[ScaleIn] = []
    versions: set[int] = set()
    for path, data in top.elements("scales", required=True):
        scale_in = _scale_check(problems, path, data, {g.number for g in groups})
        if scale_in.scale.version in versions:
            problems.add(
                f"{path}.version",
                _("Phiên bản %(v)s bị trùng.") % {"v": scale_in.scale.version},
            )
        versions.add(scale_in.scale.version)
        scales.append(scale_in)
    plan_in = PlanIn(plan, groups, deadlines, peer_codes, scales)
    _sums_check(problems, plan_in, mode=mode)
    _tie_groups_check(problems, plan_in)
    f.close()
    return plan_in


def _stage_list(f: Fields, key: str, *, required: bool) -> list[str]:
    found = []
    for path, value in f.elements(key, required=required):
        stage = choice_check(f.problems, path, value, AssessorStage.values)
        if stage:
            found.append(stage)
    return found


def _configuration_check(
    problems: Problems, plan_f: Fields, plan: Plan
) -> list[tuple[str, str, str]]:
    f = plan_f.nested("configuration") or Fields(problems, {}, plan_f.at("configuration"))
    before = problems.count()
    stages = _stage_list(f, "assessor_stages", required=True)
    plan.peer_mode = f.choice("peer_mode", PeerMode.values)
    plan.peer_method = f.choice("peer_method", PeerMethod.values)
    plan.combine = f.choice("combine", Combine.values)
    precedence = _stage_list(f, "precedence", required=False) or list(DEFAULT_PRECEDENCE)
    weights = _weights_read(f)
    tie_breaks = _tie_breaks_read(f)
    threshold = f.number("dispute_threshold", required=False, default=Decimal(1))
    if threshold is not None and threshold < 0:
        f.add("dispute_threshold", _("Ngưỡng chênh lệch không được âm."))
    peer_codes = []
    for path, data in f.elements("peer_assignments"):
        pair = Fields(problems, data, path)
        peer_codes.append(
            (path, pair.text("assessor", blank=False), pair.text("assessed", blank=False))
        )
        pair.close()
    f.close()
    if problems.count() == before:
        # The rules shared with the plan builder: a self stage, weights that add up, and so on.
        rules = config_problems(
            stages, plan.peer_mode, plan.peer_method, plan.combine, precedence, weights, tie_breaks
        )
        for key, messages in rules.items():
            for message in messages:
                f.add(key, message)
    plan.assessor_stages = list(dict.fromkeys(stages))
    plan.precedence = precedence
    plan.weights = {k: str(v) for k, v in weights.items()}
    plan.tie_breaks = tie_breaks
    plan.dispute_threshold = threshold if threshold is not None else Decimal(1)
    return peer_codes


def _weights_read(f: Fields) -> dict[str, Decimal]:
    weights: dict[str, Decimal] = {}
    raw = f.raw("weights", required=False)
    if f.has("weights") and not isinstance(raw, dict):
        f.add("weights", _("Phải là một đối tượng JSON."))
    for stage, weight in raw.items() if isinstance(raw, dict) else ():
        path = f"{f.at('weights')}.{stage}"
        number = decimal_parse(f.problems, path, weight, places=None)
        if choice_check(f.problems, path, stage, AssessorStage.values) and number is not None:
            weights[stage] = number
    return weights


def _tie_breaks_read(f: Fields) -> list[dict[str, str]]:
    rules = []
    for path, data in f.elements("tie_breaks"):
        rule = Fields(f.problems, data, path)
        rules.append(
            {
                "rule": rule.choice("rule", TieRule.values),
                "group": rule.text("group", required=False, max_length=20),
            }
        )
        rule.close()
    return rules


def _task_groups_check(f: Fields) -> list[KeyTaskGroup]:
    groups: list[KeyTaskGroup] = []
    for path, data in f.elements("task_groups"):
        g = Fields(f.problems, data, path)
        number = g.integer("number", minimum=1)
        title = g.text("title", max_length=400, blank=False)
        g.close()
        if number is None:
            continue
        if any(x.number == number for x in groups):
            g.add("number", _("Nhóm nhiệm vụ số %(n)s bị trùng.") % {"n": number})
            continue
        groups.append(KeyTaskGroup(number=number, title=title.strip()))
    return groups


def _deadlines_check(f: Fields) -> list[StageDeadline]:
    deadlines: list[StageDeadline] = []
    order = list(PlanStage.values)
    for path, data in f.elements("deadlines"):
        d = Fields(f.problems, data, path)
        stage = d.choice("stage", [s for s in order if s != PlanStage.DRAFT])
        due = d.moment("due", required=True)
        d.close()
        if not stage or due is None:
            continue
        if any(x.stage == stage for x in deadlines):
            d.add("stage", _("Giai đoạn này đã có hạn."))
            continue
        if any((order.index(x.stage) < order.index(stage)) != (x.due < due) for x in deadlines):
            d.add("due", _("Hạn của các giai đoạn phải theo đúng thứ tự."))
        deadlines.append(StageDeadline(stage=stage, due=due))
    return deadlines


def _scale_check(problems: Problems, path: str, data: Any, group_numbers: set[int]) -> ScaleIn:
    before = problems.count()
    f = Fields(problems, data, path)
    version = f.integer("version", minimum=1) or 0
    maximum = f.number("maximum")
    bonus_cap = f.number("bonus_cap")
    penalty_cap = f.number("penalty_cap")
    if maximum is not None and maximum <= 0:
        f.add("maximum", _("Điểm tối đa của thang điểm phải lớn hơn 0."))
    for key, cap in (("bonus_cap", bonus_cap), ("penalty_cap", penalty_cap)):
        if cap is not None and cap < 0:
            f.add(key, _("Không được âm."))
    scale = Scale(
        version=version,
        maximum=maximum or Decimal(0),
        bonus_cap=bonus_cap or Decimal(0),
        penalty_cap=penalty_cap or Decimal(0),
        reason=f.text("reason", required=False),
        frozen_at=f.moment("frozen_at"),
    )
    scale_in = ScaleIn(scale=scale, path=path)
    clean_nodes: list[Criterion] = []
    for node_path, node_data in f.elements("criteria", required=True):
        node_before = problems.count()
        node, parent_code, group = _criterion_read(problems, node_path, node_data)
        if node.code and node.code in scale_in.parents:
            problems.add(
                f"{node_path}.code",
                _("Mã tiêu chí “%(code)s” bị trùng trong phiên bản này.") % {"code": node.code},
            )
            continue
        if group is not None and group not in group_numbers:
            problems.add(
                f"{node_path}.task_group",
                _("Không có nhóm nhiệm vụ số %(n)s trong kế hoạch.") % {"n": group},
            )
        node.pk = len(scale_in.nodes) + 1  # a placeholder key for the tree checks only
        scale_in.nodes.append(node)
        scale_in.by_code[node.code] = node
        scale_in.parents[node.code] = parent_code
        scale_in.groups[node.code] = group
        scale_in.paths[node.code] = node_path
        if problems.count() == node_before:
            clean_nodes.append(node)
    f.close()
    _tree_link(problems, scale_in)
    for node in clean_nodes:
        for key, messages in criterion_problems(node).items():
            for message in messages:
                problems.add(f"{scale_in.paths[node.code]}.{key}", message)
    scale_in.clean = problems.count() == before
    return scale_in


def _criterion_read(
    problems: Problems, path: str, data: Any
) -> tuple[Criterion, str | None, int | None]:
    f = Fields(problems, data, path)
    parent = f.raw("parent", required=False)
    if parent is not None and not isinstance(parent, str):
        f.add("parent", _("Phải là mã tiêu chí cha hoặc null."))
    node = Criterion(
        code=f.text("code", max_length=20, blank=False).strip(),
        title=f.text("title", max_length=500, blank=False).strip(),
        kind=f.choice("kind", CriterionKind.values),
        section=f.choice("section", Section.values, required=False, default=Section.BASE),
        maximum=f.number("maximum") or ZERO,
        step=f.number("step", required=False, nullable=True, digits=5),
        lower_is_better=f.flag("lower_is_better"),
        bands=_bands_read(f),
        per_event=f.number("per_event", required=False) or ZERO,
        evidence_required=f.flag("evidence_required"),
        evidence_hint=f.text("evidence_hint", required=False, max_length=400),
        indicator=_indicator_read(f),
    )
    group = f.integer("task_group", required=False, minimum=1)
    f.close()
    return node, parent if isinstance(parent, str) and parent else None, group


def _indicator_read(f: Fields) -> Indicator | None:
    """The catalogue's indicator the document names by its code."""
    code = f.text("indicator_code", required=False, max_length=40)
    if not code:
        return None
    try:
        return indicator_by_code(code)
    except NotFoundError as error:
        f.add("indicator_code", error.message)
        return None


def _bands_read(f: Fields) -> list[list[str]]:
    bands = []
    for path, band in f.elements("bands"):
        if not isinstance(band, list) or len(band) != 2:
            f.problems.add(path, _("Mỗi mức đạt gồm tỷ lệ hoàn thành và tỷ lệ điểm."))
            continue
        ratio = decimal_parse(f.problems, f"{path}[0]", band[0], places=None)
        share = decimal_parse(f.problems, f"{path}[1]", band[1], places=None)
        if ratio is not None and share is not None:
            bands.append([str(ratio), str(share)])
    return bands


def _tree_link(problems: Problems, scale_in: ScaleIn) -> None:
    """Attach each node to its parent by code; unknown parents and loops are refused."""
    by_code = scale_in.by_code
    for node in scale_in.nodes:
        code = scale_in.parents[node.code]
        if code is None:
            continue
        parent = by_code.get(code)
        if parent is None:
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
