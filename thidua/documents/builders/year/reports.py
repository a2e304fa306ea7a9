"""Indicator reports as documents: a unit's own mid-year or year-end report with its figures
against its targets, the roll-up of a cluster's members, and the sector's roll-up of a period.

A unit's report is read with ``report_get_for``: a draft is its own board's, and anyone else
(another board included) is told it does not exist. Roll-ups are of accepted figures, which
every signed-in official may read.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.core.errors import NotFoundError
from thidua.documents.builders import builder
from thidua.documents.builders.issuers import (
    BLANK_NAME,
    cluster_issuer,
    commission_issuer,
    unit_issuer,
)
from thidua.documents.builders.ordinal import with_ordinal
from thidua.documents.builders.year.common import (
    board_signature,
    cluster_recipients,
    cluster_signature,
    date_words,
    pct,
)
from thidua.documents.builders.year.figures import (
    TOTALS_WIDTHS,
    Line,
    cell_reading,
    lines_of,
    members_table,
    reading,
    review_period,
    term_lines,
    totals_table,
)
from thidua.documents.content import (
    Block,
    DocumentContent,
    Heading,
    Paragraph,
    Signature,
    Table,
    draft_header,
)
from thidua.indicators.models import PeriodKind, ReportingPeriod, ReportStatus
from thidua.indicators.selectors.catalogue import indicator_list_for
from thidua.indicators.selectors.reports import period_get_for, report_get_for, report_page_for
from thidua.indicators.selectors.rollup_sector import sector_figures_for
from thidua.orgs.selectors import term_get_for, term_list_for


def period_summary(period: ReportingPeriod) -> str:
    """The trích yếu of a period's report."""
    if period.kind == PeriodKind.MID_YEAR:
        return f"sơ kết công tác 6 tháng đầu năm {period.year}"
    if period.kind == PeriodKind.YEAR:
        return f"tổng kết công tác năm {period.year}"
    return f"{period.title[:1].lower()}{period.title[1:]}"


def _narrative(title: str, text: str) -> list[Block]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Heading(title), *[Paragraph(line) for line in lines or ["(Chưa có nội dung.)"]]]


