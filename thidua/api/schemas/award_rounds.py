"""Schemas of the nomination rounds and the registry API (``thidua.api.award_rounds``).

Prize money travels as a string of whole đồng (“10400000”), beside the basis it was computed
from (multiple, base salary, both citations, the day), so no client reads it through a float.
Every number coming in is bounded by what the database holds, so an out-of-range number is a
422 of the document, never a server error.
"""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from thidua.api.schemas.types import IsoDate

YEAR = Field(ge=2000, le=2100, description="Năm thành tích.")
COUNT_MAX = 100_000
ID_MAX = 2**63 - 1
LEVELS = Literal["cluster", "board", "council"]
GROUNDS = Literal["false_declaration", "forged_papers", "unlawful_appraisal"]


class ConditionOut(Schema):
    text: str = Field(description="Điều kiện, bằng ngôn ngữ của yêu cầu.")
    met: bool | None = Field(description="Đạt / không đạt; trống: thiếu dữ kiện để kết luận.")
    citation: str | None
    facts: dict[str, Any]


class GrantOut(Schema):
    id: int
    person_id: int | None
    unit_id: int | None
    subject_name: str = Field(description="Họ tên cá nhân, hoặc tên tập thể.")
    award: str = Field(description="Mã danh hiệu, hình thức khen (GET /awards/catalogue).")
    award_name: str
    year: int = Field(description="Năm thành tích.")
    source: str = Field(description="decision | entered | imported | demo")
    decision_number: str
    decided_on: dt.date
    issuer: str
    prize: str | None = Field(
        description="Tiền thưởng, đồng, dạng chuỗi số nguyên; trống: không có hoặc chưa tính được."
    )
    prize_basis: dict[str, Any] = Field(
        description="Cách tính: multiple, base_salary, multiple_citation, salary_citation, on."
    )
    revoked: bool
    revoked_on: dt.date | None
    revocation_ground: str = Field(description="false_declaration | forged_papers | …; trống.")
    revocation_decision: str
    revocation_reason: str


class CandidateOut(Schema):
    id: int
    person_id: int | None
    unit_id: int | None
    subject_name: str
    award: str
    award_name: str
    source: str = Field(description="ranking | registration | records | added")
    rank: int | None = Field(description="Thứ hạng trong cụm (ứng viên từ kết quả xếp hạng).")
    verdict: str = Field(description="eligible | not_eligible | cannot_tell")
    explanation: list[ConditionOut]
    judged_on: dt.date
    kept_reason: str = Field(description="Lý do vẫn đề nghị khi chưa đủ điều kiện.")
    approvals: int | None = Field(description="Số phiếu đồng ý khi bình xét.")
    proposed: bool
    grant_id: int | None = Field(description="Khen thưởng đã quyết định cho ứng viên này.")


class RoundOut(Schema):
    id: int
    year: int
    level: str = Field(description="cluster | board | council")
    title: str
    status: str = Field(description="draft | deliberated | submitted | decided")
    term_id: int | None
    cluster_number: int | None
    unit_id: int | None
    deliberated_on: dt.date | None
    summoned: int | None
    present: int | None
    submitted_on: dt.date | None
    vote_id: int | None = Field(
        description="Cuộc bỏ phiếu bình xét của đợt xét (GET /api/v1/votes/{id}); trống khi kết "
        "quả bình xét nhập theo biên bản."
    )
    candidates: int = Field(description="Số người, tập thể trong danh sách.")
    proposed: int = Field(description="Số được đề nghị sau bình xét.")


class DecisionOut(Schema):
    number: str
    decided_on: dt.date
    issuer: str
    signer: str
    signer_title: str
    grants: list[GrantOut]


class RoundDetailOut(RoundOut):
    minutes_note: str
    threshold: str | None = Field(
        description="Tỷ lệ phiếu đồng ý cần đạt (ví dụ “1/2”), theo quy định đang áp dụng."
    )
    threshold_citation: str
    may_manage: bool
    may_submit: bool
    may_decide: bool
    candidate_list: list[CandidateOut]
    decision: DecisionOut | None


class RoundsQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Năm thành tích.")


class RoundOpenIn(Schema):
    level: LEVELS = Field(description="cluster: cụm đề nghị; board: một ban; council: Hội đồng.")
    year: int = YEAR
    term_id: int | None = Field(None, ge=1, le=ID_MAX, description="Cụm thi đua của năm.")
    unit_id: int | None = Field(None, ge=1, le=ID_MAX, description="Ban tổ chức (cấp board).")
    title: str = Field("", max_length=300, description="Trống: tên mặc định.")
    judged_on: IsoDate | None = Field(None, description="Ngày xét điều kiện; mặc định hôm nay.")


class CandidateIn(Schema):
    award: str = Field(max_length=60, description="Mã danh hiệu, hình thức khen.")
    person_id: int | None = Field(None, ge=1, le=ID_MAX, description="Cá nhân.")
    unit_id: int | None = Field(
        None, ge=1, le=ID_MAX, description="Tập thể; với cá nhân: đơn vị công tác."
    )
    judged_on: IsoDate | None = Field(None, description="Ngày xét điều kiện; mặc định hôm nay.")


class KeepIn(Schema):
    reason: str = Field(
        max_length=4000, description="Lý do vẫn đề nghị; chuỗi rỗng rút lại ngoại lệ."
    )


class ApprovalIn(Schema):
    candidate_id: int = Field(ge=1, le=ID_MAX)
    approvals: int = Field(ge=0, le=COUNT_MAX, description="Số phiếu đồng ý.")


class DeliberationIn(Schema):
    deliberated_on: IsoDate = Field(description="Ngày họp bình xét (theo biên bản).")
    summoned: int = Field(ge=0, le=COUNT_MAX, description="Số được triệu tập.")
    present: int = Field(ge=0, le=COUNT_MAX, description="Số có mặt.")
    approvals: list[ApprovalIn] = Field(description="Số phiếu đồng ý của từng người, tập thể.")
    minutes_note: str = Field("", max_length=4000)


class SubmitIn(Schema):
    submitted_on: IsoDate | None = Field(None, description="Ngày trình; mặc định hôm nay.")


class DecisionIn(Schema):
    number: str = Field(max_length=60, description="Số quyết định, ví dụ “127-QĐ/BTCTW”.")
    decided_on: IsoDate
    issuer: str = Field(max_length=200, description="Cơ quan quyết định.")
    signer: str = Field(max_length=200)
    signer_title: str = Field(max_length=200)
    awardees: list[int] = Field(description="Mã ứng viên được khen (trong số được đề nghị).")


class RegistryQuery(Schema):
    q: str = Field("", max_length=200, description="Tên cá nhân, đơn vị hoặc số quyết định.")
    year: int | None = Field(None, ge=2000, le=2100)
    award: str = Field("", max_length=60)
    unit: int | None = Field(None, ge=1, le=ID_MAX, description="Đơn vị, kể cả đơn vị tiền thân.")
    person: int | None = Field(None, ge=1, le=ID_MAX)
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class RegistryPageOut(Schema):
    count: int = Field(description="Tổng số kết quả.")
    limit: int
    offset: int
    results: list[GrantOut]


class RevokeIn(Schema):
    revoked_on: IsoDate
    ground: GROUNDS = Field(description="Căn cứ thu hồi.")
    decision: str = Field(max_length=120, description="Số quyết định thu hồi.")
    reason: str = Field(max_length=4000)
