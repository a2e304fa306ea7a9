"""The summary report of a cluster's year (báo cáo tổng kết công tác thi đua), drafted from the
data: the figures against the targets and their change on last year, the ranking and the
leading unit, the good practices shared, what lagged (reports late or missing, the criteria
whose self-scores stand furthest above the peers', the targets missed), and the passages the
secretary writes (the judgement, next year's directions) left as placeholders.

It reads the scoring analytics, so it is drafted by those who may read them: the head, the
secretariat and the supervising department (``analytics_for`` refuses anyone else).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.core.errors import NotFoundError
from thidua.documents.builders import builder
from thidua.documents.builders.issuers import (
    cluster_issuer,
)
from thidua.documents.builders.year.common import (
    cluster_recipients,
    cluster_signature,
    date_words,
    num,
    pct,
    signed,
)
from thidua.documents.builders.year.figures import (
    Line,
    missed,
    reading,
    review_period,
    term_lines,
    term_periods,
    totals_table,
)
from thidua.documents.builders.year.results import leaders_sentence, ranking_of, ranking_table
from thidua.documents.content import (
    Block,
    DocumentContent,
    Heading,
    Paragraph,
    Placeholder,
    draft_header,
)
from thidua.indicators.access import VISIBLE_OUTSIDE_THE_UNIT
from thidua.indicators.models import ReportingPeriod
from thidua.indicators.selectors.practices import good_practice_list_for
from thidua.indicators.selectors.reports import report_list_for
from thidua.orgs.models import ClusterTerm, Unit
from thidua.orgs.selectors import term_get_for
from thidua.plans.models import Plan
from thidua.plans.selectors.plan import plan_get_for, plan_list_for
from thidua.scoring.selectors.analytics import analytics_for

# How many of the largest self-vs-peer gaps the report names.
GAPS_NAMED = 3


@dataclass(frozen=True)
class Lateness:
    """A member's report of a period: sent after the deadline, or not sent at all."""

    period: ReportingPeriod
    unit: Unit
    days_late: int | None  # None: not sent


def term_plan(user: User, term: ClusterTerm) -> Plan:
    found = plan_list_for(user=user, year=term.year).filter(term=term).first()
    if found is None:
        raise NotFoundError(_("Cụm chưa có kế hoạch thi đua trong năm."))
    return plan_get_for(user=user, pk=found.pk)


def late_reports(user: User, periods: list[ReportingPeriod], term: ClusterTerm) -> list[Lateness]:
    """For each of ``periods`` (deadline passed): the members that sent after it or have not
    sent (a draft is not sent), as far as ``user`` may read the reports."""
    units = {m.unit_id: m.unit for m in term.memberships.all()}
    found: list[Lateness] = []
    for period in periods:
        sent = {
            r.unit_id: r
            for r in report_list_for(user=user, period=period.pk)
            if r.unit_id in units and r.status in VISIBLE_OUTSIDE_THE_UNIT
        }
        for unit_id, unit in units.items():
            report = sent.get(unit_id)
            if report is None:
                found.append(Lateness(period, unit, None))
            elif report.submitted_at is not None and report.submitted_at > period.deadline:
                late = report.submitted_at - period.deadline
                found.append(Lateness(period, unit, max(1, late.days + (late.seconds > 0))))
    return found


def _figure_sentences(lines: list[Line], year: int) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        r, ind = line.rollup, line.indicator
        if r.value is None:
            continue
        unit = "" if line.percent or not ind.unit_of_measure else f" {ind.unit_of_measure}"
        text = f"- {ind.name}: {reading(ind, r.numerator, r.denominator, r.value)}{unit}"
        if r.target is not None:
            text += f", đạt {pct(r.progress)} chỉ tiêu"
        if line.change is not None:
            relative = (
                f" ({signed(line.change.percent, percent=True)})"
                if not line.percent and line.change.percent is not None
                else ""
            )
            text += (
                f"; so với năm {year - 1}: {signed(line.change.delta, percent=line.percent)}"
                f"{relative}"
            )
        blocks.append(Paragraph(text + "."))
    return blocks


def _practices(user: User, term: ClusterTerm) -> list[Block]:
    ids = [m.unit_id for m in term.memberships.all()]
    practices = list(good_practice_list_for(user=user, year=term.year).filter(unit_id__in=ids))
    if not practices:
        return [Paragraph("Trong năm, các thành viên chưa chia sẻ mô hình mới, cách làm hay.")]
    return [
        Paragraph(f"Các thành viên đã chia sẻ {len(practices)} mô hình mới, cách làm hay:"),
        *[
            Paragraph(f"- {p.unit.name}: {p.title} ({p.area[:1].lower()}{p.area[1:]}).")
            for p in sorted(practices, key=lambda p: (p.unit.sort_key, p.pk))
        ],
    ]


