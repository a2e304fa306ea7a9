"""The scoring results report (báo cáo kết quả chấm điểm): the published ranking with ties as
ties (equal rank), and each member's points by criteria group.

The ranking is the one kept at publication (``publication_for``): what the document states is
what was published, whatever sheets changed since. Before publication there is nothing to
report, and the builder says so as the results page does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.core.errors import NotFoundError
from thidua.documents.builders import builder
from thidua.documents.builders.year.common import (
    cluster_recipients,
    cluster_signature,
    num,
)
from thidua.documents.builders.year.plan import plan_issuer
from thidua.documents.content import Block, DocumentContent, Heading, Paragraph, Table, draft_header
from thidua.plans.models import CriterionKind, Plan
from thidua.plans.selectors.plan import plan_get_for
from thidua.scoring.models import Publication, RankingRow
from thidua.scoring.selectors.results import publication_for

TIED = "Đồng hạng"


@dataclass(frozen=True)
class Ranked:
    """One line of the published ranking, with the names it ties with and its points by
    criteria group (group code → points)."""

    row: RankingRow
    tied: list[str]
    groups: dict[str, Decimal]


@dataclass(frozen=True)
class Ranking:
    publication: Publication
    lines: list[Ranked]
    groups: list[tuple[str, str, Decimal]]  # (code, title, maximum) of the top groups

    @property
    def leaders(self) -> list[Ranked]:
        """The leading unit, or the units tied at the top."""
        return [line for line in self.lines if line.row.rank == 1]


def ranking_of(user: User, plan: Plan) -> Ranking:
    """The published ranking of ``plan`` as ``user`` may read it; NotFoundError before."""
    publication = publication_for(user=user, plan=plan)
    if publication is None:
        raise NotFoundError(_("Kết quả chưa được công bố."))
    rows = list(publication.rows.all())
    names = {r.unit_id: r.unit.name for r in rows}
    groups = [
        (c.code, c.title, c.maximum)
        for c in publication.scale.criteria.order_by("position", "id")
        if c.kind == CriterionKind.GROUP and c.parent_id is None
    ]
    points = {str(r["unit"]): r.get("points", {}) for r in publication.payload["ranking"]}
    lines = [
        Ranked(
            row=r,
            tied=[names.get(u, str(u)) for u in r.tied_with],
            groups={
                code: Decimal(points.get(str(r.unit_id), {}).get(code, "0"))
                for code, _title, _max in groups
            },
        )
        for r in sorted(rows, key=lambda r: (r.rank, r.unit.sort_key))
    ]
    return Ranking(publication, lines, groups)


def _tie_note(line: Ranked) -> str:
    """ "Đồng hạng với X" beside a pair; a larger tie only says how many share the rank (the
    rank column already shows who)."""
    if not line.tied:
        return ""
    if len(line.tied) == 1:
        return f"{TIED} với {line.tied[0]}"
    return f"{TIED} ({len(line.tied) + 1} đơn vị)"


def ranking_table(ranking: Ranking) -> Table:
    return Table(
        columns=["Hạng", "Đơn vị", "Điểm chuẩn", "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Ghi chú"],
        rows=[
            [
                str(line.row.rank),
                line.row.unit.name,
                num(line.row.base, 2),
                num(line.row.bonus, 2),
                num(line.row.penalty, 2),
                num(line.row.total, 2),
                _tie_note(line),
            ]
            for line in ranking.lines
        ],
        align=["center", "left", "right", "right", "right", "right", "left"],
        widths=[1.5, 4.4, 1.7, 1.9, 1.5, 1.7, 2.3],
        caption="Bảng xếp hạng",
    )


def breakdown_table(ranking: Ranking) -> Table:
    return Table(
        columns=[
            "Đơn vị",
            *[f"{code}. {title} (tối đa {num(top)})" for code, title, top in ranking.groups],
            "Tổng điểm",
        ],
        rows=[
            [
                line.row.unit.name,
                *[num(line.groups[code], 2) for code, _t, _m in ranking.groups],
                num(line.row.total, 2),
            ]
            for line in ranking.lines
        ],
        align=["left", *["right"] * len(ranking.groups), "right"],
        caption="Điểm của từng thành viên theo nhóm tiêu chí",
    )


def leaders_sentence(ranking: Ranking) -> str:
    leaders = ranking.leaders
    if not leaders:
        return "Chưa có đơn vị dẫn đầu."
    total = num(leaders[0].row.total, 2)
    if len(leaders) == 1:
        return f"Đơn vị dẫn đầu Cụm: {leaders[0].row.unit.name} ({total} điểm)."
    names = ", ".join(line.row.unit.name for line in leaders)
    return f"Đồng dẫn đầu Cụm: {names} (cùng {total} điểm)."


@builder("results_report", source="plan", label=gettext_noop("Báo cáo kết quả chấm điểm thi đua"))
def build_results_report(source_id: int, user: User) -> DocumentContent:
    plan = plan_get_for(user=user, pk=source_id)
    ranking = ranking_of(user, plan)
    issuer = plan_issuer(plan)
    scale = ranking.publication.scale
    body: list[Block] = [
        Paragraph(
            f"Thực hiện {plan.title[:1].lower()}{plan.title[1:]}, trên cơ sở kết quả tự chấm, "
            f"chấm chéo và thẩm định, Cụm thi đua báo cáo kết quả chấm điểm thi đua năm "
            f"{plan.year} như sau (thang điểm phiên bản {scale.version}, tối đa "
            f"{num(scale.maximum)} điểm chuẩn):"
        ),
        Heading("I. KẾT QUẢ XẾP HẠNG"),
        ranking_table(ranking),
        Paragraph(leaders_sentence(ranking)),
        Heading("II. ĐIỂM THEO NHÓM TIÊU CHÍ"),
        breakdown_table(ranking),
    ]
    return DocumentContent(
        kind="results_report",
        type_name="BÁO CÁO",
        type_abbreviation="BC",
        summary=f"kết quả chấm điểm thi đua năm {plan.year}",
        issuer=issuer,
        header=draft_header(issuer, "BC", plan.year),
        body=body,
        signatures=[cluster_signature(plan.term)] if plan.term is not None else [],
        recipients=cluster_recipients(plan.term) if plan.term is not None else [],
        source={"plan": plan.pk},
    )
