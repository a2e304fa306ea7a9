"""Reading a plan from the database into the engine's inputs, in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from thidua.indicators.selectors.values import (
    YearReport,
    accepted_year_reports,
    accepted_year_values,
)
from thidua.plans.models import (
    Criterion,
    CriterionKind,
    Plan,
    RegistrationItem,
    RegistrationStatus,
    Scale,
)
from thidua.plans.selectors.plan import current_scale
from thidua.scoring.engine.types import (
    Band,
    Combine,
    Config,
    Inputs,
    Kind,
    Method,
    Section,
    Sheet,
    Stage,
    TieBreak,
    TieRule,
)
from thidua.scoring.engine.types import Criterion as EngineCriterion
from thidua.scoring.engine.types import Scale as EngineScale
from thidua.scoring.marks import is_linked
from thidua.scoring.models import Assessment, AssessmentStatus, Score


def engine_scale(scale: Scale, criteria: list[Criterion] | None = None) -> EngineScale:
    nodes = criteria if criteria is not None else list(scale.criteria.order_by("position", "id"))
    codes = {n.pk: n.code for n in nodes}
    return EngineScale(
        criteria=tuple(
            EngineCriterion(
                key=n.code,
                parent=codes.get(n.parent_id) if n.parent_id else None,
                kind=Kind(n.kind),
                maximum=n.maximum,
                section=Section(n.section),
                step=n.step,
                lower_is_better=n.lower_is_better,
                bands=tuple(
                    Band(min_ratio=Decimal(str(r)), share=Decimal(str(s))) for r, s in n.bands or []
                ),
                per_event=n.per_event,
            )
            for n in _parents_first(nodes)
        ),
        maximum=scale.maximum,
        bonus_cap=scale.bonus_cap,
        penalty_cap=scale.penalty_cap,
    )


def _parents_first(nodes: list[Criterion]) -> list[Criterion]:
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    ordered: list[Criterion] = []
    stack = list(reversed(children[None]))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(children.get(node.pk, [])))
    return ordered


@dataclass(frozen=True)
class Reported:
    """The reported figures behind a plan's linked criteria."""

    linked: Mapping[str, str]  # criterion code -> indicator code
    values: Mapping[tuple[int, str], Decimal | None]  # (unit id, indicator code) -> figure

    def for_unit(self, unit_id: int) -> dict[str, Decimal | None]:
        """Criterion code -> the unit's figure (None: nothing accepted to read)."""
        return {code: self.values.get((unit_id, ind)) for code, ind in self.linked.items()}


def linked_values(year: int, unit_ids: Iterable[int], criteria: Iterable[Criterion]) -> Reported:
    """The year-end figures of ``unit_ids`` for every linked criterion: one query, none when
    the scale links no criterion."""
    linked = _linked_codes(criteria)
    if not linked:
        return Reported({}, {})
    values = accepted_year_values(unit_ids=unit_ids, year=year, codes=linked.values())
    return Reported(linked, values)


def _linked_codes(criteria: Iterable[Criterion]) -> dict[str, str]:
    """Criterion code -> the code of the indicator it reads, for the linked criteria (read with
    ``select_related("indicator")``, so that no linked criterion costs a query of its own)."""
    return {c.code: c.indicator.code for c in criteria if is_linked(c) and c.indicator is not None}


def with_reported(values: dict[str, Decimal], reported: Mapping[str, Decimal | None]) -> None:
    """Every sheet of a unit, whatever its stage, carries the unit's reported figure for a
    linked criterion, so the self, peer, head and appraisal stages all score the same number.
    Without an accepted figure there is no value: the criterion earns what nothing earns."""
    for code, value in reported.items():
        if value is None:
            values.pop(code, None)
        else:
            values[code] = value


@dataclass(frozen=True)
class LinkedFigure:
    """What a sheet shows for a linked criterion: the figure and where it comes from."""

    indicator_code: str
    value: Decimal | None
    report: YearReport | None
    in_report: bool  # the report holds a figure for the indicator (a share may still be None)

    @property
    def source(self) -> str:
        if self.report is None:
            return _("chưa có báo cáo năm được tiếp nhận")
        period = self.report.period_title
        if not self.in_report:
            return _("%(period)s: báo cáo không có số liệu của chỉ tiêu này") % {"period": period}
        if self.report.revision > 1:
            return _("%(period)s (số liệu đã điều chỉnh lần %(n)s)") % {
                "period": period,
                "n": self.report.revision - 1,
            }
        return period


