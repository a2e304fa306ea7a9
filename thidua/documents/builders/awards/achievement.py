"""The achievement report (báo cáo thành tích) of one candidate of a round, prefilled from its
records: the years' ratings and initiatives, the titles and awards already received; what only
the unit can write (its tasks, its results in words) is left as placeholders.

The source is the CANDIDATE's id (a round has many reports, one per candidate; the registry of
builders names the source "round" because a candidate is a line of a round). Read as the user may
read the subject's records (``awards.access``): the unit itself and the sector's readers write
it, not another board.
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.awards.access import may_read_person_records, may_read_unit_records
from thidua.awards.engine.catalogue import AwardKind
from thidua.awards.models import AchievementYear, Candidate, Grant, Initiative, Rating
from thidua.awards.selectors.judging import catalogue
from thidua.awards.selectors.records import person_records, unit_records
from thidua.core.dates import date_text
from thidua.core.errors import NotFoundError
from thidua.documents.builders import builder
from thidua.documents.builders.awards.common import (
    VI,
    award_name,
    leader_name,
    number_vi,
)
from thidua.documents.builders.issuers import (
    unit_issuer,
)
from thidua.documents.content import (
    Block,
    DocumentContent,
    Heading,
    Paragraph,
    Placeholder,
    Signature,
    Table,
    draft_header,
)

ABBREVIATION = "BC"
# How many years of achievement a report recounts, up to the round's year (the longest run an
# award of the catalogue looks back on is five years).
YEARS_SHOWN = 5
INITIATIVE_LEVELS = {
    "base": "Cấp cơ sở",
    "ministry": "Cấp bộ, ban, ngành, tỉnh",
    "national": "Toàn quốc",
}


def rating_words(value: str) -> str:
    """The rating as the decree words it (the labels' source text is the Vietnamese)."""
    with translation.override(VI):
        return str(Rating(value).label)


def _candidate_for(user: User, candidate_id: int) -> Candidate:
    candidate = (
        Candidate.objects.select_related("round", "person", "unit", "unit__parent")
        .filter(pk=candidate_id)
        .first()
    )
    if candidate is None:
        raise NotFoundError(_("Không tìm thấy người, tập thể được xét."))
    if candidate.person is not None:
        allowed = may_read_person_records(user, candidate.person)
    else:
        allowed = candidate.unit is not None and may_read_unit_records(user, candidate.unit)
    if not allowed:
        raise NotFoundError(_("Không tìm thấy người, tập thể được xét."))
    return candidate


def _years_table(
    years: list[AchievementYear],
    initiatives: list[Initiative],
    grants: list[Grant],
    first: int,
    last: int,
) -> Table:
    by_year = {y.year: y for y in years}
    rows = []
    for year in range(first, last + 1):
        record = by_year.get(year)
        count = sum(1 for i in initiatives if i.year == year)
        received = ", ".join(award_name(g.award) for g in grants if g.year == year)
        rows.append(
            [
                str(year),
                rating_words(record.rating) if record and record.rating else "Chưa có số liệu",
                number_vi(count),
                received,
            ]
        )
    return Table(
        ["Năm", "Xếp loại hoàn thành nhiệm vụ", "Số sáng kiến", "Danh hiệu, khen thưởng"],
        rows,
        align=["center", "left", "right", "left"],
        widths=[0.8, 3, 1.2, 4],
    )


def _initiatives(initiatives: list[Initiative], first: int, last: int) -> list[Block]:
    shown = [i for i in initiatives if first <= i.year <= last]
    if not shown:
        return [Paragraph("Sáng kiến, đề tài được công nhận: không có trong hồ sơ.")]
    rows = [
        [
            str(i.year),
            i.title,
            INITIATIVE_LEVELS.get(i.level, i.level),
            ", ".join(filter(None, [i.decision, date_text(i.decided_on) if i.decided_on else ""])),
        ]
        for i in sorted(shown, key=lambda i: (i.year, i.pk))
    ]
    return [
        Paragraph("Sáng kiến, đề tài được công nhận:"),
        Table(
            ["Năm", "Tên sáng kiến, đề tài", "Cấp công nhận", "Quyết định công nhận"],
            rows,
            align=["center", "left", "left", "left"],
        ),
    ]


def _received(grants: list[Grant], *, titles: bool, heading: str) -> list[Block]:
    """The titles received (``titles``), or every other form of award."""
    codes = {a.code for a in catalogue() if a.kind == AwardKind.TITLE}
    chosen = [g for g in grants if (g.award in codes) == titles]
    if not chosen:
        return [Heading(heading, level=2), Paragraph("Không có.")]
    rows = [
        [
            str(g.year),
            award_name(g.award),
            f"{g.decision_number}, {date_text(g.decided_on)}",
            g.issuer,
        ]
        for g in sorted(chosen, key=lambda g: (g.year, g.decided_on, g.pk))
    ]
    return [
        Heading(heading, level=2),
        Table(
            ["Năm", "Danh hiệu, hình thức", "Số, ngày quyết định", "Cơ quan quyết định"],
            rows,
            align=["center", "left", "left", "left"],
        ),
    ]


@builder("achievement_report", source="candidate", label=gettext_noop("Báo cáo thành tích"))
def build(source_id: int, user: User) -> DocumentContent:
    """One report per candidate of a round: ``source_id`` is the candidate's id."""
    candidate = _candidate_for(user, source_id)
    round_ = candidate.round
    last, first = round_.year, round_.year - YEARS_SHOWN + 1
    on = dt.date(round_.year, 12, 31)
    award = award_name(candidate.award)
    body: list[Block] = []
    signatures: list[Signature]
    if candidate.person is not None:
        records = person_records(user=user, person=candidate.person)
        years, initiatives, grants = records.years, records.initiatives, records.grants
        titles = ", ".join(sorted({p.title for p in records.positions})) or "…"
        unit = candidate.unit
        body += [
            Heading("I. SƠ LƯỢC LÝ LỊCH"),
            Paragraph(f"Họ và tên: {candidate.person.full_name}"),
            Paragraph(f"Năm sinh: {candidate.person.birth_year or '…'}"),
            Paragraph(f"Chức vụ: {titles}"),
            Paragraph(f"Đơn vị công tác: {unit.name if unit else '…'}"),
            Placeholder(
                "Quá trình công tác, trình độ chuyên môn, lý luận chính trị (cá nhân ghi)."
            ),
        ]
        signatures = [
            Signature(title="XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", signer=leader_name(unit, on)),
            Signature(title="NGƯỜI BÁO CÁO THÀNH TÍCH", signer=candidate.person.full_name),
        ]
    else:
        unit = candidate.unit
        if unit is None:  # a candidate names a person or a unit (a check constraint)
            raise NotFoundError(_("Không tìm thấy người, tập thể được xét."))
        records_of_unit = unit_records(user=user, unit=unit, year=round_.year)
        years = records_of_unit.years
        initiatives, grants = records_of_unit.initiatives, records_of_unit.grants
        body += [
            Heading("I. ĐẶC ĐIỂM, TÌNH HÌNH"),
            Paragraph(f"Tên tập thể: {unit.name}"),
            Paragraph(f"Cơ quan cấp trên trực tiếp: {unit.parent.name if unit.parent else '…'}"),
            Placeholder(
                "Chức năng, nhiệm vụ; tổ chức bộ máy, số lượng cán bộ; thuận lợi, khó khăn "
                "(đơn vị ghi)."
            ),
        ]
        signatures = [Signature(title="TRƯỞNG BAN", signer=leader_name(unit, on))]
    received = [
        g for g in grants if not g.revoked and g.year <= last and g.candidate_id != candidate.pk
    ]
    body += [
        Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        Placeholder(
            "Kết quả thực hiện nhiệm vụ được giao, các giải pháp, biện pháp đã áp dụng, phong "
            "trào thi đua đã tổ chức (ghi cụ thể, có số liệu)."
        ),
        Paragraph(f"Kết quả xếp loại và sáng kiến từ năm {first} đến năm {last}:"),
        _years_table(years, initiatives, received, first, last),
        *_initiatives(initiatives, first, last),
        Heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        *_received(received, titles=True, heading="1. Danh hiệu thi đua"),
        *_received(received, titles=False, heading="2. Hình thức khen thưởng"),
        Placeholder("Những thành tích khác chưa có trong hồ sơ (nếu có)."),
    ]
    issuer = unit_issuer(unit, round_.year) if unit is not None else None
    if issuer is None:
        raise NotFoundError(_("Không tìm thấy người, tập thể được xét."))
    return DocumentContent(
        kind="achievement_report",
        type_name="BÁO CÁO",
        type_abbreviation=ABBREVIATION,
        summary=f"thành tích đề nghị tặng {award} năm {round_.year}",
        issuer=issuer,
        header=draft_header(issuer, ABBREVIATION, round_.year + 1),
        body=body,
        signatures=signatures,
        recipients=[],
        source={"round": round_.pk, "candidate": candidate.pk},
    )
