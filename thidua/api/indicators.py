"""The indicator catalogue and roll-ups of accepted report figures.

Roll-ups read only accepted reports, the sector's shared figures, so every signed-in official
may ask for them. Bad parameters, including ids that name nothing, are refused with 422 and
one Vietnamese line per parameter; an unknown indicator code is 404.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from thidua.api.schemas.errors import READ_REFUSALS
from thidua.api.schemas.plans import AMOUNT, ProblemOut, ProblemsOut, UnitRef, amount_or_none
from thidua.core.errors import ValidationFailedError
from thidua.indicators.models import Indicator, PeriodKind, ReportingPeriod
from thidua.indicators.selectors.catalogue import indicator_get_for, indicator_list_for
from thidua.indicators.selectors.rollup import Rollup, rollup_for
from thidua.orgs.models import ClusterTerm, Unit

router = Router(tags=["indicators"])
PROGRESS = "Phần trăm đạt so với chỉ tiêu, dạng chuỗi hai chữ số thập phân (ví dụ “53.00”)."


class IndicatorOut(Schema):
    code: str
    name: str
    kind: str
    unit_of_measure: str
    direction: str
    rollup: str
    numerator_label: str
    denominator_label: str
    description: str


class UnitRollupOut(Schema):
    unit: UnitRef
    value: str | None = Field(description=AMOUNT)
    numerator: str | None = Field(description=AMOUNT)
    denominator: str | None = Field(description=AMOUNT)
    target: str | None = Field(description=AMOUNT)
    progress: str | None = Field(description=PROGRESS)


class RollupOut(Schema):
    value: str | None = Field(description=AMOUNT)
    numerator: str | None = Field(description=AMOUNT)
    denominator: str | None = Field(description=AMOUNT)
    target: str | None = Field(description=AMOUNT)
    progress: str | None = Field(description=PROGRESS)
    by_unit: list[UnitRollupOut]


class RollupQuery(Schema):
    cluster_term: int | None = Field(None, ge=1, description="Mã nhiệm kỳ cụm (id).")
    period: int | None = Field(None, ge=1, description="Mã kỳ báo cáo (id).")
    year: int | None = Field(None, ge=1945, le=2100)
    period_kind: PeriodKind | None = None
    department: int | None = Field(None, ge=1, description="Mã vụ theo dõi cụm (id).")
    sector: bool = False
    lineage_year: int | None = Field(None, ge=1945, le=2100)


def indicator_out(indicator: Indicator) -> IndicatorOut:
    return IndicatorOut.model_validate(indicator, from_attributes=True)


def rollup_out(result: Rollup) -> RollupOut:
    return RollupOut(
        value=amount_or_none(result.value),
        numerator=amount_or_none(result.numerator),
        denominator=amount_or_none(result.denominator),
        target=amount_or_none(result.target),
        progress=amount_or_none(result.progress),
        by_unit=[
            UnitRollupOut(
                unit=UnitRef(id=line.unit.pk, code=line.unit.code, name=line.unit.name),
                value=amount_or_none(line.value),
                numerator=amount_or_none(line.x),
                denominator=amount_or_none(line.y),
                target=amount_or_none(line.target),
                progress=amount_or_none(line.progress),
            )
            for line in result.by_unit
        ],
    )


def _problems_out(refused: ValidationFailedError) -> ProblemsOut:
    return ProblemsOut(
        detail=refused.message,
        errors=[
            ProblemOut(field=name, message=message)
            for name, messages in refused.problems.items()
            for message in messages
        ],
    )


def _named(params: RollupQuery) -> dict[str, Any]:
    """The objects the ids name; an id that names nothing is a bad parameter."""
    found: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}
    lookups: list[tuple[str, int | None, Any, str]] = [
        ("cluster_term", params.cluster_term, ClusterTerm, _("Không tìm thấy nhiệm kỳ cụm.")),
        ("period", params.period, ReportingPeriod, _("Không tìm thấy kỳ báo cáo.")),
        ("department", params.department, Unit, _("Không tìm thấy vụ theo dõi cụm.")),
    ]
    for name, pk, model, missing in lookups:
        found[name] = model.objects.filter(pk=pk).first() if pk is not None else None
        if pk is not None and found[name] is None:
            problems[name] = [missing]
    if problems:
        raise ValidationFailedError(_("Tham số tổng hợp không hợp lệ."), problems)
    return found


@router.get("/indicators", response={200: list[IndicatorOut], **READ_REFUSALS})
def list_indicators(request: HttpRequest) -> list[IndicatorOut]:
    return [indicator_out(i) for i in indicator_list_for(user=request.user)]


@router.get(
    "/indicators/{code}/rollup",
    response={200: RollupOut, **READ_REFUSALS},
    summary="Tổng hợp một chỉ tiêu",
    description="Tổng hợp số liệu của chỉ tiêu theo đúng một phạm vi: một nhiệm kỳ cụm "
    "(cluster_term), một vụ theo dõi cụm (department) hoặc toàn ngành (sector=true); theo một "
    "kỳ báo cáo (period) hoặc một năm (year). Thiếu hoặc thừa phạm vi, thiếu cả kỳ lẫn năm, "
    "hay mã không trỏ tới đối tượng nào: 422 kèm tên tham số.",
)
def indicator_rollup(
    request: HttpRequest, code: str, params: Query[RollupQuery]
) -> RollupOut | Status[ProblemsOut]:
    indicator = indicator_get_for(user=request.user, code=code)
    try:
        named = _named(params)
        result = rollup_for(
            user=request.user,
            indicator=indicator,
            period=named["period"],
            year=params.year,
            period_kind=params.period_kind,
            cluster_term=named["cluster_term"],
            department=named["department"],
            sector=params.sector,
            lineage_year=params.lineage_year,
        )
    except ValidationFailedError as refused:
        return Status(422, _problems_out(refused))
    return rollup_out(result)
