import datetime as dt

from ninja import Field, Schema


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    code: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class LineageStepOut(Schema):
    unit: UnitOut
    effective_date: dt.date
    legal_basis: str
    depth: int
    via_id: int | None


class LineageOut(Schema):
    predecessors: list[LineageStepOut]
    successors: list[LineageStepOut]


class TermOut(Schema):
    id: int
    cluster_number: int
    cluster_name: str
    year: int
    regulation: str
    head: UnitOut | None
    deputies: list[UnitOut]
    members: list[UnitOut]


class ErrorOut(Schema):
    detail: str


class RolloverIn(Schema):
    from_year: int = Field(ge=2000, le=2100, description="Năm lấy làm gốc.")
    to_year: int = Field(ge=2000, le=2100, description="Năm được lập.")
    dry_run: bool = Field(True, description="true: chỉ xem đề xuất, không ghi gì.")


class ReplacementOut(Schema):
    dissolved: UnitOut
    successor: UnitOut


class DroppedOut(Schema):
    unit: UnitOut
    reason: str


class ProposedTermOut(Schema):
    cluster_number: int
    cluster_name: str
    already_exists: bool
    members: list[UnitOut]
    replacements: list[ReplacementOut]
    dropped: list[DroppedOut]
    term_id: int | None = None


class RolloverOut(Schema):
    from_year: int
    to_year: int
    dry_run: bool
    terms: list[ProposedTermOut]
