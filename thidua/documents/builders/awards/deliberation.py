"""The minutes of a round's deliberation meeting (biên bản họp bình xét): the day, who was
summoned and present, each candidate with its approvals and whether it is proposed, and the
threshold of the rule book cited.

Read as the asking user may read the round (``awards.selectors.rounds.round_view``); a round
not yet deliberated has no minutes. A round deliberated by secret ballot names its vote, whose
own minutes (``vote_minutes``) give the count.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.awards.models import NominationRound, RoundStatus
from thidua.awards.selectors.rounds import RoundView, round_view
from thidua.awards.services.submission import approval_base
from thidua.core.errors import NotFoundError
from thidua.documents.builders import builder
from thidua.documents.builders.awards.common import (
    award_name,
    date_words,
    number_vi,
    ratio_words,
    round_body_name,
    round_issuer,
    round_signature,
    share_percent,
)
from thidua.documents.builders.issuers import (
    BLANK_NAME,
)
from thidua.documents.builders.ordinal import with_ordinal
from thidua.documents.content import (
    Block,
    DocumentContent,
    Heading,
    Paragraph,
    Signature,
    Table,
    draft_header,
)
from thidua.rulebook.selectors import rule_set_on

ABBREVIATION = "BB"
COLUMNS = ["STT", "Tên tập thể, cá nhân", "Hình thức khen", "Số phiếu đồng ý", "Tỷ lệ", "Kết quả"]


def deliberated_view(user: User, round_id: int) -> RoundView:
    """The round as the user may read it, once its deliberation is recorded."""
    view = round_view(user=user, round_id=round_id)
    if view.round.status == RoundStatus.DRAFT or view.round.deliberated_on is None:
        raise NotFoundError(_("Đợt xét chưa bình xét: chưa có biên bản."))
    return view


def threshold_sentence(view: RoundView, base: int) -> str:
    """ "Đạt từ 1/2 tổng số thành viên được triệu tập (10) trở lên, tức từ 5 phiếu (căn cứ …)"."""
    if view.threshold is None:
        return "Chưa có quy định về tỷ lệ phiếu đồng ý vào ngày họp."
    needed = view.threshold * base
    least = needed.numerator // needed.denominator + (1 if needed.denominator > 1 else 0)
    by_present = base == view.round.present and base != view.round.summoned
    over = "số thành viên có mặt" if by_present else "tổng số thành viên được triệu tập"
    cited = f" (căn cứ {view.threshold_citation})" if view.threshold_citation else ""
    return (
        f"Tỷ lệ phiếu đồng ý để đề nghị: đạt từ {ratio_words(view.threshold)} {over} "
        f"({number_vi(base)}) trở lên, tức từ {number_vi(least)} phiếu{cited}."
    )


def vote_line(round_: NominationRound) -> Block | None:
    """A round deliberated by secret ballot (when the round has its vote) names it."""
    vote = getattr(round_, "vote", None)
    if vote is None:
        return None
    return Paragraph(
        f"Hội nghị bỏ phiếu kín ({vote.title}); kết quả kiểm phiếu ghi trong biên bản kiểm "
        "phiếu kèm theo."
    )


def _base(round_: NominationRound, on: dt.date) -> int:
    return approval_base(round_, rule_set_on(on))


@builder(
    "deliberation_minutes", source="round", label=gettext_noop("Biên bản họp bình xét khen thưởng")
)
def build(source_id: int, user: User) -> DocumentContent:
    view = deliberated_view(user, source_id)
    round_ = view.round
    on = round_.deliberated_on or dt.date(round_.year + 1, 1, 1)
    issuer = round_issuer(round_)
    summoned, present = round_.summoned or 0, round_.present or 0
    base = _base(round_, on)
    body: list[Block] = [
        Paragraph(
            f"Hôm nay, {date_words(on)}, {round_body_name(round_)} họp bình xét thi đua, "
            f"khen thưởng năm {round_.year}."
        ),
        Heading("I. THÀNH PHẦN"),
        Paragraph(
            f"Số thành viên được triệu tập: {number_vi(summoned)}; có mặt: {number_vi(present)}; "
            f"vắng mặt: {number_vi(summoned - present)}."
        ),
        Heading("II. KẾT QUẢ BÌNH XÉT"),
    ]
    line = vote_line(round_)
    if line is not None:
        body.append(line)
    body.append(Paragraph(threshold_sentence(view, base)))
    rows = []
    for index, row in enumerate(view.rows, start=1):
        c = row.candidate
        share = Fraction(c.approvals, base) if c.approvals is not None and base else None
        rows.append(
            [
                number_vi(index),
                c.subject_name,
                award_name(c.award),
                number_vi(c.approvals),
                share_percent(share),
                "Đề nghị" if c.proposed else "Không đề nghị",
            ]
        )
    body.append(
        Table(
            COLUMNS,
            rows,
            align=["center", "left", "left", "right", "right", "left"],
            # mm of the 145 beside the ordinal column: "100,00 %" in 13 pt needs some 22.
            widths=with_ordinal([40, 38, 20, 23, 24]),
        )
    )
    proposed = sum(1 for r in view.rows if r.candidate.proposed)
    body.append(
        Paragraph(
            f"Hội nghị thống nhất đề nghị {number_vi(proposed)} trên "
            f"{number_vi(len(view.rows))} trường hợp được bình xét."
        )
    )
    if round_.minutes_note:
        body.append(Paragraph(round_.minutes_note))
    body.append(
        Paragraph("Biên bản được thông qua tại Hội nghị và được các thành viên dự họp thống nhất.")
    )
    return DocumentContent(
        kind="deliberation_minutes",
        type_name="BIÊN BẢN",
        type_abbreviation=ABBREVIATION,
        summary=f"họp bình xét thi đua, khen thưởng năm {round_.year}",
        issuer=issuer,
        header=draft_header(issuer, ABBREVIATION, on.year),
        body=body,
        signatures=[Signature(title="THƯ KÝ", signer=BLANK_NAME), round_signature(round_, on)],
        recipients=["- Các thành viên dự họp,", "- Lưu hồ sơ đợt xét."],
        source={"round": round_.pk},
    )
