"""Schemas of the votes API (``thidua.api.votes``).

A vote's ``result`` is in the answer only once the vote is final, for everyone: nobody reads a
partial count. Ballots, trustees' keys and partial decryptions travel as the protocol's JSON
(``thidua.voting.protocol``, the same as vote-protocol.js makes in the browser); the server
checks them, the document only says they are objects. Every number coming in is bounded by
what the database holds, so an out-of-range number is a 422 of the document, never a 500.
"""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from thidua.api.schemas.award_rounds import COUNT_MAX, ID_MAX
from thidua.api.schemas.types import IsoDate, IsoDateTime

KINDS = Literal["approval", "election", "confidence", "motion"]
MODES = Literal["paper", "electronic"]
LINES_MAX = 2000  # candidates or voters in one vote: far above any conference
ID = Field(ge=1, le=ID_MAX)


class VotesQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Năm của cuộc bỏ phiếu.")
    kind: KINDS | None = Field(None, description="Loại phiếu.")


class PageQuery(Schema):
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=1_000_000)


class VoteCandidateOut(Schema):
    id: int
    position: int = Field(description="Thứ tự trên phiếu, từ 1.")
    name: str
    person_id: int | None
    unit_id: int | None


class TrusteeOut(Schema):
    position: int
    name: str
    key_sent: bool = Field(description="Đã gửi phần công khai của khóa (kèm chứng minh).")
    decryption_sent: bool = Field(description="Đã gửi phần giải mã tổng phiếu.")
    key: dict[str, Any] | None = Field(description="Phần công khai của khóa, khi đã gửi.")


class CommitteeOut(Schema):
    name: str
    is_chair: bool


class QuestionOut(Schema):
    options: int = Field(description="Số lựa chọn (mỗi lựa chọn mã hóa một số 0 hoặc 1).")
    min: int = Field(description="Số lựa chọn ít nhất phải chọn.")
    max: int = Field(description="Số lựa chọn nhiều nhất được chọn.")


class ResultRowOut(Schema):
    candidate: int = Field(description="Mã dòng trên phiếu (candidates[].id).")
    name: str
    votes: int = Field(description="Số phiếu đồng ý, bầu, tín nhiệm thấp hoặc tán thành.")
    base: int = Field(description="Mẫu số theo quy định.")
    share: str | None = Field(description="Tỷ lệ “phiếu/mẫu số”; trống khi mẫu số bằng 0.")
    passed: bool
    elected: bool
    tied: bool = Field(description="Bằng phiếu ở vị trí cuối: không tự phân định.")
    outcome: str = Field(description="Phiếu tín nhiệm: none | removed_from_planning | dismissal.")
    levels: list[int] = Field(description="Phiếu tín nhiệm: số phiếu cao, tín nhiệm, thấp.")


class ResultOut(Schema):
    rule: dict[str, Any] = Field(description="Quy định đã áp dụng, với trích dẫn (citation).")
    turnout: dict[str, int] = Field(description="roll, present, cast, valid, written.")
    base: int
    quorum_required: int | None
    quorum_met: bool
    nobody_passed: bool = Field(description="Không ai đạt tỷ lệ quy định.")
    tie: bool
    seats: int | None
    rows: list[ResultRowOut]


class VoteOut(Schema):
    id: int
    uid: str = Field(description="Mã toàn cục của cuộc bỏ phiếu (trong hồ sơ kiểm chứng).")
    title: str
    kind: str = Field(description="approval | election | confidence | motion")
    mode: str = Field(description="paper | electronic")
    status: str = Field(description="draft | keys | open | closed | counted | final")
    year: int
    held_on: dt.date
    seats: int | None = Field(description="Số người cần bầu (bầu cử).")
    organiser_term_id: int | None
    organiser_unit_id: int | None
    roll: int = Field(description="Số cử tri trong danh sách.")
    summoned: int | None = Field(description="Số được triệu tập.")
    voted: int | None = Field(description="Số đã bỏ phiếu (điện tử); phiếu giấy: trống.")


