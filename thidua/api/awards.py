"""Awards: the catalogue, and the eligibility of a submitted case for an award
(``POST /awards/eligibility``), explained condition by condition with citations.

Every signed-in user may ask: the engine judges the facts sent, it reveals nothing stored. The
same engine answers for a stored person or unit (``GET /people/{id}/eligibility``, ``GET
/units/{id}/eligibility``) to whoever may read their records.
Conditions come back in the request's language; legal citations stay in Vietnamese.
"""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from thidua.api.schemas.errors import READ_REFUSALS
from thidua.api.schemas.plans import ProblemsOut
from thidua.api.schemas.types import IsoDate
from thidua.awards.engine.catalogue import Award, SubjectKind
from thidua.awards.selectors import catalogue_for, eligibility_for
from thidua.awards.selectors.records import person_get_for, records_unit_get_for
from thidua.awards.selectors.stored import person_eligibility_for, unit_eligibility_for
from thidua.rulebook.engine.types import Message, Verdict

router = Router(tags=["awards"])
ERRORS: dict[int, type[Schema]] = {400: ProblemsOut, 401: ProblemsOut, 403: ProblemsOut}


class AwardOut(Schema):
    code: str
    name: str = Field(description="Tên tiếng Việt, như quyết định ghi.")
    abbreviation: str
    kind: str = Field(description="title | certificate | flag | medal")
    subjects: list[str] = Field(description="individual và/hoặc collective")
    level: str = Field(description="unit | ministry | government: cấp tặng")
    level_name: str
    configurable: bool = Field(description="Tên, ký hiệu do ngành tự đặt (cấu hình).")


class SubjectIn(Schema):
    kind: Literal["individual", "collective"]
    unit_id: int | None = Field(
        None, description="Đơn vị (tập thể): đơn vị đã giải thể được xét như chính nó."
    )
    person_id: int | None = Field(None, description="Chưa dùng: thành tích lấy từ `history`.")


class YearIn(Schema):
    rating: Literal["excellent", "good", "completed", "not_completed"] | None = None
    titles: list[str] = Field([], description="Mã danh hiệu thi đua đã được tặng trong năm.")
    awards: list[str] = Field([], description="Mã hình thức khen thưởng đã nhận trong năm.")
    initiatives: int | None = Field(None, description="Số sáng kiến, đề tài được công nhận.")
    initiatives_ministry: int | None = Field(
        None, description="Trong đó, số được công nhận cấp bộ, ban, ngành, tỉnh trở lên."
    )
    members: int | None = None
    members_completed: int | None = None
    members_ldtt: int | None = None
    members_cstdcs: int | None = None
    leads_cluster: bool | None = Field(None, description="Tập thể dẫn đầu cụm, khối thi đua.")


class DisciplineIn(Schema):
    start: IsoDate
    end: IsoDate | None = Field(None, description="Ngày chấp hành xong; trống là đang chấp hành.")


class EligibilityIn(Schema):
    subject: SubjectIn
    history: dict[str, YearIn] = Field(description="Thành tích theo năm: {“2024”: {...}}.")
    pending: list[str] = Field(
        [], description="Vụ việc đang xem xét: disciplinary_review, inspection, complaint, …"
    )
    discipline: list[DisciplineIn] = []
    award: str = Field(description="Mã danh hiệu, hình thức khen (GET /awards/catalogue).")
    judged_on: IsoDate | None = Field(None, description="Ngày xét (YYYY-MM-DD); mặc định hôm nay.")
    year: int | None = Field(None, description="Năm thành tích được xét; mặc định năm gần nhất.")


class EligibilityConditionOut(Schema):
    text: str
    met: bool | None = Field(description="Đạt / không đạt; trống: thiếu dữ kiện để kết luận.")
    citation: str | None
    facts: dict[str, Any]


class EligibilityOut(Schema):
    award: str
    judged_on: dt.date
    result: str = Field(description="eligible | not_eligible | cannot_tell")
    citation: str | None
    conditions: list[EligibilityConditionOut]


