"""The rule book: instruments with their rules, the rules in force on a date, and a rule tried
on a case (``POST /rulebook/evaluate``), its verdict explained line by line with citations.

The rule book is public law, so every signed-in user reads it and tries its rules. Engine
messages come back in the request's language; legal citations stay in Vietnamese.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from thidua.api.schemas.plans import ProblemOut, ProblemsOut
from thidua.api.schemas.types import IsoDate
from thidua.core.errors import ValidationFailedError
from thidua.rulebook.engine.types import Verdict
from thidua.rulebook.evaluation import rule_evaluate_for, say
from thidua.rulebook.models import Instrument, Rule
from thidua.rulebook.selectors import instruments_for, rules_on_for

router = Router(tags=["rulebook"])
ERRORS: dict[int, type[Schema]] = {400: ProblemsOut, 401: ProblemsOut, 403: ProblemsOut}
VALUE = "Giá trị: số nguyên, true/false, chuỗi; tỷ lệ là chuỗi chính xác (“0.20”, “2/3”)."


class RuleOut(Schema):
    key: str
    label: str
    value: Any = Field(description=VALUE)
    instrument: str = Field(description="Số, ký hiệu văn bản.")
    citation: str = Field(description="Điều, khoản và văn bản, ví dụ “Điều 25 Luật 06/2022/QH15”.")
    article: str
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Ngày cuối áp dụng; trống là đang áp dụng.")
    confidence: str = Field(description="confirmed | partly | unconfirmed")
    is_parameter: bool
    note: str


class InstrumentOut(Schema):
    number: str
    short_name: str
    kind: str
    issuer: str
    title: str
    signed_on: dt.date | None
    effective_from: dt.date
    effective_to: dt.date | None
    replaces: str | None = Field(description="Số của văn bản được thay thế.")
    note: str
    rules: list[RuleOut]


class RulesQuery(Schema):
    on: IsoDate | None = Field(None, description="Ngày (YYYY-MM-DD); mặc định hôm nay.")


class EvaluateIn(Schema):
    rule: str = Field(description="Tên quy tắc, ví dụ “government_flag_quota”.")
    facts: dict[str, Any] = Field(
        description="Dữ kiện của quy tắc, ví dụ {“cluster_leaders”: 15, “proposals”: 3}."
    )
    on: IsoDate | None = Field(None, description="Ngày xét (YYYY-MM-DD); mặc định hôm nay.")


class LineOut(Schema):
    text: str
    met: bool | None = Field(description="Đạt / không đạt; trống với dòng chỉ nêu số liệu.")
    citation: str | None
    facts: dict[str, Any]


class RuleUsedOut(Schema):
    key: str
    value: Any = Field(description=VALUE)
    citation: str
    confidence: str = Field(description="confirmed | partly | unconfirmed")


class VerdictOut(Schema):
    rule: str
    on: dt.date
    outcome: str = Field(
        description=(
            "allowed | refused (hạn mức); eligible | not_eligible | cannot_tell (điều kiện); "
            "none | removed_from_planning | dismissal (lấy phiếu tín nhiệm)"
        )
    )
    explanation: list[LineOut]
    citation: str | None
    rules_used: list[RuleUsedOut] = []


def rule_out(rule: Rule) -> RuleOut:
    return RuleOut(
        key=rule.key,
        label=rule.label,
        value=rule.value,
        instrument=rule.instrument.number,
        citation=rule.citation.text,
        article=rule.article,
        valid_from=rule.valid_from,
        valid_to=rule.valid_to,
        confidence=rule.confidence,
        is_parameter=rule.is_parameter,
        note=rule.note,
    )


def instrument_out(instrument: Instrument) -> InstrumentOut:
    return InstrumentOut(
        number=instrument.number,
        short_name=instrument.short_name,
        kind=instrument.kind,
        issuer=instrument.issuer,
        title=instrument.title,
        signed_on=instrument.signed_on,
        effective_from=instrument.effective_from,
        effective_to=instrument.effective_to,
        replaces=instrument.replaces.number if instrument.replaces else None,
        note=instrument.note,
        rules=[rule_out(r) for r in instrument.rules.all()],
    )


def verdict_out(verdict: Verdict, on: dt.date) -> VerdictOut:
    return VerdictOut(
        rule=verdict.rule,
        on=on,
        outcome=verdict.outcome.value,
        explanation=[
            LineOut(
                text=say(line.message),
                met=line.met,
                citation=line.citation.text if line.citation else None,
                facts=dict(line.facts),
            )
            for line in verdict.lines
        ],
        citation=verdict.citation.text if verdict.citation else None,
        rules_used=[
            RuleUsedOut(
                key=used.key,
                value=used.value,
                citation=used.citation.text,
                confidence=used.confidence.value,
            )
            for used in verdict.used
        ],
    )


def _problems(refused: ValidationFailedError) -> ProblemsOut:
    return ProblemsOut(
        detail=refused.message,
        errors=[
            ProblemOut(field=name, message=message)
            for name, messages in refused.problems.items()
            for message in messages
        ],
    )


@router.get("/rulebook/instruments", response={200: list[InstrumentOut], **ERRORS})
def list_instruments(request: HttpRequest) -> list[InstrumentOut]:
    return [instrument_out(i) for i in instruments_for(user=request.user)]


@router.get("/rulebook/rules", response={200: list[RuleOut], 422: ProblemsOut, **ERRORS})
def list_rules(request: HttpRequest, params: Query[RulesQuery]) -> list[RuleOut]:
    day = params.on or timezone.localdate()
    return [rule_out(r) for r in rules_on_for(user=request.user, day=day)]


@router.post("/rulebook/evaluate", response={200: VerdictOut, 422: ProblemsOut, **ERRORS})
def evaluate(request: HttpRequest, payload: EvaluateIn) -> VerdictOut:
    """An unknown rule, facts the rule cannot use or a date with no rule in force are refused
    with 400 and every problem under its field: the document cannot state them (the facts are
    any object, the rules are those registered), so they are the API's own rules, not 422."""
    day = payload.on or timezone.localdate()
    verdict = rule_evaluate_for(user=request.user, rule=payload.rule, facts=payload.facts, on=day)
    return verdict_out(verdict, day)
