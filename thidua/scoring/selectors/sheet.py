"""Reads of score sheets, for a user: what they may not see is not found. The sheets a user
may read, one sheet's scores, and behind the score entry page a sheet's criteria tree with its
marks, files and running total, whether the user may write or submit it, and its evidence files.

Drafts and the scores of each assessor stay with their authors and the cluster's head until
publication (``may_read_sheet``), so no assessor can lean on another's marks.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.errors import DomainError, NotFoundError
from thidua.core.numbers import number_text
from thidua.plans.access import may_manage
from thidua.plans.models import (
    Criterion,
    CriterionKind,
    Plan,
    RegistrationItem,
    RegistrationStatus,
)
from thidua.scoring.access import (
    assessment_require_writable,
    may_mark,
    may_read_sheet,
    may_submit,
)
from thidua.scoring.engine.compute import compute
from thidua.scoring.engine.types import Combine, Config, Inputs, Sheet, Stage, UnitResult
from thidua.scoring.models import Assessment, Evidence, Score
from thidua.scoring.selectors.inputs import (
    LinkedFigure,
    engine_config,
    engine_scale,
    linked_figures,
    with_reported,
)


def assessment_get_for(*, user: User | AnonymousUser, pk: int) -> Assessment:
    assessment = (
        Assessment.objects.select_related("plan__term", "unit", "assessor", "scale")
        .filter(pk=pk)
        .first()
    )
    if assessment is None or not may_read_sheet(user, assessment):
        raise NotFoundError(_("Không tìm thấy phiếu chấm."))
    return assessment


def sheet_scores(assessment: Assessment) -> dict[int, Score]:
    """The sheet's scores by criterion id, with their evidence files, in two queries."""
    scores = assessment.scores.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("file"))
    )
    return {s.criterion_id: s for s in scores}


def assessments_visible_for(*, user: User | AnonymousUser, plan: Plan) -> list[Assessment]:
    rows = list(Assessment.objects.filter(plan=plan).select_related("unit", "assessor"))
    for row in rows:
        row.plan = plan  # one plan object, so its prefetched members serve every row
    return [a for a in rows if may_read_sheet(user, a)]


def score_sheet_get_for(*, user: User | AnonymousUser, pk: int) -> Assessment:
    """The sheet if ``user`` may mark it or manages its plan; otherwise it does not exist."""
    assessment = (
        Assessment.objects.select_related("plan__term", "scale", "unit", "assessor")
        .filter(pk=pk)
        .first()
    )
    if assessment is None or not (
        may_mark(user, assessment.plan, assessment.stage, assessment.assessor, assessment.unit)
        or may_manage(user, assessment.plan)
    ):
        raise NotFoundError(_("Không tìm thấy phiếu chấm."))
    return assessment


def sheet_criterion_get(*, assessment: Assessment, pk: int) -> Criterion:
    """A criterion that can be marked on the sheet (``assessment`` comes from
    ``assessment_get_for``, which has checked that the user may read it)."""
    criterion = assessment.scale.criteria.filter(pk=pk).first()
    if criterion is None or criterion.kind == CriterionKind.GROUP:
        raise NotFoundError(_("Tiêu chí không có trong phiếu chấm."))
    return criterion


@dataclass
class SheetLine:
    """One node of the criteria tree on a sheet."""

    criterion: Criterion
    depth: int
    score: Score | None = None
    points: Decimal | None = None  # what the engine makes of this sheet's mark
    not_applicable: bool = False
    errors: list[str] = field(default_factory=list)
    saved: bool = False
    typed: dict[str, str] = field(default_factory=dict)  # refused input, shown back as typed
    linked: LinkedFigure | None = None  # the figure of the accepted year-end report

    @property
    def is_leaf(self) -> bool:
        return self.criterion.kind != CriterionKind.GROUP

    @property
    def by_points(self) -> bool:
        return self.criterion.kind in {CriterionKind.MANUAL, CriterionKind.PASS_FAIL}

    @property
    def pass_fail(self) -> bool:
        return self.criterion.kind == CriterionKind.PASS_FAIL

    @property
    def max_text(self) -> str:
        return number_text(self.criterion.maximum, grouping=False)

    def _shown(self, name: str, saved: str) -> str:
        return self.typed.get(name, "") if self.typed else saved

    @property
    def points_text(self) -> str:
        # Ungrouped: what an input box shows is typed back ("7,5", "30").
        points = self.score.points if self.score else None
        return self._shown("points", number_text(points, grouping=False))

    @property
    def value_text(self) -> str:
        value = self.score.value if self.score else None
        return self._shown("value", number_text(value, grouping=False))

    @property
    def linked_text(self) -> str:
        return number_text(self.linked.value if self.linked else None)

    @property
    def explanation_text(self) -> str:
        return self._shown("explanation", self.score.explanation if self.score else "")

    @property
    def files(self) -> list[Evidence]:
        return list(self.score.evidence.all()) if self.score else []


@dataclass
class SheetTotal:
    base: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    maximum: Decimal


@dataclass
class SheetView:
    assessment: Assessment
    lines: list[SheetLine]
    total: SheetTotal
    editable: bool
    may_submit: bool

    def line(self, code: str) -> SheetLine:
        return next(line for line in self.lines if line.criterion.code == code)


def sheet_editable(user: User | AnonymousUser, assessment: Assessment) -> bool:
    """Whether the page offers inputs: the same test the services make before every write."""
    try:
        assessment_require_writable(user, assessment)
    except DomainError:
        return False
    return True


