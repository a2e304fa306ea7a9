"""Document benchmarks: the summary report of a 12-member cluster and the sector's year-end
roll-up, built as content and rendered to .docx, each against a floor timed in the same run
(the selectors' reads the builder makes, without the document around them). Goals (issue
16): ≤ 2 s and ≤ 5 s on one core.

The generated sector has clusters of six to twelve members that fill every year up to 2025, so
a 12-member term is added for 2026 from twelve of the boards in office since the 2025 reform,
with a year-end period whose reports copy the boards' 2025 figures (so the report states a
change on last year), a plan with a two-group scale and a published ranking. Written in bulk
like the rest of the synthetic data: the services' checks are not what is timed here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch

from bench.generate_indicators import secretariat
from bench.timing import Result, measure
from thidua.accounts.models import User
from thidua.documents.builders import BUILDERS
from thidua.documents.content import DocumentContent
from thidua.documents.render.docx import render_docx
from thidua.indicators.models import (
    IndicatorKind,
    PeriodKind,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
)
from thidua.indicators.selectors.catalogue import indicator_list_for
from thidua.indicators.selectors.practices import good_practice_list_for
from thidua.indicators.selectors.reports import period_get_for, periods_for, report_list_for
from thidua.indicators.selectors.rollup_sector import sector_figures_for
from thidua.indicators.selectors.rollup_terms import term_figures_for
from thidua.orgs.models import ClusterTerm, Sector, Unit, UnitKind
from thidua.orgs.selectors import term_get_for, term_list_for
from thidua.orgs.services import cluster_create, cluster_term_create
from thidua.plans.models import Criterion, CriterionKind, Plan, PlanStage, Scale
from thidua.plans.selectors.plan import plan_get_for
from thidua.scoring.models import Publication, RankingRow
from thidua.scoring.selectors.analytics import analytics_for
from thidua.scoring.selectors.results import publication_for

YEAR, SOURCE_YEAR = 2026, 2025
MEMBERS = 12
CLUSTER_NUMBER = 99
SUMMARY_GOAL_MS, SECTOR_GOAL_MS = 2000.0, 5000.0


def _twelve_member_term(manager: User) -> ClusterTerm:
    boards = list(
        Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD)
        .valid_on(dt.date(YEAR, 12, 31))
        .order_by("code")[:MEMBERS]
    )
    cluster = cluster_create(actor=None, number=CLUSTER_NUMBER, name="Cụm thi đua đo hiệu năng")
    term = cluster_term_create(
        actor=None,
        cluster=cluster,
        year=YEAR,
        members=boards,
        head=boards[0],
        deputies=boards[1:2],
        officer_decision="Bầu tại hội nghị đầu năm",
    )
    source = ReportingPeriod.objects.get(year=SOURCE_YEAR, kind=PeriodKind.YEAR, scope="sector")
    period = ReportingPeriod.objects.create(
        year=YEAR,
        kind=PeriodKind.YEAR,
        title=f"Tổng kết năm {YEAR}",
        as_of=dt.date(YEAR, 11, 30),
        deadline=dt.datetime(YEAR, 12, 1, tzinfo=dt.UTC),
        scope="cluster",
        term=term,
    )
    values = ReportValue.objects.select_related("indicator")
    reports = Report.objects.filter(period=source, unit__in=boards).prefetch_related(
        Prefetch("values", queryset=values)
    )
    for old in reports:
        new = Report.objects.create(
            unit_id=old.unit_id,
            period=period,
            status=ReportStatus.ACCEPTED,
            submitted_by=manager,
            # Some before the deadline (1 December), some up to a week after it.
            submitted_at=dt.datetime(YEAR, 11, 25, tzinfo=dt.UTC)
            + dt.timedelta(days=old.unit_id % 14),
        )
        ReportValue.objects.bulk_create(
            ReportValue(
                report=new,
                indicator_id=v.indicator_id,
                value=_grown(v),
                denominator=v.denominator,
            )
            for v in old.values.all()
        )
    return term


def _grown(value: ReportValue) -> Decimal:
    """A count a twentieth up on last year (so the report states a change); shares,
    percentages and yes/no answers as they were (their bounds stay met)."""
    if value.indicator.kind != IndicatorKind.COUNT:
        return value.value
    return (value.value * Decimal("1.05")).quantize(Decimal(1))


def _published_plan(term: ClusterTerm, manager: User) -> Plan:
    units = [m.unit for m in term.memberships.all()]
    plan = Plan.objects.create(
        term=term,
        sector=Sector.ORGANIZATION,
        year=YEAR,
        title=f"Kế hoạch thi đua Cụm {CLUSTER_NUMBER} năm {YEAR}",
        stage=PlanStage.PUBLISHED,
        assessor_stages=["self"],
    )
    now = dt.datetime(YEAR, 12, 5, tzinfo=dt.UTC)
    scale = Scale.objects.create(
        plan=plan, version=1, maximum=100, bonus_cap=5, penalty_cap=5, frozen_at=now
    )
    for position, (code, top) in enumerate((("1", 60), ("2", 40))):
        Criterion.objects.create(
            scale=scale,
            code=code,
            title=f"Nhóm tiêu chí {code}",
            kind=CriterionKind.GROUP,
            maximum=top,
            position=position,
        )
    ranking = []
    for i, unit in enumerate(units):
        total = Decimal(95 - i - (1 if i == 2 else 0) + (1 if i == 3 else 0))  # a tie: 3rd, 4th
        ranking.append((unit, total))
    ranking.sort(key=lambda pair: -pair[1])
    rows = []
    for unit, total in ranking:
        rank = 1 + sum(1 for _u, other in ranking if other > total)
        tied = [u.pk for u, other in ranking if other == total and u.pk != unit.pk]
        rows.append((unit, rank, total, tied))
    payload = {
        "scale_version": 1,
        "ranking": [
            {
                "unit": str(unit.pk),
                "rank": rank,
                "total": f"{total:.2f}",
                "base": f"{total:.2f}",
                "bonus": "0.00",
                "penalty": "0.00",
                "tied_with": tied,
                "tie_note": "",
                "points": {"1": f"{total * 6 / 10:.2f}", "2": f"{total * 4 / 10:.2f}"},
                "stage_points": [],
            }
            for unit, rank, total, tied in rows
        ],
    }
    publication = Publication.objects.create(
        plan=plan, scale=scale, published_by=manager, published_at=now, payload=payload
    )
    RankingRow.objects.bulk_create(
        RankingRow(
            publication=publication,
            unit=unit,
            rank=rank,
            total=total,
            base=total,
            bonus=0,
            penalty=0,
            tied_with=tied,
        )
        for unit, rank, total, tied in rows
    )
    return plan


def _summary_reads(term_pk: int, plan_pk: int, viewer: User) -> int:
    """The floor: what the summary's builder reads, through the same selectors."""
    term = term_get_for(user=viewer, pk=term_pk)
    plan = plan_get_for(user=viewer, pk=plan_pk)
    analytics_for(user=viewer, plan=plan)
    publication = publication_for(user=viewer, plan=plan)
    periods = [p for p in periods_for(user=viewer) if p.year in (YEAR, SOURCE_YEAR)]
    indicators = list(indicator_list_for(user=viewer))
    read = len(publication.rows.all()) if publication else 0
    for period in periods:
        if period.kind == PeriodKind.YEAR:
            figures = term_figures_for(
                user=viewer, cluster_term=term, period=period, indicators=indicators
            )
            read += len(figures.rollups)
        if period.year == YEAR:
            read += len(report_list_for(user=viewer, period=period.pk))
    ids = [m.unit_id for m in term.memberships.all()]
    read += len(list(good_practice_list_for(user=viewer, year=YEAR).filter(unit_id__in=ids)))
    return read


