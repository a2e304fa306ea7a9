"""The cluster and sector dashboards, their charts and the sector's Excel export.

A bad choice in the address (an unknown indicator, a year that is not one) is answered with
the page on its defaults, the problem said in Vietnamese above it, and status 400.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.indicators.models import PeriodKind
from thidua.web.charts import bar_chart, line_chart, tile_map
from thidua.web.dashboard_excel import sector_workbook
from thidua.web.selectors.cluster_dashboard import cluster_dashboard_for
from thidua.web.selectors.sector_dashboard import (
    KINDS,
    SectorDashboard,
    province_tiles,
    sector_dashboard_for,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HUNDRED = Decimal(100)


def _status(problems: list[str]) -> int:
    return 400 if problems else 200


@require_GET
@login_required
def dashboard_cluster(request: HttpRequest, term_pk: int) -> HttpResponse:
    board = cluster_dashboard_for(user=request.user, term_pk=term_pk, params=request.GET)
    chart = None
    if board.chart_lines:
        chart = bar_chart(
            [(line.unit.short_name or line.unit.name, line.amount) for line in board.chart_lines],
            reference=HUNDRED if board.chart_progress else None,
            label_width=200,
        )
    return render(
        request,
        "web/dashboard_cluster.html",
        {
            "board": board,
            "chart": chart,
            "chart_filename": f"tong-quan-cum-{board.term.cluster.number}-{board.term.year}",
        },
        status=_status(board.problems),
    )


def _sector_query(board: SectorDashboard) -> tuple[str, str]:
    """The dashboard's choices as a query string, and the stem of its files' names."""
    if board.indicator is None or board.year is None:
        return "", ""
    query = urlencode({"chi_tieu": board.indicator.code, "nam": board.year, "ky": board.kind})
    return query, f"toan-nganh-{board.indicator.code}-{board.year}-{board.kind}"


@require_GET
@login_required
def dashboard_sector(request: HttpRequest) -> HttpResponse:
    board = sector_dashboard_for(user=request.user, params=request.GET)
    trend = [(p.year, p.rollup.value) for p in board.trend_points() if p.rollup.value is not None]
    clusters = [
        (_("Cụm %(number)s") % {"number": t.term.cluster.number}, t.rollup.value)
        for t in board.by_term
    ]
    query, stem = _sector_query(board)
    context = {
        "board": board,
        "kinds": [(kind, PeriodKind(kind).label) for kind in KINDS],
        "map": tile_map(province_tiles().specs, board.tile_values()) if query else None,
        "map_year": province_tiles().year,
        "trend_chart": line_chart(trend) if trend else None,
        "cluster_chart": (
            bar_chart(clusters, label_width=120)
            if any(value is not None for _label, value in clusters)
            else None
        ),
        "excel_url": f"{reverse('web:dashboard_sector_excel')}?{query}" if query else "",
        "file_stem": stem,
    }
    return render(request, "web/dashboard_sector.html", context, status=_status(board.problems))


@require_GET
@login_required
def dashboard_sector_excel(request: HttpRequest) -> HttpResponse:
    board = sector_dashboard_for(user=request.user, params=request.GET)
    if board.problems or board.indicator is None or board.year is None:
        messages = board.problems or [_("Chưa có số liệu được tiếp nhận để xuất.")]
        return render(request, "web/error.html", {"message": " ".join(messages)}, status=400)
    content = sector_workbook(board, board.indicator)
    response = HttpResponse(content, content_type=XLSX)
    name = f"tong-quan-{_sector_query(board)[1]}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # The page's script shows the download's progress as bytes received of this length.
    response["Content-Length"] = str(len(content))
    return response
