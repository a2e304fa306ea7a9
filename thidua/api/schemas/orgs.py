import datetime as dt

from ninja import Schema


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