def sheet_may_submit(user: User | AnonymousUser, assessment: Assessment) -> bool:
    """Leaders submit their unit's sheets; the department submits its own."""
    if not sheet_editable(user, assessment):
        return False
    return may_submit(user, assessment)


def _depths(criteria: list[Criterion]) -> dict[int, int]:
    parents = {c.pk: c.parent_id for c in criteria}
    depths: dict[int, int] = {}
    for c in criteria:
        depth, parent = 0, c.parent_id
        while parent is not None and depth < len(criteria):
            depth, parent = depth + 1, parents.get(parent)
        depths[c.pk] = depth
    return depths


def sheet_view_for(*, user: User | AnonymousUser, assessment: Assessment) -> SheetView:
    """The sheet's criteria tree with its marks, files and running total (``assessment`` comes
    from ``assessment_get_for``, which has checked that the user may read it)."""
    plan = assessment.plan
    criteria = list(
        assessment.scale.criteria.select_related("indicator").order_by("position", "id")
    )
    scores = {
        s.criterion_id: s
        for s in assessment.scores.prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("file").order_by("id"))
        )
    }
    registered = RegistrationItem.objects.filter(
        registration__plan=plan, registration__unit=assessment.unit
    ).values_list("criterion__code", "target", "not_applicable", "registration__status")
    unit = str(assessment.unit_id)
    targets = {(unit, code): t for code, t, _na, _s in registered if t is not None}
    not_applicable = frozenset(
        (unit, code) for code, _t, na, s in registered if na and s == RegistrationStatus.ACCEPTED
    )
    linked = linked_figures(unit_id=assessment.unit_id, year=plan.year, criteria=criteria)
    reported = {code: figure.value for code, figure in linked.items()}
    result = sheet_result(
        assessment, criteria, list(scores.values()), targets, not_applicable, reported
    )
    depths = _depths(criteria)
    lines = [
        SheetLine(
            criterion=c,
            depth=depths[c.pk],
            score=scores.get(c.pk),
            points=result.points.get(c.code) if c.kind != CriterionKind.GROUP else None,
            not_applicable=(unit, c.code) in not_applicable,
            linked=linked.get(c.code),
        )
        for c in criteria
    ]
    _sum_groups(lines)
    return SheetView(
        assessment=assessment,
        lines=lines,
        total=SheetTotal(
            base=result.base,
            bonus=result.bonus,
            penalty=result.penalty,
            total=result.total,
            maximum=assessment.scale.maximum,
        ),
        editable=sheet_editable(user, assessment),
        may_submit=sheet_may_submit(user, assessment),
    )


def _sum_groups(lines: list[SheetLine]) -> None:
    """A group shows the sum of what its criteria give on this sheet (children come after
    their parent, so the walk goes backwards)."""
    by_pk = {line.criterion.pk: line for line in lines}
    for line in reversed(lines):
        parent = by_pk.get(line.criterion.parent_id) if line.criterion.parent_id else None
        if parent is not None and line.points is not None:
            parent.points = (parent.points or Decimal(0)) + line.points


def sheet_result(
    assessment: Assessment,
    criteria: list[Criterion],
    scores: list[Score],
    targets: dict[tuple[str, str], Decimal],
    not_applicable: frozenset[tuple[str, str]],
    reported: Mapping[str, Decimal | None],
) -> UnitResult:
    """The engine's reading of this one sheet, as if it were the only one: its stage alone
    decides, so the running total is what the sheet gives, with the scale's caps and N/A
    rescaling. A "relative to the best" criterion is compared with this unit only until the
    whole cluster is combined. ``reported`` holds the linked criteria's figures, read as
    ``plan_inputs`` reads them."""
    kinds = {c.pk: c.kind for c in criteria}
    codes = {c.pk: c.code for c in criteria}
    points, values = {}, {}
    for s in scores:
        kind = kinds.get(s.criterion_id)
        if kind in {CriterionKind.MANUAL, CriterionKind.PASS_FAIL} and s.points is not None:
            points[codes[s.criterion_id]] = s.points
        elif kind not in {None, CriterionKind.GROUP} and s.value is not None:
            values[codes[s.criterion_id]] = s.value
    with_reported(values, reported)
    unit = str(assessment.unit_id)
    stage = Stage(assessment.stage)
    config = engine_config(assessment.plan)
    inputs = Inputs(
        scale=engine_scale(assessment.scale, criteria),
        units=(unit,),
        sheets=[
            Sheet(
                unit=unit,
                stage=stage,
                assessor=str(assessment.assessor_id),
                points=points,
                values=values,
            )
        ],
        config=Config(
            peer_method=config.peer_method,
            combine=Combine.PRECEDENCE,
            precedence=(stage,),
        ),
        targets=targets,
        not_applicable=not_applicable,
    )
    return compute(inputs).ranking[0]


def evidence_get_for(*, user: User | AnonymousUser, pk: int) -> Evidence:
    """An evidence file, only for those who may read its sheet."""
    evidence = (
        Evidence.objects.select_related(
            "file",
            "score__assessment__plan__term__supervising_department",
            "score__assessment__unit",
            "score__assessment__assessor",
        )
        .filter(pk=pk)
        .first()
    )
    if evidence is None or not may_read_sheet(user, evidence.score.assessment):
        raise NotFoundError(_("Không tìm thấy tệp minh chứng."))
    return evidence
