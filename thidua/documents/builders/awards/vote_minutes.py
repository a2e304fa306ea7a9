"""The counting committee's minutes (biên bản kiểm phiếu) of a final vote: the committee, the
roll, the ballots (issued, received, valid and invalid on paper; cast electronically, with the
key's fingerprint and where the election record is kept), each candidate's result against the
rule as applied, and the signatures.

Read as the asking user may read the vote (``voting.selectors.vote_get_for``); a vote without
its final result has no minutes yet. The figures come from the stored result, never recounted
here, so the minutes say exactly what the result said.
"""

from __future__ import annotations

import hashlib
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.documents.builders import builder
from thidua.documents.builders.awards.common import (
    date_words,
    first_lower,
    fraction_of,
    number_vi,
    ratio_words,
    share_percent,
)
from thidua.documents.builders.issuers import (
    cluster_issuer,
    commission_issuer,
    council_issuer,
    unit_issuer,
)
from thidua.documents.content import (
    Block,
    DocumentContent,
    Heading,
    Issuer,
    Paragraph,
    Signature,
    Table,
    draft_header,
)
from thidua.voting.models import PaperCount, Vote, VoteKind, VoteMode
from thidua.voting.selectors import minutes_data, vote_get_for

ABBREVIATION = "BB"
# Over whom a share is counted, as the minutes word it.
DENOMINATOR_WORDS = {
    "roll": "tổng số người được triệu tập",
    "present": "số người có mặt",
    "cast": "số phiếu thu vào",
    "valid": "số phiếu hợp lệ",
}
OUTCOME_WORDS = {
    "none": "Không thuộc trường hợp phải xem xét",
    "removed_from_planning": "Đưa ra khỏi quy hoạch, xem xét miễn nhiệm",
    "dismissal": "Xem xét cho thôi giữ chức vụ",
    "": "Chưa xác định (không đủ số người có mặt)",
}
PARAMETER_NOTE = "tham số do Thường trực đặt"


def vote_issuer(vote: Vote) -> Issuer:
    """The organiser writes the minutes: the cluster, the board, or for the sector the council
    (a council vote) or the Commission."""
    if vote.organiser_term is not None:
        return cluster_issuer(vote.organiser_term)
    if vote.organiser_unit is not None:
        return unit_issuer(vote.organiser_unit, vote.held_on.year)
    if vote.rule_prefix == "council_vote":
        return council_issuer(vote.held_on.year)
    return commission_issuer(vote.held_on.year)


def _fingerprint(public_key: str) -> str:
    """SHA-256 of the public key's bytes, the first 32 hexadecimal digits in groups of four:
    what a delegate compares with the key shown on the ballot page."""
    digest = hashlib.sha256(bytes.fromhex(public_key)).hexdigest().upper()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def _record_location(vote: Vote) -> str:
    try:
        path = reverse("voting:record", args=[vote.pk])
    except NoReverseMatch:
        path = ""
    site = str(getattr(settings, "THIDUA_SITE_URL", "")).rstrip("/")
    where = f"{site}{path}" if path else f"cuộc bỏ phiếu số {vote.pk} trên hệ thống"
    return (
        f"Hồ sơ điện tử của cuộc bỏ phiếu (khóa, các phiếu đã mã hóa và các bằng chứng) được "
        f"công khai tại {where}; ai cũng kiểm tra được bằng lệnh vote_verify --record."
    )


def _committee(data: dict[str, Any]) -> list[Block]:
    """One line per member, as minutes list them ("- Đồng chí …, Trưởng ban;")."""
    members = data["committee"]
    if not members:
        return []
    lines: list[Block] = [Paragraph("Ban kiểm phiếu gồm:")]
    for index, member in enumerate(members, start=1):
        role = "Trưởng ban" if member["is_chair"] else "thành viên"
        end = "." if index == len(members) else ";"
        lines.append(Paragraph(f"- Đồng chí {member['name']}, {role}{end}"))
    return lines


