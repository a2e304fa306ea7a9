"""The submission (tờ trình) of a round's list: those proposed after the deliberation, by award,
each with its approvals and the grounds (eligible under the rules cited, or the written reason an
ineligible one is still proposed), the quota line, to the level that decides.

Read as the asking user may read the round; a round not yet deliberated has no list to submit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import translation
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.awards.models import NominationRound, RoundLevel, Verdict
from thidua.awards.selectors.rounds import CandidateRow
from thidua.awards.services.submission import GOVERNMENT_FLAG, quota_problems
from thidua.documents.builders import builder
from thidua.documents.builders.awards.common import (
    VI,
    award_name,
    date_words,
    number_vi,
    round_body_name,
    round_issuer,
    round_signature,
)
from thidua.documents.builders.awards.deliberation import deliberated_view
from thidua.documents.builders.ordinal import with_ordinal
from thidua.documents.content import (
    Block,
    DocumentContent,
    Heading,
    Paragraph,
    Table,
    draft_header,
)

ABBREVIATION = "TTr"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def addressee(round_: NominationRound) -> str:
    """Who decides: the Commission's council for a cluster's list, the Commission's head for the
    council's own, the board's head for a board's."""
    if round_.level == RoundLevel.CLUSTER:
        return "Hội đồng Thi đua, Khen thưởng Ban Tổ chức Trung ương"
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return f"Đồng chí Trưởng {round_.unit.name}"
    return "Đồng chí Trưởng Ban Tổ chức Trung ương"


def distinct_citations(texts: list[str]) -> list[str]:
    """Each instrument cited once: the engine cites a rule's instrument alone on one line
    ("Luật Thi đua, khen thưởng 2003 …") and an article of it on another ("Điều 26 Luật Thi
    đua, khen thưởng 2003 …"); the article names the instrument already, so the bare
    instrument is dropped."""
    unique = sorted(set(texts))
    return [t for t in unique if not any(o != t and o.endswith(f" {t}") for o in unique)]


def grounds(row: CandidateRow) -> str:
    """Why the candidate is proposed, in the council's words."""
    c = row.candidate
    cited = distinct_citations([str(line["citation"]) for line in row.lines if line["citation"]])
    basis = f" ({'; '.join(cited)})" if cited else ""
    if c.verdict == Verdict.ELIGIBLE:
        return f"Đủ điều kiện{basis}."
    unmet = row.reason_unmet["text"] if row.reason_unmet else ""
    label = "Chưa đủ điều kiện" if c.verdict == Verdict.NOT_ELIGIBLE else "Chưa đủ dữ kiện để xét"
    text = f"{label}: {unmet}" if unmet else label
    if c.kept_reason:
        text += f". Lý do vẫn đề nghị: {c.kept_reason}"
    return text.rstrip(".") + "."


def quota_lines(round_: NominationRound, on: dt.date, proposed: list[CandidateRow]) -> list[str]:
    """The quota as it stands: the Government flag's limit among cluster leaders, where the
    list proposes it; otherwise the counts of the list."""
    units = sum(1 for r in proposed if r.candidate.person_id is None)
    people = len(proposed) - units
    lines = [
        f"Tổng số đề nghị: {number_vi(units)} tập thể, {number_vi(people)} cá nhân.",
    ]
    flags = sum(1 for r in proposed if r.candidate.award == GOVERNMENT_FLAG)
    if flags:
        problems = quota_problems(round_, on)
        if problems:
            lines += problems
        else:
            lines.append(
                f"Số đề nghị {award_name(GOVERNMENT_FLAG)}: {number_vi(flags)}, trong hạn mức "
                "quy định."
            )
    return lines


@builder("submission", source="round", label=gettext_noop("Tờ trình đề nghị khen thưởng"))
def build(source_id: int, user: User) -> DocumentContent:
    # The candidates' reasons are kept as message ids: rendered in Vietnamese for the document.
    with translation.override(VI):
        view = deliberated_view(user, source_id)
        round_ = view.round
        on = round_.submitted_on or round_.deliberated_on or dt.date(round_.year + 1, 1, 1)
        proposed = [r for r in view.rows if r.candidate.proposed]
        by_award: dict[str, list[CandidateRow]] = defaultdict(list)
        for row in proposed:
            by_award[row.candidate.award].append(row)
        reasons = {r.candidate.pk: grounds(r) for r in proposed}
        quota = quota_lines(round_, on, proposed)
    issuer = round_issuer(round_)
    body: list[Block] = [
        Paragraph(f"Kính gửi: {addressee(round_)}", align="center", indent=False),
    ]
    cited = f" (tỷ lệ phiếu theo {view.threshold_citation})" if view.threshold_citation else ""
    deliberated = round_.deliberated_on
    meeting = f" {date_words(deliberated)}" if deliberated else ""
    body.append(
        Paragraph(
            f"Căn cứ kết quả họp bình xét{meeting} của {round_body_name(round_)}{cited}, "
            f"{round_body_name(round_)} kính trình xem xét, khen thưởng cho các tập thể, cá nhân "
            f"có thành tích trong phong trào thi đua năm {round_.year} như sau:"
        )
    )
    for index, (award, rows) in enumerate(by_award.items()):
        numeral = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        body.append(
            Heading(f"{numeral}. {award_name(award).upper()}: {number_vi(len(rows))} trường hợp")
        )
        table_rows = [
            [
                number_vi(i),
                r.candidate.subject_name,
                number_vi(r.candidate.approvals),
                reasons[r.candidate.pk],
            ]
            for i, r in enumerate(rows, start=1)
        ]
        body.append(
            Table(
                ["STT", "Tên tập thể, cá nhân", "Số phiếu đồng ý", "Căn cứ đề nghị"],
                table_rows,
                align=["center", "left", "right", "left"],
                widths=with_ordinal([3, 1.2, 5]),
            )
        )
    if not proposed:
        body.append(Paragraph("Không có trường hợp nào được đề nghị sau bình xét."))
    body.append(Heading("HẠN MỨC, SỐ LƯỢNG"))
    body += [Paragraph(line) for line in quota]
    body.append(
        Paragraph(
            "Hồ sơ kèm theo: biên bản họp bình xét, báo cáo thành tích của các tập thể, cá nhân. "
            "Kính trình xem xét, quyết định."
        )
    )
    return DocumentContent(
        kind="submission",
        type_name="TỜ TRÌNH",
        type_abbreviation=ABBREVIATION,
        summary=f"đề nghị khen thưởng năm {round_.year}",
        issuer=issuer,
        header=draft_header(issuer, ABBREVIATION, on.year),
        body=body,
        signatures=[round_signature(round_, on)],
        recipients=["- Như trên,", "- Lưu hồ sơ đợt xét."],
        source={"round": round_.pk},
    )
