"""The award decision (quyết định khen thưởng) of a decided round, as it was recorded: its number
and date, the grounds (the rules its prize money was computed under), Điều 1 granting the awards,
Điều 2 the prize money with its computation and total, Điều 3 its execution, and the list of
awardees with their prize money.

The decision is already numbered when it is recorded (``awards.services.decisions``): the
document carries that number and date rather than a blank one.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.awards.models import Decision, Grant, NominationRound, RoundLevel, RoundStatus
from thidua.awards.selectors.rounds import round_view
from thidua.core.errors import NotFoundError
from thidua.documents.builders import builder
from thidua.documents.builders.awards.common import (
    COUNCIL_PROSE,
    award_name,
    money,
    money_in_words,
    number_vi,
    round_body_name,
)
from thidua.documents.builders.issuers import (
    commission_issuer,
    unit_issuer,
)
from thidua.documents.builders.ordinal import with_ordinal
from thidua.documents.content import (
    Block,
    DocumentContent,
    Header,
    Issuer,
    Paragraph,
    Signature,
    Table,
)

ABBREVIATION = "QĐ"


def decision_issuer(round_: NominationRound, year: int) -> Issuer:
    """The Commission decides for clusters and its council; a board for its own staff. ``year``
    is the decision's: its register is the one of the year it is signed in."""
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return unit_issuer(round_.unit, year)
    return commission_issuer(year)


def decision_signature(decision: Decision) -> Signature:
    """A deputy signs on behalf of the head: "K/T TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN"."""
    title = decision.signer_title.strip().upper()
    authority = ""
    if title.startswith("PHÓ "):
        authority = f"K/T {title.removeprefix('PHÓ ')}"
    return Signature(title=title, signer=decision.signer, authority=authority)


def decided(user: User, round_id: int) -> tuple[NominationRound, Decision, list[Grant]]:
    """The round as the user may read it, with its decision and grants, once decided."""
    view = round_view(user=user, round_id=round_id)
    decision = Decision.objects.filter(round=view.round).first()
    if view.round.status != RoundStatus.DECIDED or decision is None:
        raise NotFoundError(_("Đợt xét chưa có quyết định khen thưởng."))
    grants = list(
        Grant.objects.filter(decision=decision)
        .select_related("person", "unit", "candidate")
        .order_by("candidate__position", "id")
    )
    return view.round, decision, grants


def _subjects(grants: list[Grant]) -> str:
    units = sum(1 for g in grants if g.person_id is None)
    people = len(grants) - units
    parts = [f"{number_vi(units)} tập thể"] if units else []
    parts += [f"{number_vi(people)} cá nhân"] if people else []
    return " và ".join(parts)


def _proposers(round_: NominationRound) -> str:
    if round_.level == RoundLevel.BOARD and round_.unit is not None:
        return f"Hội đồng Thi đua, Khen thưởng {round_.unit.name}"
    if round_.level == RoundLevel.CLUSTER:
        return f"{round_body_name(round_)} và của {COUNCIL_PROSE}"
    return COUNCIL_PROSE


def _executors(round_: NominationRound) -> str:
    if round_.level == RoundLevel.BOARD:
        return "Các phòng, đơn vị thuộc Ban và các cá nhân"
    return f"Văn phòng Ban, {round_body_name(round_)} và các tập thể, cá nhân"


def _grounds(round_: NominationRound, grants: list[Grant]) -> list[Block]:
    cited: dict[str, None] = {}
    for grant in grants:
        for key in ("multiple_citation", "salary_citation"):
            text = str(grant.prize_basis.get(key) or "")
            if text:
                cited[text] = None
    lines: list[Block] = [Paragraph(f"Căn cứ {text};") for text in cited]
    lines.append(Paragraph(f"Xét đề nghị của {_proposers(round_)},"))
    lines.append(Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False))
    return lines


