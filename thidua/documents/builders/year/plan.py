"""The plan (kế hoạch) with its key tasks, point scale and timeline, and the covenant (giao ước
thi đua) with each member's registered targets and every member's signature.

Read through the plans app's selectors: a plan is open to every signed-in official; the
covenant and the registrations only to the cluster (its members, the head, the secretariat,
the department), as ``covenant_board_for`` and ``registration_board_for`` decide.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.documents.builders import builder
from thidua.documents.builders.issuers import (
    BLANK_NAME,
    cluster_issuer,
    commission_issuer,
)
from thidua.documents.builders.ordinal import with_ordinal
from thidua.documents.builders.year.common import (
    cluster_recipients,
    cluster_signature,
    date_words,
    in_vietnamese,
    leader_names,
    num,
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
from thidua.plans.models import CriterionKind, Plan, PlanStage, Section
from thidua.plans.selectors.display import scale_tree
from thidua.plans.selectors.plan import plan_get_for, scale_in_view
from thidua.plans.selectors.registration import covenant_board_for, registration_board_for

SECTION_TITLES: dict[str, str] = {
    Section.BASE: "Điểm chuẩn",
    Section.BONUS: "Điểm thưởng",
    Section.PENALTY: "Điểm trừ",
}


def plan_issuer(plan: Plan) -> Issuer:
    if plan.term is not None:
        return cluster_issuer(plan.term)
    # A sector-wide plan is the Commission's own.
    return commission_issuer(plan.year)


def _basis(plan: Plan) -> list[Block]:
    lines = [line.strip() for line in plan.basis.splitlines() if line.strip()]
    return [Paragraph(f"Căn cứ {line[:1].lower()}{line[1:]};") for line in lines]


def _scale_table(plan: Plan) -> list[Block]:
    scale = scale_in_view(plan)
    if scale is None:
        return [Paragraph("Thang điểm đang được xây dựng.")]
    tree = scale_tree(scale)
    rows: list[list[str]] = []
    for section in tree.sections:
        if not section.rows:
            continue
        rows.append(["", f"{SECTION_TITLES[section.section.value]}", num(section.limit)])
        for row in section.rows:
            node = row.node
            title = node.title if node.kind != CriterionKind.GROUP else node.title.upper()
            rows.append([node.code, "    " * row.depth + title, num(node.maximum)])
    return [
        Paragraph(
            f"Tổng điểm chuẩn {num(scale.maximum)} điểm; điểm thưởng tối đa "
            f"{num(scale.bonus_cap)} điểm; điểm trừ tối đa {num(scale.penalty_cap)} điểm."
        ),
        Table(
            columns=["Mã", "Nhóm tiêu chí, tiêu chí", "Điểm tối đa"],
            rows=rows,
            align=["center", "left", "right"],
            widths=[1.2, 6.5, 1.8],
            caption=f"Thang điểm (phiên bản {scale.version})",
        ),
    ]


def _timeline(plan: Plan) -> list[Block]:
    deadlines = sorted(plan.deadlines.all(), key=lambda d: d.due)
    if not deadlines:
        return [Paragraph("Thời hạn từng giai đoạn do Cụm trưởng thông báo sau.")]
    with in_vietnamese():
        labels = {d.stage: str(PlanStage(d.stage).label) for d in deadlines}
    return [
        Paragraph(f"- {labels[d.stage]}: hạn chót {date_words(timezone.localtime(d.due).date())}.")
        for d in deadlines
    ]


@builder("plan", source="plan", label=gettext_noop("Kế hoạch thi đua"))
def build_plan(source_id: int, user: User) -> DocumentContent:
    plan = plan_get_for(user=user, pk=source_id)
    issuer = plan_issuer(plan)
    who = (
        issuer.name.capitalize()
        if plan.term is None
        else f"Cụm thi đua số {plan.term.cluster.number}"
    )
    tasks = list(plan.task_groups.all())
    body: list[Block] = [
        *_basis(plan),
        Paragraph(f"{who} ban hành kế hoạch thi đua năm {plan.year} như sau:"),
        Heading("I. MỤC ĐÍCH, YÊU CẦU"),
        Paragraph(
            f"Tổ chức phong trào thi đua năm {plan.year} thiết thực, hiệu quả, gắn với thực "
            "hiện nhiệm vụ chính trị của ngành Tổ chức xây dựng Đảng; đánh giá, chấm điểm "
            "công khai, khách quan theo tiêu chí và thang điểm thống nhất."
        ),
        Heading("II. NHIỆM VỤ TRỌNG TÂM"),
        *(
            [Paragraph(f"{t.number}. {t.title}.") for t in tasks]
            or [Paragraph("Theo chương trình công tác năm của ngành.")]
        ),
        Heading("III. TIÊU CHÍ VÀ THANG ĐIỂM"),
        *_scale_table(plan),
        Heading("IV. TIẾN ĐỘ THỰC HIỆN"),
        *_timeline(plan),
    ]
    signature = (
        cluster_signature(plan.term)
        if plan.term is not None
        else Signature(authority="K/T TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", signer=BLANK_NAME)
    )
    return DocumentContent(
        kind="plan",
        type_name="KẾ HOẠCH",
        type_abbreviation="KH",
        summary=f"thi đua năm {plan.year}",
        issuer=issuer,
        header=draft_header(issuer, "KH", plan.year),
        body=body,
        signatures=[signature],
        recipients=cluster_recipients(plan.term) if plan.term is not None else ["- Lưu VT."],
        source={"plan": plan.pk},
    )


def _targets_table(user: User, plan: Plan) -> list[Block]:
    board = registration_board_for(user=user, plan=plan)
    criteria = board.target_criteria
    rows = []
    for i, row in enumerate(board.rows, start=1):
        cells = [
            "Không áp dụng" if c.pk in row.not_applicable else num(value)
            for c, value in zip(criteria, row.target_cells, strict=True)
        ]
        with in_vietnamese():
            titles = "; ".join(row.title_labels) or "-"
        rows.append([str(i), row.unit.name, *cells, titles])
    return [
        Table(
            columns=["TT", "Đơn vị", *[f"{c.code}. {c.title}" for c in criteria], "Danh hiệu"],
            rows=rows,
            align=["center", "left", *["right"] * len(criteria), "left"],
            widths=with_ordinal([4.6, *[2.2] * len(criteria), 3.4]),
            caption="Chỉ tiêu và danh hiệu các thành viên đăng ký",
        )
    ]


@builder("covenant", source="plan", label=gettext_noop("Giao ước thi đua"))
def build_covenant(source_id: int, user: User) -> DocumentContent:
    """The sector writes "GƯ" for its covenants (as in "01-GƯ/CTĐ")."""
    plan = plan_get_for(user=user, pk=source_id)
    signed = covenant_board_for(user=user, plan=plan)  # refuses one outside the cluster
    issuer = plan_issuer(plan)
    covenant = getattr(plan, "covenant", None)
    units = [m.unit for m in plan.term.memberships.all()] if plan.term else []
    names = leader_names(units, plan.year)
    body: list[Block] = [
        Paragraph(
            f"Thực hiện {plan.title[:1].lower()}{plan.title[1:]}, các thành viên Cụm thi đua "
            f"thống nhất ký kết giao ước thi đua năm {plan.year} với các nội dung sau:"
        ),
    ]
    if covenant is not None and covenant.text.strip():
        body += [Paragraph(line.strip()) for line in covenant.text.splitlines() if line.strip()]
    body += [Heading("CHỈ TIÊU ĐĂNG KÝ THI ĐUA"), *_targets_table(user, plan)]
    if signed.signatures:
        body.append(
            Paragraph(
                f"Đã ký giao ước trên hệ thống: {len(signed.signatures)}/{len(units)} thành viên.",
                italic=True,
            )
        )
    signatures = [
        Signature(title="TRƯỞNG BAN", signer=names.get(u.pk, "") or BLANK_NAME, body=u.name.upper())
        for u in units
    ]
    return DocumentContent(
        kind="covenant",
        type_name="GIAO ƯỚC THI ĐUA",
        type_abbreviation="GƯ",
        summary=f"năm {plan.year}",
        issuer=issuer,
        header=draft_header(issuer, "GƯ", plan.year),
        body=body,
        signatures=signatures,
        recipients=cluster_recipients(plan.term) if plan.term is not None else [],
        source={"plan": plan.pk},
    )


__all__ = ["build_covenant", "build_plan", "plan_issuer"]