def _lateness(user: User, term: ClusterTerm) -> list[Block]:
    """Per period: the late reports one by one with their delay, the missing ones together.
    "On time" only where some report was due: a year without a period, or whose deadlines
    are still ahead, says so rather than praise reports nobody was asked for."""
    held = term_periods(user, term)
    if not held:
        return [Paragraph("Trong năm không tổ chức kỳ báo cáo nào, không có hạn gửi báo cáo.")]
    now = timezone.now()
    periods = [p for p in held if p.deadline < now]  # only a passed deadline makes one late
    if not periods:
        return [Paragraph("Trong năm chưa có kỳ báo cáo nào đến hạn gửi.")]
    items = late_reports(user, periods, term)
    if not items:
        return [Paragraph("Các thành viên gửi báo cáo đúng hạn.")]
    lines: list[Block] = [Paragraph("Còn thành viên gửi báo cáo chậm hoặc chưa gửi:")]
    periods = sorted({item.period for item in items}, key=lambda p: (p.deadline, p.pk))
    for period in periods:
        report = f"báo cáo {period.title[:1].lower()}{period.title[1:]}"
        here = [item for item in items if item.period == period]
        for item in here:
            if item.days_late is not None:
                lines.append(
                    Paragraph(f"- {item.unit.name} gửi {report} chậm {num(item.days_late)} ngày.")
                )
        missing = [item.unit.name for item in here if item.days_late is None]
        if missing:
            lines.append(
                Paragraph(f"- Chưa gửi {report} ({len(missing)} đơn vị): {', '.join(missing)}.")
            )
    return lines


def _gaps(user: User, plan: Plan) -> list[Block]:
    view = analytics_for(user=user, plan=plan)  # the head, the secretariat, the department
    above = [g for g in view.criterion_gaps if g.gap > 0][:GAPS_NAMED]
    if not above:
        return [Paragraph("Điểm tự chấm của các thành viên sát với điểm chấm chéo.")]
    return [
        Paragraph("Các tiêu chí có điểm tự chấm cao hơn điểm chấm chéo nhiều nhất:"),
        *[
            Paragraph(
                f"- {g.unit.name}, tiêu chí {g.code} ({g.title}): tự chấm {num(g.self_points, 2)} "
                f"điểm, chấm chéo {num(g.peer_points, 2)} điểm, chênh lệch {num(g.gap, 2)} điểm."
            )
            for g in above
        ],
    ]


def _missed(lines: list[Line]) -> list[Block]:
    items = missed(lines)
    if not items:
        return [Paragraph("Các thành viên đều đạt các chỉ tiêu được giao.")]
    return [
        Paragraph("Chỉ tiêu chưa đạt:"),
        *[
            Paragraph(
                f"- {u.unit.name}: {ind.name} đạt {reading(ind, u.x, u.y, u.value)} so với chỉ "
                f"tiêu {reading(ind, None, None, u.target)} ({pct(u.progress)})."
            )
            for ind, u in items
        ],
    ]


@builder("summary_report", source="term", label=gettext_noop("Báo cáo tổng kết công tác thi đua"))
def build_summary_report(source_id: int, user: User) -> DocumentContent:
    term = term_get_for(user=user, pk=source_id)
    plan = term_plan(user, term)
    year = term.year
    gaps = _gaps(user, plan)  # first: refuses early whoever may not read the analytics
    period = review_period(user, term)
    previous = review_period(user, term, year - 1)
    lines = term_lines(user, term, period, previous) if period is not None else []
    try:
        ranking = ranking_of(user, plan)
    except NotFoundError:
        ranking = None
    count = len(term.memberships.all())
    body: list[Block] = [
        Paragraph(
            f"Thực hiện {plan.title[:1].lower()}{plan.title[1:]}, Cụm thi đua số "
            f"{term.cluster.number} ({count} thành viên) báo cáo tổng kết công tác thi đua năm "
            f"{year} như sau:"
        ),
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        Heading("1. Kết quả thực hiện các chỉ tiêu", level=2),
    ]
    if period is None or not lines:
        body.append(Paragraph("Chưa có số liệu tổng kết năm được tiếp nhận."))
    else:
        body.append(
            Paragraph(
                f"Theo báo cáo tổng kết năm của các thành viên (số liệu tính đến "
                f"{date_words(period.as_of)}), toàn cụm đạt được:"
            )
        )
        body += _figure_sentences(lines, year)
        # Last year's column only when there was a year-end period to compare with; the
        # caption names what the table holds.
        with_change = previous is not None
        caption = (
            "Kết quả so với chỉ tiêu và năm trước" if with_change else "Kết quả so với chỉ tiêu"
        )
        body.append(totals_table(lines, with_change=with_change, caption=caption))
    body.append(Heading("2. Kết quả chấm điểm, xếp hạng", level=2))
    if ranking is None:
        body.append(Paragraph("Kết quả chấm điểm chưa được công bố."))
    else:
        body += [ranking_table(ranking), Paragraph(leaders_sentence(ranking))]
    body += [
        Heading("3. Mô hình mới, cách làm hay", level=2),
        *_practices(user, term),
        Heading("II. HẠN CHẾ, TỒN TẠI"),
        Heading("1. Việc gửi báo cáo", level=2),
        *_lateness(user, term),
        Heading("2. Việc tự chấm điểm", level=2),
        *gaps,
        Heading("3. Chỉ tiêu chưa đạt", level=2),
        *_missed(lines),
        Placeholder("Đánh giá chung về hạn chế, tồn tại và nguyên nhân (Thư ký Cụm viết)."),
        Heading(f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}"),
        Placeholder(f"Phương hướng, nhiệm vụ trọng tâm của Cụm năm {year + 1} (Thư ký Cụm viết)."),
        Heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        Placeholder("Đề xuất, kiến nghị với Ban Tổ chức Trung ương (nếu có)."),
    ]
    issuer = cluster_issuer(term)
    return DocumentContent(
        kind="summary_report",
        type_name="BÁO CÁO",
        type_abbreviation="BC",
        summary=f"tổng kết công tác thi đua năm {year}",
        issuer=issuer,
        header=draft_header(issuer, "BC", year),
        body=body,
        signatures=[cluster_signature(term)],
        recipients=cluster_recipients(term),
        source={"term": term.pk, "plan": plan.pk},
    )