@builder(
    "unit_report",
    source="report",
    label=gettext_noop("Báo cáo kết quả thực hiện chỉ tiêu của đơn vị"),
)
def build_unit_report(source_id: int, user: User) -> DocumentContent:
    report = report_get_for(user=user, pk=source_id)  # another board's draft: NotFoundError
    page = report_page_for(user=user, period_pk=report.period_id, unit_pk=report.unit_id)
    period, unit = page.period, page.unit
    rows = [r for r in page.rows if r.value is not None or r.target is not None]
    table = Table(
        columns=["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Chỉ tiêu giao", "Tỷ lệ đạt"],
        rows=[
            [
                str(i),
                r.indicator.name,
                "%" if r.is_share else r.indicator.unit_of_measure,
                cell_reading(
                    r.indicator,
                    r.value.value if r.value else None,
                    r.value.denominator if r.value else None,
                    r.reading,
                ),
                "-" if r.target is None else reading(r.indicator, None, None, r.target.value),
                pct(r.progress),
            ]
            for i, r in enumerate(rows, start=1)
        ],
        align=["center", "left", "center", "right", "right", "right"],
        widths=with_ordinal(TOTALS_WIDTHS),
        caption=f"Số liệu tính đến {date_words(period.as_of)}",
    )
    issuer = unit_issuer(unit, period.year)
    body: list[Block] = [
        Paragraph(
            f"Thực hiện yêu cầu báo cáo {period.title[:1].lower()}{period.title[1:]}, "
            f"{unit.name} báo cáo như sau:"
        ),
        Heading("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
        table,
        *_narrative("II. KẾT QUẢ ĐẠT ĐƯỢC", report.results),
        *_narrative("III. HẠN CHẾ, NGUYÊN NHÂN", report.limitations),
        *_narrative("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", report.directions),
    ]
    if report.status == ReportStatus.DRAFT:
        body.insert(0, Paragraph("(Dự thảo, chưa gửi)", italic=True, align="center", indent=False))
    return DocumentContent(
        kind="unit_report",
        type_name="BÁO CÁO",
        type_abbreviation="BC",
        summary=period_summary(period),
        issuer=issuer,
        header=draft_header(issuer, "BC", period.year),
        body=body,
        signatures=[board_signature(unit, period.year)],
        recipients=["- Ban Tổ chức Trung ương,", "- Cụm thi đua,", "- Lưu VT."],
        source={"report": report.pk},
    )


def member_sections(lines: list[Line]) -> list[Block]:
    """One table per indicator: each member's figure against its target."""
    blocks: list[Block] = []
    for i, line in enumerate(lines, start=1):
        if line.rollup.by_unit:
            blocks.append(Heading(f"{i}. {line.indicator.name}", level=2))
            blocks.append(members_table(line.indicator, line.rollup.by_unit, ""))
    return blocks


@builder("cluster_rollup", source="term", label=gettext_noop("Báo cáo tổng hợp số liệu của cụm"))
def build_cluster_rollup(source_id: int, user: User) -> DocumentContent:
    """The cluster's figures of the year-end review, or of the mid-year one before it."""
    term = term_get_for(user=user, pk=source_id)
    period = review_period(user, term) or review_period(user, term, kind=PeriodKind.MID_YEAR)
    if period is None:
        raise NotFoundError(_("Chưa có kỳ báo cáo nào cho cụm trong năm."))
    lines = term_lines(user, term, period)
    issuer = cluster_issuer(term)
    count = len(term.memberships.all())
    body: list[Block] = [
        Paragraph(
            f"Cụm thi đua số {term.cluster.number} ({count} thành viên) tổng hợp số liệu "
            f"{period.title[:1].lower()}{period.title[1:]} từ các báo cáo đã được tiếp nhận, "
            f"tính đến {date_words(period.as_of)}. Chỉ tiêu tỷ lệ được tổng hợp bằng tỷ lệ "
            "của các tổng (tổng tử số trên tổng mẫu số)."
        ),
        Heading("I. SỐ LIỆU TOÀN CỤM"),
        totals_table(lines, with_change=False, caption="Số liệu toàn cụm"),
        Heading("II. SỐ LIỆU CỦA TỪNG THÀNH VIÊN"),
        *member_sections(lines),
    ]
    return DocumentContent(
        kind="cluster_rollup",
        type_name="BÁO CÁO",
        type_abbreviation="BC",
        summary=f"tổng hợp số liệu {period_summary(period)}",
        issuer=issuer,
        header=draft_header(issuer, "BC", term.year),
        body=body,
        signatures=[cluster_signature(term)],
        recipients=cluster_recipients(term),
        source={"term": term.pk, "period": period.pk},
    )


# Millimetres beside the ordinal column (as TOTALS_WIDTHS): indicator, result (a share on two
# lines), target, progress, the number of units reporting.
SECTOR_WIDTHS = (55, 28, 24, 22, 16)


@builder(
    "sector_rollup", source="period", label=gettext_noop("Báo cáo tổng hợp số liệu toàn ngành")
)
def build_sector_rollup(source_id: int, user: User) -> DocumentContent:
    """The sector's figures of a period: the whole sector (its provincial boards), then each
    cluster of the year. Every figure comes from one ``sector_figures_for`` read, so the
    queries do not grow with the indicators and the clusters."""
    period = period_get_for(user=user, pk=source_id)
    indicators = list(indicator_list_for(user=user))
    terms = list(term_list_for(user=user, year=period.year).order_by("cluster__number"))
    figures = sector_figures_for(user=user, period=period, indicators=indicators, terms=terms)
    sector_rows: list[list[str]] = []
    for indicator in indicators:
        total = figures.sector[indicator.pk]
        if not total.by_unit:
            continue
        sector_rows.append(
            [
                str(len(sector_rows) + 1),
                indicator.name,
                cell_reading(indicator, total.numerator, total.denominator, total.value),
                reading(indicator, None, None, total.target),
                pct(total.progress),
                str(len(total.by_unit)),
            ]
        )
    body: list[Block] = [
        Paragraph(
            f"Tổng hợp số liệu {period.title[:1].lower()}{period.title[1:]} của ngành Tổ chức "
            f"xây dựng Đảng từ các báo cáo đã được tiếp nhận, tính đến {date_words(period.as_of)}."
        ),
        Heading("I. SỐ LIỆU TOÀN NGÀNH"),
        Table(
            columns=["TT", "Chỉ tiêu", "Kết quả", "Chỉ tiêu giao", "Tỷ lệ đạt", "Số đơn vị"],
            rows=sector_rows,
            align=["center", "left", "right", "right", "right", "right"],
            widths=with_ordinal(SECTOR_WIDTHS),
            caption="Số liệu toàn ngành",
        ),
        Heading("II. SỐ LIỆU CÁC CỤM THI ĐUA"),
    ]
    for term in terms:
        lines = lines_of(indicators, figures.terms[term.pk])
        if not lines:
            continue
        body.append(Heading(f"Cụm thi đua số {term.cluster.number}", level=2))
        body.append(totals_table(lines, with_change=False, caption=""))
    issuer = commission_issuer(period.year)
    return DocumentContent(
        kind="sector_rollup",
        type_name="BÁO CÁO",
        type_abbreviation="BC",
        summary=f"tổng hợp số liệu {period_summary(period)} toàn ngành",
        issuer=issuer,
        header=draft_header(issuer, "BC", period.year),
        body=body,
        signatures=[
            Signature(authority="K/T TRƯỞNG BAN", title="PHÓ TRƯỞNG BAN", signer=BLANK_NAME)
        ],
        recipients=["- Các cụm thi đua,", "- Các vụ theo dõi cụm,", "- Lưu VT, Vụ TCCB."],
        source={"period": period.pk},
    )