def linked_figures(
    *, unit_id: int, year: int, criteria: Iterable[Criterion]
) -> dict[str, LinkedFigure]:
    """The linked criteria of a unit's sheet with their figures, by criterion code: two
    queries, none when the scale links no criterion."""
    linked = _linked_codes(criteria)
    if not linked:
        return {}
    values = accepted_year_values(unit_ids=[unit_id], year=year, codes=linked.values())
    report = accepted_year_reports(unit_ids=[unit_id], year=year).get(unit_id)
    return {
        code: LinkedFigure(
            indicator_code=ind,
            value=values.get((unit_id, ind)),
            report=report,
            in_report=(unit_id, ind) in values,
        )
        for code, ind in linked.items()
    }


def engine_config(plan: Plan) -> Config:
    return Config(
        peer_method=Method(plan.peer_method),
        combine=Combine(plan.combine),
        precedence=tuple(Stage(s) for s in plan.precedence),
        weights={Stage(k): Decimal(str(v)) for k, v in (plan.weights or {}).items()},
        tie_breaks=tuple(
            TieBreak(rule=TieRule(t["rule"]), group=t.get("group", ""))
            for t in plan.tie_breaks or []
        ),
    )


def plan_inputs(plan: Plan, *, scale: Scale | None = None, include_drafts: bool = False) -> Inputs:
    """The plan's members, its current scale and every submitted sheet, keyed by unit id.

    Scores of an older scale version count by criterion code: a revision keeps the codes of
    the criteria it does not change. A criterion linked to an indicator takes each unit's
    figure from its accepted year-end report of the plan's year, on every sheet of the unit.
    """
    scale = scale or current_scale(list(plan.scales.all()))
    if scale is None:
        raise ValueError("plan without a scale")
    criteria = list(scale.criteria.select_related("indicator").order_by("position", "id"))
    kinds = {c.code: c.kind for c in criteria}
    units = tuple(str(m.unit_id) for m in plan.term.memberships.all()) if plan.term else ()
    reported = linked_values(plan.year, [int(u) for u in units], criteria)
    statuses = [AssessmentStatus.SUBMITTED]
    if include_drafts:
        statuses += [AssessmentStatus.DRAFT, AssessmentStatus.RETURNED]
    rows = Score.objects.filter(assessment__plan=plan, assessment__status__in=statuses).values_list(
        "assessment_id",
        "assessment__unit_id",
        "assessment__stage",
        "assessment__assessor_id",
        "criterion__code",
        "points",
        "value",
    )
    sheets: dict[int, tuple[str, str, str, dict[str, Decimal], dict[str, Decimal]]] = {}
    for assessment_id, unit_id, stage, assessor_id, code, points, value in rows.iterator(
        chunk_size=5000
    ):
        sheet = sheets.get(assessment_id)
        if sheet is None:
            sheet = (str(unit_id), stage, str(assessor_id), {}, {})
            sheets[assessment_id] = sheet
        kind = kinds.get(code)
        if kind in {CriterionKind.MANUAL, CriterionKind.PASS_FAIL} and points is not None:
            sheet[3][code] = points
        elif kind is not None and kind != CriterionKind.GROUP and value is not None:
            sheet[4][code] = value
    if reported.linked:
        for owner, _stage, _assessor, _points, values in sheets.values():
            with_reported(values, reported.for_unit(int(owner)))
    targets: dict[tuple[str, str], Decimal] = {}
    not_applicable: set[tuple[str, str]] = set()
    items = RegistrationItem.objects.filter(registration__plan=plan).values_list(
        "registration__unit_id",
        "registration__status",
        "criterion__code",
        "target",
        "not_applicable",
    )
    for unit_id, status, code, target, na in items:
        if target is not None:
            targets[(str(unit_id), code)] = target
        if na and status == RegistrationStatus.ACCEPTED:
            not_applicable.add((str(unit_id), code))
    return Inputs(
        scale=engine_scale(scale, criteria),
        units=units,
        sheets=[
            Sheet(unit=u, stage=Stage(s), assessor=a, points=p, values=v)
            for u, s, a, p, v in sheets.values()
        ],
        config=engine_config(plan),
        targets=targets,
        not_applicable=frozenset(not_applicable),
    )


def assessments_of(plan: Plan) -> list[Assessment]:
    return list(plan.assessments.select_related("unit", "assessor"))