class VoteDetailOut(VoteOut):
    context: str = Field(description="Chuỗi ràng buộc mọi chứng minh của cuộc bỏ phiếu.")
    public_key: str = Field(description="Khóa công khai (hex) khi đã mở bỏ phiếu; trống trước.")
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    candidates: list[VoteCandidateOut]
    questions: list[QuestionOut] = Field(description="Cấu trúc lá phiếu điện tử.")
    committee: list[CommitteeOut]
    trustees: list[TrusteeOut]
    rule: dict[str, Any] | None = Field(
        description="Quy định áp dụng theo ngày họp, với trích dẫn và is_parameter; trống khi "
        "sổ quy định chưa có."
    )
    may_manage: bool
    result: ResultOut | None = Field(description="Chỉ có khi cuộc bỏ phiếu đã có kết quả.")


class VoteCandidateIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    person_id: int | None = Field(None, ge=1, le=ID_MAX)
    unit_id: int | None = Field(None, ge=1, le=ID_MAX)


class VoterIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    user_id: int | None = Field(
        None, ge=1, le=ID_MAX, description="Tài khoản; trống: người dự họp dùng mã một lần."
    )
    unit_id: int | None = Field(None, ge=1, le=ID_MAX)


class VoteIn(Schema):
    title: str = Field(max_length=300)
    kind: KINDS
    mode: MODES
    year: int = Field(ge=2000, le=2100)
    held_on: IsoDate = Field(description="Ngày họp: quy định được đọc theo ngày này.")
    rule_prefix: str = Field(
        max_length=60,
        description="deliberation | council_vote | officer_election | confidence_vote | motion",
    )
    candidates: list[VoteCandidateIn] = Field(max_length=LINES_MAX)
    roll: list[VoterIn] = Field([], max_length=LINES_MAX)
    committee: list[int] = Field([], max_length=50, description="Tài khoản ban kiểm phiếu.")
    trustees: list[int] = Field([], max_length=50, description="Tài khoản người giữ khóa.")
    seats: int | None = Field(None, ge=1, le=LINES_MAX)
    summoned: int | None = Field(None, ge=0, le=COUNT_MAX)
    organiser_term_id: int | None = Field(None, ge=1, le=ID_MAX, description="Cụm tổ chức.")
    organiser_unit_id: int | None = Field(None, ge=1, le=ID_MAX, description="Ban tổ chức.")
    opens_at: IsoDateTime | None = None
    closes_at: IsoDateTime | None = None


class CountLineIn(Schema):
    candidate_id: int = Field(ge=1, le=ID_MAX)
    counts: list[int] = Field(
        max_length=3,
        description="Số phiếu theo từng lựa chọn: một số (đồng ý, bầu); ba (cao, tín nhiệm, "
        "thấp); hai (tán thành, không tán thành).",
    )


class PaperCountIn(Schema):
    present: int = Field(ge=0, le=COUNT_MAX)
    issued: int = Field(ge=0, le=COUNT_MAX, description="Số phiếu phát ra.")
    received: int = Field(ge=0, le=COUNT_MAX, description="Số phiếu thu vào.")
    valid: int = Field(ge=0, le=COUNT_MAX)
    invalid: int = Field(ge=0, le=COUNT_MAX)
    written: int = Field(0, ge=0, le=COUNT_MAX, description="Phiếu gửi bằng văn bản.")
    counts: list[CountLineIn] = Field(max_length=LINES_MAX)


class CastIn(Schema):
    ballot: dict[str, Any] = Field(description="Lá phiếu đã mã hóa, kèm chứng minh.")
    code: str | None = Field(
        None,
        max_length=40,
        description="Mã một lần phát tại hội nghị (người không có tài khoản).",
    )


class TrusteeKeyIn(Schema):
    key: dict[str, Any] = Field(description="Phần công khai của khóa và chứng minh.")


class PartialIn(Schema):
    partial: dict[str, Any] = Field(description="Phần giải mã tổng phiếu và chứng minh.")


class ReceiptOut(Schema):
    tracker: str = Field(description="Mã theo dõi lá phiếu, tra trên danh sách công khai.")


class CodeOut(Schema):
    name: str
    code: str


class CodesOut(Schema):
    codes: list[CodeOut] = Field(description="Chỉ hiện một lần: in ra và phát tại hội nghị.")


class BallotOut(Schema):
    tracker: str
    cast_at: dt.datetime


class BallotPageOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[BallotOut]