def _attendance(vote: Vote, data: dict[str, Any]) -> list[Block]:
    turnout = (data["result"] or {}).get("turnout", {})
    roll = turnout.get("roll", vote.summoned or len(data["roll"]))
    present = turnout.get("present", vote.present or 0)
    blocks: list[Block] = [
        Paragraph(
            f"Tổng số người được triệu tập: {number_vi(roll)}; có mặt: {number_vi(present)}; "
            f"vắng mặt: {number_vi(max(roll - present, 0))}."
        )
    ]
    if data["roll"]:
        electronic = vote.mode == VoteMode.ELECTRONIC
        columns = ["STT", "Họ và tên", "Đơn vị"] + (["Đã bỏ phiếu"] if electronic else [])
        rows = [
            [number_vi(i), line["name"], line["unit"]]
            + (["Có" if line["voted"] else "Không"] if electronic else [])
            for i, line in enumerate(data["roll"], start=1)
        ]
        blocks.append(Table(columns, rows, caption="Danh sách người bỏ phiếu"))
    return blocks


def _ballots(vote: Vote, data: dict[str, Any]) -> list[Block]:
    if vote.mode == VoteMode.PAPER:
        paper = PaperCount.objects.filter(vote=vote).first()
        if paper is None:
            return []
        text = (
            f"Số phiếu phát ra: {number_vi(paper.issued)}; số phiếu thu vào: "
            f"{number_vi(paper.received)}; số phiếu hợp lệ: {number_vi(paper.valid)}; số phiếu "
            f"không hợp lệ: {number_vi(paper.invalid)}."
        )
        if paper.written:
            text += (
                f" Trong số phiếu thu vào có {number_vi(paper.written)} phiếu của người vắng "
                "mặt gửi bằng văn bản."
            )
        return [Paragraph(text)]
    turnout = (data["result"] or {}).get("turnout", {})
    blocks: list[Block] = [
        Paragraph(
            f"Bỏ phiếu điện tử, mã hóa trên máy người bỏ phiếu. Số phiếu đã bỏ: "
            f"{number_vi(turnout.get('cast', 0))} trên {number_vi(len(data['roll']))} người "
            "trong danh sách."
        )
    ]
    if vote.public_key:
        blocks.append(
            Paragraph(
                "Dấu vân tay khóa công khai của cuộc bỏ phiếu (SHA-256): "
                f"{_fingerprint(vote.public_key)}."
            )
        )
    blocks.append(Paragraph(_record_location(vote)))
    return blocks


def rule_sentence(rule: dict[str, Any], kind: str) -> str:
    """The rule as applied, with its citation and whether it is the secretariat's parameter."""
    denominator = DENOMINATOR_WORDS.get(str(rule.get("denominator")), "")
    if kind == VoteKind.CONFIDENCE:
        review, dismissal = fraction_of(rule.get("review")), fraction_of(rule.get("dismissal"))
        text = (
            f"Quy định áp dụng: phiếu tín nhiệm thấp trên {ratio_words(review or Fraction(0))} "
            f"{denominator} thì đưa ra khỏi quy hoạch, xem xét miễn nhiệm; từ "
            f"{ratio_words(dismissal or Fraction(0))} trở lên thì xem xét cho thôi giữ chức vụ"
        )
    else:
        share = ratio_words(fraction_of(rule.get("share")) or Fraction(0))
        if rule.get("strict"):
            text = f"Quy định áp dụng: được quá {share} {denominator}"
        else:
            text = f"Quy định áp dụng: đạt từ {share} {denominator} trở lên"
    cited = [str(rule["citation"])] if rule.get("citation") else []
    if rule.get("is_parameter"):
        cited.append(PARAMETER_NOTE)
    return f"{text} ({'; '.join(cited)})." if cited else f"{text}."


def _verdict(row: dict[str, Any], kind: str) -> str:
    if kind == VoteKind.ELECTION:
        if row.get("tied"):
            return "Bằng phiếu, Hội nghị quyết định"
        return "Trúng cử" if row.get("elected") else "Không trúng cử"
    if kind == VoteKind.MOTION:
        return "Thông qua" if row.get("passed") else "Không thông qua"
    return "Đạt" if row.get("passed") else "Không đạt"