def _article_1(round_: NominationRound, by_award: dict[str, list[Grant]]) -> Paragraph:
    parts = [f"{award_name(a)} cho {_subjects(g)}" for a, g in by_award.items()]
    return Paragraph(
        f"Điều 1. Tặng {'; '.join(parts)} có tên trong danh sách kèm theo, đã có thành tích "
        f"xuất sắc trong phong trào thi đua năm {round_.year}."
    )


def _article_2(by_award: dict[str, list[Grant]], total: Decimal) -> list[Block]:
    blocks: list[Block] = []
    for award, grants in by_award.items():
        amounts = sorted({g.prize for g in grants if g.prize is not None})
        basis: dict[str, object] = next((g.prize_basis for g in grants if g.prize is not None), {})
        if not amounts:
            blocks.append(Paragraph(f"{award_name(award)}: không kèm tiền thưởng hoặc chưa tính."))
            continue
        each = " hoặc ".join(money(a) for a in amounts)
        multiple = basis.get("multiple")
        salary = basis.get("base_salary")
        how = ""
        if multiple and salary:
            how = (
                f" ({number_vi(Decimal(str(multiple)), 1)} lần mức lương cơ sở "
                f"{money(int(str(salary)))}/tháng)"
            )
        blocks.append(Paragraph(f"{award_name(award)}: mỗi trường hợp {each}{how}."))
    return [
        Paragraph("Điều 2. Tiền thưởng kèm theo các hình thức khen thưởng tại Điều 1:"),
        *blocks,
        Paragraph(f"Tổng số tiền thưởng: {money(total)} (bằng chữ: {money_in_words(total)})."),
    ]


def _table(grants: list[Grant], total: Decimal) -> Table:
    rows = [
        [
            number_vi(i),
            g.subject_name,
            g.unit.name if g.person_id is not None and g.unit is not None else "",
            award_name(g.award),
            number_vi(g.prize, 0) if g.prize is not None else "",
        ]
        for i, g in enumerate(grants, start=1)
    ]
    rows.append(["", "Tổng cộng", "", "", number_vi(total, 0)])
    return Table(
        ["STT", "Tên tập thể, cá nhân", "Đơn vị", "Hình thức khen", "Tiền thưởng (đồng)"],
        rows,
        align=["center", "left", "left", "left", "right"],
        # mm of the 145 beside the ordinal column: "10.000.000" in 14 pt needs some 26.
        widths=with_ordinal([40, 37, 40, 28]),
        caption="DANH SÁCH KHEN THƯỞNG (kèm theo Quyết định)",
    )


@builder("decision", source="round", label=gettext_noop("Quyết định khen thưởng"))
def build(source_id: int, user: User) -> DocumentContent:
    round_, decision, grants = decided(user, source_id)
    by_award: dict[str, list[Grant]] = defaultdict(list)
    for grant in grants:
        by_award[grant.award].append(grant)
    total = sum((g.prize for g in grants if g.prize is not None), Decimal(0))
    issuer = decision_issuer(round_, decision.decided_on.year)
    header = Header(
        issuing_body=issuer.name,
        number_symbol=f"Số {decision.number}",
        place=issuer.place,
        date=decision.decided_on,
        year=decision.decided_on.year,
        superior_body=issuer.superior,
    )
    body: list[Block] = [
        *_grounds(round_, grants),
        _article_1(round_, by_award),
        *_article_2(by_award, total),
        Paragraph(
            f"Điều 3. Quyết định có hiệu lực kể từ ngày ký. {_executors(round_)} có tên tại "
            "Điều 1 chịu trách nhiệm thi hành Quyết định này."
        ),
        _table(grants, total),
    ]
    return DocumentContent(
        kind="decision",
        type_name="QUYẾT ĐỊNH",
        type_abbreviation=ABBREVIATION,
        summary=f"về việc khen thưởng thành tích năm {round_.year}",
        issuer=issuer,
        header=header,
        body=body,
        signatures=[decision_signature(decision)],
        recipients=["- Như Điều 3,", "- Lưu Văn phòng."],
        source={"round": round_.pk},
        numbered=True,
    )
