"""Schemas of the periodic reports API, and how a report fills them.

Figures travel out as strings with two decimals ("61.00"), as every amount of the API does.
Coming in, a figure may be a JSON number or a decimal string ("2489", "11.5" or "11,5"); it is
read as a Decimal, never through a binary float.
"""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from thidua.api.schemas.plans import AMOUNT, UnitRef, amount, amount_or_none
from thidua.core.models import StoredFile
from thidua.indicators.models import IndicatorKind, Report, ReportingPeriod, ReportStatus
from thidua.indicators.rollup import percentage

FIGURE_IN = "Số, hoặc chuỗi số thập phân (“2489”, “11.5” hay “11,5”); tối đa hai chữ số thập phân."
KEEP = "Bỏ trống (null) để giữ nguyên nội dung đang có."


class PeriodOut(Schema):
    id: int
    year: int
    kind: str = Field(description="mid_year (sơ kết 6 tháng), year (tổng kết năm), ad_hoc.")
    title: str
    as_of: dt.date = Field(description="Số liệu tính đến ngày.")
    deadline: dt.datetime = Field(description="Hạn nộp báo cáo.")
    scope: str = Field(description="sector (toàn ngành), cluster (một cụm) hoặc department.")
    term_id: int | None = Field(description="Nhiệm kỳ cụm của kỳ phạm vi một cụm.")
    department_id: int | None = Field(description="Vụ theo dõi của kỳ phạm vi một vụ.")


class ReportOut(Schema):
    id: int
    period: PeriodOut
    unit: UnitRef
    status: str = Field(description="draft, submitted, accepted hoặc returned.")
    revision: int = Field(description="Tăng một sau mỗi lần điều chỉnh số liệu đã tiếp nhận.")
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    return_reason: str
    illustrative: bool = Field(description="Số liệu minh họa của dữ liệu mẫu.")


class ValueOut(Schema):
    indicator: str = Field(description="Mã chỉ tiêu.")
    kind: str
    value: str = Field(description="x. " + AMOUNT)
    denominator: str | None = Field(description="y, chỉ với chỉ tiêu tỷ lệ. " + AMOUNT)
    percentage: str | None = Field(description="x/y × 100 với chỉ tiêu tỷ lệ. " + AMOUNT)
    note: str


class FileOut(Schema):
    id: int
    name: str
    sha256: str
    size: int = Field(description="Dung lượng, byte.")


class CorrectionOut(Schema):
    indicator: str
    old_value: str | None = Field(description="Trống nếu trước đó chưa có số liệu. " + AMOUNT)
    old_denominator: str | None = Field(description=AMOUNT)
    new_value: str = Field(description=AMOUNT)
    new_denominator: str | None = Field(description=AMOUNT)
    revision: int = Field(description="Lần điều chỉnh tạo ra giá trị mới.")
    reason: str
    changed_by: str | None
    changed_at: dt.datetime


class ReportDetailOut(ReportOut):
    results: str = Field(description="Kết quả đạt được.")
    limitations: str = Field(description="Hạn chế, nguyên nhân.")
    directions: str = Field(description="Phương hướng, nhiệm vụ kỳ tới.")
    values: list[ValueOut]
    files: list[FileOut]
    corrections: list[CorrectionOut] = Field(description="Lịch sử điều chỉnh, cũ trước mới sau.")


class FigureIn(Schema):
    indicator: str = Field(description="Mã chỉ tiêu trong danh mục.")
    value: Decimal | str = Field(description="x. " + FIGURE_IN)
    denominator: Decimal | str | None = Field(None, description="y, chỉ với chỉ tiêu tỷ lệ.")


class ValueIn(FigureIn):
    note: str = ""


class ReportIn(Schema):
    values: list[ValueIn] | None = Field(
        None,
        description="Toàn bộ số liệu của báo cáo: chỉ tiêu không có trong danh sách thì không "
        "có số liệu. " + KEEP,
    )
    results: str | None = Field(None, description="Kết quả đạt được. " + KEEP)
    limitations: str | None = Field(None, description="Hạn chế, nguyên nhân. " + KEEP)
    directions: str | None = Field(None, description="Phương hướng, nhiệm vụ kỳ tới. " + KEEP)


class ReasonIn(Schema):
    reason: str


class CorrectionIn(Schema):
    values: list[FigureIn] = Field(description="Chỉ các số liệu thay đổi hoặc bổ sung.")
    reason: str


class ReportQuery(Schema):
    period: int | None = Field(None, ge=1, description="Mã kỳ báo cáo (id).")
    unit: int | None = Field(None, ge=1, description="Mã đơn vị (id).")
    status: ReportStatus | None = None


def period_out(period: ReportingPeriod) -> PeriodOut:
    return PeriodOut.model_validate(period, from_attributes=True)


def report_out(report: Report) -> ReportOut:
    return ReportOut(
        id=report.pk,
        period=period_out(report.period),
        unit=UnitRef(id=report.unit.pk, code=report.unit.code, name=report.unit.name),
        status=report.status,
        revision=report.revision,
        submitted_at=report.submitted_at,
        decided_at=report.decided_at,
        return_reason=report.return_reason,
        illustrative=report.illustrative,
    )


def report_detail(report: Report) -> ReportDetailOut:
    values = report.values.select_related("indicator").order_by(
        "indicator__position", "indicator__code"
    )
    corrections = report.corrections.select_related("indicator", "changed_by").order_by(
        "changed_at", "pk"
    )
    return ReportDetailOut(
        **report_out(report).model_dump(),
        results=report.results,
        limitations=report.limitations,
        directions=report.directions,
        values=[
            ValueOut(
                indicator=v.indicator.code,
                kind=v.indicator.kind,
                value=amount(v.value),
                denominator=amount_or_none(v.denominator),
                percentage=amount_or_none(
                    percentage(v.value, v.denominator)
                    if v.indicator.kind == IndicatorKind.SHARE and v.denominator is not None
                    else None
                ),
                note=v.note,
            )
            for v in values
        ],
        files=[file_out(f) for f in report.files.order_by("pk")],
        corrections=[
            CorrectionOut(
                indicator=c.indicator.code,
                old_value=amount_or_none(c.old_value),
                old_denominator=amount_or_none(c.old_denominator),
                new_value=amount(c.new_value),
                new_denominator=amount_or_none(c.new_denominator),
                revision=c.revision,
                reason=c.reason,
                changed_by=(c.changed_by.get_full_name() or c.changed_by.username)
                if c.changed_by
                else None,
                changed_at=c.changed_at,
            )
            for c in corrections
        ],
    )


def file_out(stored: StoredFile) -> FileOut:
    return FileOut(id=stored.pk, name=stored.name, sha256=stored.sha256, size=stored.size)