def _result_table(result: dict[str, Any], kind: str) -> Table:
    rows = result.get("rows", [])
    if kind == VoteKind.CONFIDENCE:
        columns = [
            "STT",
            "Họ và tên",
            "Tín nhiệm cao",
            "Tín nhiệm",
            "Tín nhiệm thấp",
            "Tỷ lệ tín nhiệm thấp",
            "Kết quả",
        ]
        body = [
            [number_vi(i), r["name"]]
            + [number_vi(n) for n in [*(r.get("levels") or []), 0, 0, 0][:3]]
            + [share_percent(fraction_of(r.get("share"))), OUTCOME_WORDS.get(r["outcome"], "")]
            for i, r in enumerate(rows, start=1)
        ]
        align = ["center", "left", "right", "right", "right", "right", "left"]
        return Table(columns, body, align=align)
    votes = {
        VoteKind.ELECTION: "Số phiếu bầu",
        VoteKind.MOTION: "Số phiếu tán thành",
    }.get(VoteKind(kind), "Số phiếu đồng ý")
    columns = ["STT", "Họ và tên, tên tập thể", votes, "Tỷ lệ", "Kết quả"]
    body = [
        [
            number_vi(i),
            r["name"],
            number_vi(r["votes"]),
            share_percent(fraction_of(r.get("share"))),
            _verdict(r, kind),
        ]
        for i, r in enumerate(rows, start=1)
    ]
    return Table(columns, body, align=["center", "left", "right", "right", "left"])


def _result(data: dict[str, Any]) -> list[Block]:
    result: dict[str, Any] = data["result"] or {}
    kind = str(data["kind"])
    rule = result.get("rule", {})
    denominator = DENOMINATOR_WORDS.get(str(rule.get("denominator")), "")
    blocks: list[Block] = [Paragraph(rule_sentence(rule, kind))]
    if result.get("quorum_required") is not None:
        met = "đủ" if result.get("quorum_met") else "không đủ"
        blocks.append(
            Paragraph(
                f"Số người có mặt tối thiểu: {number_vi(result['quorum_required'])}; "
                f"số có mặt {met} theo quy định."
            )
        )
    blocks.append(Paragraph(f"Tỷ lệ tính trên {denominator}: {number_vi(result.get('base', 0))}."))
    blocks.append(_result_table(result, kind))
    if result.get("tie"):
        names = ", ".join(r["name"] for r in result.get("rows", []) if r.get("tied"))
        blocks.append(
            Paragraph(
                f"Bằng phiếu nhau ở vị trí cuối cùng: {names}; số cần bầu là "
                f"{number_vi(result.get('seats'))}. Hội nghị quyết định, phần mềm không tự "
                "phân định.",
                bold=True,
            )
        )
    if result.get("nobody_passed"):
        blocks.append(Paragraph("Không có người nào đạt tỷ lệ quy định.", bold=True))
    return blocks


def _signatures(vote: Vote, data: dict[str, Any]) -> list[Signature]:
    committee = data["committee"]
    if committee:
        chair = [
            Signature(title="TRƯỞNG BAN KIỂM PHIẾU", signer=m["name"])
            for m in committee
            if m["is_chair"]
        ]
        members = [
            Signature(title="THÀNH VIÊN", signer=m["name"]) for m in committee if not m["is_chair"]
        ]
        return chair + members
    # An electronic vote is counted by its trustees' decryption: they sign.
    trustees = vote.trustees.select_related("user").order_by("position")
    return [
        Signature(title="NGƯỜI GIỮ KHÓA", signer=t.user.get_full_name() or t.user.get_username())
        for t in trustees
    ]


@builder("vote_minutes", source="vote", label=gettext_noop("Biên bản kiểm phiếu"))
def build(source_id: int, user: User) -> DocumentContent:
    vote = vote_get_for(user=user, pk=source_id)
    data = minutes_data(vote)
    issuer = vote_issuer(vote)
    held_on = vote.held_on
    body: list[Block] = [
        Paragraph(
            f"Hôm nay, {date_words(held_on)}, Ban kiểm phiếu tiến hành kiểm phiếu "
            f"{first_lower(vote.title)}."
        ),
        *_committee(data),
        Heading("I. TÌNH HÌNH BỎ PHIẾU"),
        *_attendance(vote, data),
        *_ballots(vote, data),
        Heading("II. KẾT QUẢ KIỂM PHIẾU"),
        *_result(data),
        Paragraph(
            "Biên bản được lập xong ngay sau khi kiểm phiếu, đọc lại cho Hội nghị nghe; các "
            "thành viên Ban kiểm phiếu thống nhất ký tên."
        ),
    ]
    return DocumentContent(
        kind="vote_minutes",
        type_name="BIÊN BẢN",
        type_abbreviation=ABBREVIATION,
        summary=f"kiểm phiếu {first_lower(vote.title)}",
        issuer=issuer,
        header=draft_header(issuer, ABBREVIATION, held_on.year),
        body=body,
        signatures=_signatures(vote, data),
        recipients=["- Hội nghị,", "- Lưu hồ sơ cuộc bỏ phiếu."],
        source={"vote": vote.pk},
    )