def _render(message: Message) -> str:
    """The line in the request's language; a text parameter that is itself a message id (a
    rating, "không") is translated too, others (years, award names) have no entry and stay."""
    params = {
        name: _(value) if isinstance(value, str) and value else value
        for name, value in message.params.items()
    }
    return _(message.msgid) % params if params else _(message.msgid)


def award_out(award: Award) -> AwardOut:
    return AwardOut(
        code=award.code,
        name=award.name,
        abbreviation=award.abbreviation,
        kind=award.kind.value,
        subjects=[s.value for s in award.subjects],
        level=award.level.value,
        level_name=_(award.level.label),
        configurable=award.configurable,
    )


@router.get("/awards/catalogue", response={200: list[AwardOut], **ERRORS})
def list_catalogue(request: HttpRequest) -> list[AwardOut]:
    return [award_out(a) for a in catalogue_for(user=request.user)]


@router.post("/awards/eligibility", response={200: EligibilityOut, **ERRORS})
def eligibility(request: HttpRequest, payload: EligibilityIn) -> EligibilityOut:
    day = payload.judged_on or timezone.localdate()
    facts: dict[str, object] = {
        "history": {
            year: entry.model_dump(exclude_none=True) for year, entry in payload.history.items()
        },
        "pending": payload.pending,
        "discipline": [
            {"start": d.start.isoformat(), "end": d.end.isoformat() if d.end else None}
            for d in payload.discipline
        ],
    }
    if payload.year is not None:
        facts["year"] = payload.year
    # A history the engine cannot use, an award without conditions or a date with no rule in
    # force are the API's own rules, which the document cannot state: 400 with every problem
    # under its field (thidua.api.api's handler), not 422.
    verdict = eligibility_for(
        user=request.user,
        subject=SubjectKind(payload.subject.kind),
        facts=facts,
        award=payload.award,
        judged_on=day,
        unit_id=payload.subject.unit_id,
    )
    return _verdict_out(payload.award, day, verdict)


def _verdict_out(award: str, day: dt.date, verdict: Verdict) -> EligibilityOut:
    return EligibilityOut(
        award=award,
        judged_on=day,
        result=verdict.outcome.value,
        citation=verdict.citation.text if verdict.citation else None,
        conditions=[
            EligibilityConditionOut(
                text=_render(line.message),
                met=line.met,
                citation=line.citation.text if line.citation else None,
                facts=dict(line.facts),
            )
            for line in verdict.lines
        ],
    )


# The stored records: whoever may read the subject's records asks (403 otherwise); an unknown
# id is 404; an award the engine cannot judge for this subject, or a day with no rule in force,
# is 400 with the problem under ``award`` or ``on``.
STORED = {200: EligibilityOut, 403: ProblemsOut, **READ_REFUSALS}


class StoredQuery(Schema):
    award: str = Field(description="Mã danh hiệu, hình thức khen (GET /awards/catalogue).")
    on: IsoDate | None = Field(None, description="Ngày xét (YYYY-MM-DD); mặc định hôm nay.")


@router.get("/people/{int:person_id}/eligibility", response=STORED)
def person_eligibility(
    request: HttpRequest,
    person_id: int,
    params: Query[StoredQuery],
) -> EligibilityOut:
    """Đánh giá điều kiện của một cá nhân theo hồ sơ thành tích đã lưu."""
    day = params.on or timezone.localdate()
    person = person_get_for(user=request.user, pk=person_id)
    verdict = person_eligibility_for(user=request.user, person=person, award=params.award, on=day)
    return _verdict_out(params.award, day, verdict)


@router.get("/units/{unit_id}/eligibility", response=STORED)
def unit_eligibility(
    request: HttpRequest,
    unit_id: int,
    params: Query[StoredQuery],
) -> EligibilityOut:
    """Đánh giá điều kiện của một tập thể theo hồ sơ thành tích đã lưu."""
    day = params.on or timezone.localdate()
    unit = records_unit_get_for(user=request.user, pk=unit_id)
    verdict = unit_eligibility_for(user=request.user, unit=unit, award=params.award, on=day)
    return _verdict_out(params.award, day, verdict)
