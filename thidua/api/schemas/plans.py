"""Schemas of the plans and scoring API.

Every amount (points, maxima, caps, targets, values) travels out as a string with two
decimals, e.g. "12.50", so that no client reads it through a binary float. Amounts coming in
may be a JSON number or a decimal string; marks also accept a decimal comma ("12,5").
"""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from thidua.api.schemas.types import DecimalIn

AMOUNT = "Số thập phân hai chữ số sau dấu chấm, dạng chuỗi (ví dụ “12.50”)."
AMOUNT_IN = "Số, hoặc chuỗi số thập phân (“12.5” hay “12,5”); để trống là chưa chấm."


def amount(value: Decimal) -> str:
    return f"{value:.2f}"


def amount_or_none(value: Decimal | None) -> str | None:
    return None if value is None else amount(value)


class UnitRef(Schema):
    id: int
    code: str
    name: str


class PlanOut(Schema):
    id: int
    title: str
    year: int
    cluster_number: int | None = Field(description="Số cụm; trống với kế hoạch toàn khối.")
    term_id: int | None
    stage: str


class ConfigurationOut(Schema):
    assessor_stages: list[str]
    peer_mode: str
    peer_method: str
    combine: str
    precedence: list[str]
    weights: dict[str, str] = Field(description=AMOUNT)
    tie_breaks: list[dict[str, str]]
    dispute_threshold: str = Field(description=AMOUNT)


class TaskGroupOut(Schema):
    number: int
    title: str


class DeadlineOut(Schema):
    stage: str
    due: dt.datetime


class ScaleVersionOut(Schema):
    version: int
    frozen_at: dt.datetime | None
    maximum: str = Field(description=AMOUNT)
    bonus_cap: str = Field(description=AMOUNT)
    penalty_cap: str = Field(description=AMOUNT)
    reason: str


class PlanDetailOut(PlanOut):
    sector: str
    basis: list[str] = Field(description="Các văn bản căn cứ, mỗi văn bản một phần tử.")
    configuration: ConfigurationOut
    task_groups: list[TaskGroupOut]
    deadlines: list[DeadlineOut]
    scales: list[ScaleVersionOut]


class BandOut(Schema):
    min_ratio: str = Field(description="Tỷ lệ hoàn thành chỉ tiêu từ mức này (1 = 100%).")
    share: str = Field(description="Tỷ lệ điểm tối đa được hưởng (0–1).")


class CriterionOut(Schema):
    code: str
    title: str
    kind: str
    section: str
    maximum: str = Field(description=AMOUNT)
    step: str | None = Field(description=AMOUNT)
    lower_is_better: bool
    bands: list[BandOut]
    per_event: str = Field(description=AMOUNT)
    evidence_required: bool
    evidence_hint: str
    task_group: int | None = Field(description="Số thứ tự nhóm nhiệm vụ trọng tâm.")
    indicator_code: str
    children: list["CriterionOut"]


CriterionOut.model_rebuild()


class CapsOut(Schema):
    bonus: str = Field(description=AMOUNT)
    penalty: str = Field(description=AMOUNT)


class ScaleTreeOut(Schema):
    version: int
    frozen_at: dt.datetime | None
    maximum: str = Field(description=AMOUNT)
    caps: CapsOut
    criteria: list[CriterionOut]


class RegistrationOut(Schema):
    id: int
    unit: UnitRef
    status: str
    titles: list[str]
    note: str
    targets: dict[str, str | None] = Field(description="Chỉ tiêu theo mã tiêu chí. " + AMOUNT)
    not_applicable: list[str] = Field(description="Mã các tiêu chí không áp dụng cho đơn vị.")
    submitted_at: dt.datetime | None
    return_reason: str


class RegistrationIn(Schema):
    titles: list[str] = []
    targets: dict[str, DecimalIn | None] = Field(
        default_factory=dict, description="Chỉ tiêu theo mã tiêu chí so với chỉ tiêu."
    )
    note: str = ""


class AssessmentOut(Schema):
    id: int
    unit: UnitRef
    stage: str
    assessor: UnitRef
    status: str


class EvidenceOut(Schema):
    name: str
    sha256: str


class ScoreOut(Schema):
    points: str | None = Field(description=AMOUNT)
    value: str | None = Field(description=AMOUNT)
    explanation: str
    evidence: list[EvidenceOut]


class LinkedFigureOut(Schema):
    indicator: str = Field(description="Mã chỉ tiêu trong danh mục.")
    value: str | None = Field(description=AMOUNT)
    source: str = Field(description="Báo cáo năm đã được tiếp nhận mà số liệu lấy từ đó.")


class AssessmentDetailOut(AssessmentOut):
    plan_id: int
    scale_version: int
    submitted_at: dt.datetime | None
    return_reason: str
    scores: dict[str, ScoreOut] = Field(description="Điểm theo mã tiêu chí.")
    linked: dict[str, LinkedFigureOut] = Field(
        description="Tiêu chí gắn với chỉ tiêu báo cáo, theo mã tiêu chí: số liệu thực hiện lấy "
        "từ báo cáo năm đã được tiếp nhận của đơn vị được chấm, không nhập trên phiếu."
    )


class AssessmentOpenIn(Schema):
    unit_id: int
    stage: str
    assessor_id: int


class MarkIn(Schema):
    points: Decimal | str | None = Field(None, description=AMOUNT_IN)
    value: Decimal | str | None = Field(None, description=AMOUNT_IN)
    explanation: str = ""


class BreakdownOut(Schema):
    base: str = Field(description=AMOUNT)
    bonus: str = Field(description=AMOUNT)
    penalty: str = Field(description="Điểm trừ, số dương được trừ vào tổng. " + AMOUNT)
    points: dict[str, str] = Field(description="Điểm cuối cùng theo mã tiêu chí. " + AMOUNT)


class RankingOut(Schema):
    unit: UnitRef
    rank: int = Field(description="Hạng; các đơn vị bằng điểm tuyệt đối cùng hạng (1, 1, 3).")
    total: str = Field(description=AMOUNT)
    tied_with: list[int] = Field(description="Id các đơn vị cùng hạng.")
    breakdown: BreakdownOut


class ResultsOut(Schema):
    """Before publication: ``{"published": false, "ranking": []}``."""

    published: bool
    ranking: list[RankingOut]


class CreatedOut(Schema):
    id: int


class ProblemOut(Schema):
    field: str
    message: str


class ProblemsOut(Schema):
    detail: str
    errors: list[ProblemOut] = []