def _sector_reads(period_pk: int, viewer: User) -> int:
    """The floor: what the sector roll-up's builder reads, through the same selectors (the
    period, the catalogue, the year's terms, then every figure in one ``sector_figures_for``)."""
    period = period_get_for(user=viewer, pk=period_pk)
    indicators = list(indicator_list_for(user=viewer))
    terms = list(term_list_for(user=viewer, year=period.year).order_by("cluster__number"))
    figures = sector_figures_for(user=viewer, period=period, indicators=indicators, terms=terms)
    read = sum(len(rollup.by_unit) for rollup in figures.sector.values())
    return read + sum(len(term.rollups) for term in figures.terms.values())


def _blocks(content: DocumentContent) -> str:
    return f"{len(content.body)} blocks"


def _against(built: Result, floor: Result, goal_ms: float) -> Result:
    verdict = "within" if built.p95_ms <= goal_ms else "OVER"
    notes = (
        f"{built.notes}; ×{built.median_ms / floor.median_ms:.1f} of the floor (median); "
        f"goal {goal_ms / 1000:.0f} s: {verdict}"
    )
    return dataclasses.replace(built, notes=notes)


def _document_figures(
    label: str,
    kind: str,
    source_id: int,
    viewer: User,
    *,
    floor: Result,
    goal_ms: float,
    repetitions: int,
) -> list[Result]:
    """The document's content, then the same rendered to .docx, each against ``floor``."""
    content = measure(
        f"documents: {label} (content)",
        lambda: BUILDERS[kind].build(source_id, viewer),
        repetitions=repetitions,
        notes=_blocks,
    )
    docx = measure(
        f"documents: {label} (.docx)",
        lambda: render_docx(BUILDERS[kind].build(source_id, viewer)),
        repetitions=repetitions,
        notes=lambda data: f"{len(data) // 1024} KiB",
    )
    return [_against(content, floor, goal_ms), _against(docx, floor, goal_ms), floor]


def document_cases(repetitions: int) -> list[Result]:
    manager = viewer = secretariat()
    with transaction.atomic():
        term = _twelve_member_term(manager)
        plan = _published_plan(term, manager)
    summary_floor = measure(
        "documents floor: the summary's selector reads",
        lambda: _summary_reads(term.pk, plan.pk, viewer),
        repetitions=repetitions,
    )
    year_end = ReportingPeriod.objects.get(year=SOURCE_YEAR, kind=PeriodKind.YEAR, scope="sector")
    sector_floor = measure(
        "documents floor: the sector roll-up's selector reads",
        lambda: _sector_reads(year_end.pk, viewer),
        repetitions=repetitions,
    )
    return [
        *_document_figures(
            f"summary report of a {MEMBERS}-member cluster",
            "summary_report",
            term.pk,
            viewer,
            floor=summary_floor,
            goal_ms=SUMMARY_GOAL_MS,
            repetitions=repetitions,
        ),
        *_document_figures(
            f"the sector's {SOURCE_YEAR} year-end roll-up",
            "sector_rollup",
            year_end.pk,
            viewer,
            floor=sector_floor,
            goal_ms=SECTOR_GOAL_MS,
            repetitions=repetitions,
        ),
    ]
