"""Reads of the sector dashboard: one indicator over the whole sector, by cluster, by province
(on the 34 provinces of 2025) and year by year.

Accepted figures are the sector's shared figures, so every signed-in official may read them
(as the roll-up selectors say). The page costs a fixed handful of queries, whatever the number
of years, units and reports: the catalogue, the years with figures, one read of every year's
figures of the indicator (which gives the trend and the chosen year by province), and one read
of the chosen year grouped by cluster.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.core.errors import NotFoundError
from thidua.indicators.models import (
    Indicator,
    IndicatorKind,
    PeriodKind,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
)
from thidua.indicators.rollup import Change
from thidua.indicators.selectors.catalogue import indicator_get_for, indicator_list_for
from thidua.indicators.selectors.rollup import Rollup, SeriesPoint, UnitRollup, series_for
from thidua.indicators.selectors.rollup_terms import TermRollup, rollups_by_term_for
from thidua.indicators.selectors.scopes import Scope
from thidua.web.charts import TileSpec

TILES_FILE = Path(__file__).parents[1] / "data" / "province_tiles.yaml"
# The year-end review and the mid-year review; an ad hoc report is not a year's figure.
KINDS = (PeriodKind.YEAR, PeriodKind.MID_YEAR)
# Years the page accepts; outside this, a "year" is a typing mistake.
FIRST_YEAR, LAST_YEAR = 1930, 2200


@dataclass(frozen=True)
class ProvinceTiles:
    """The tile map's grid: the provinces of ``year`` (lineage maps earlier boards onto them)."""

    year: int
    specs: tuple[TileSpec, ...]


@lru_cache(maxsize=1)
def province_tiles() -> ProvinceTiles:
    """The grid of ``data/province_tiles.yaml``: a file of the code, read once per process."""
    with TILES_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    specs = tuple(
        TileSpec(code=code, row=int(t["row"]), col=int(t["col"]), short_name=str(t["short_name"]))
        for code, t in data["tiles"].items()
    )
    return ProvinceTiles(year=int(data["year"]), specs=specs)


@dataclass
class SectorDashboard:
    indicators: list[Indicator]
    years: list[int]  # years with accepted reports of the chosen kind, latest first
    kind: str
    indicator: Indicator | None = None
    year: int | None = None
    problems: list[str] = field(default_factory=list)
    total: Rollup | None = None
    change: Change | None = None
    trend: list[SeriesPoint] = field(default_factory=list)
    by_term: list[TermRollup] = field(default_factory=list)
    # The terms whose own dashboard the reader may open: only those are linked.
    openable_terms: set[int] = field(default_factory=set)
    by_province: list[UnitRollup] = field(default_factory=list)
    lineage_year: int | None = None

    @property
    def percent(self) -> bool:
        return self.indicator is not None and self.indicator.kind in {
            IndicatorKind.SHARE,
            IndicatorKind.PERCENTAGE,
        }

    @property
    def is_share(self) -> bool:
        return self.indicator is not None and self.indicator.kind == IndicatorKind.SHARE

    @property
    def kind_label(self) -> str:
        return str(PeriodKind(self.kind).label)

    def tile_values(self) -> dict[str, Decimal | None]:
        return {line.unit.code: line.value for line in self.by_province}

    def trend_points(self) -> list[SeriesPoint]:
        """The years that have a sector value: what the trend draws."""
        return [p for p in self.trend if p.rollup.value is not None]


def _year(raw: str | None, problems: list[str]) -> int | None:
    text = (raw or "").strip()
    if not text:
        return None
    if text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    problems.append(
        _("Năm “%(value)s” không hợp lệ: hãy chọn một năm, ví dụ 2023.") % {"value": text}
    )
    return None


def _kind(raw: str | None, problems: list[str]) -> str:
    text = (raw or "").strip()
    if not text or text in KINDS:
        return text or PeriodKind.YEAR
    problems.append(
        _("Kỳ “%(value)s” không hợp lệ: chọn tổng kết năm hoặc sơ kết 6 tháng.") % {"value": text}
    )
    return PeriodKind.YEAR


def _indicator(
    user: User | AnonymousUser, indicators: list[Indicator], raw: str | None, problems: list[str]
) -> Indicator | None:
    code = (raw or "").strip()
    if not code:
        return None
    found = next((i for i in indicators if i.code == code), None)
    if found is not None:
        return found
    try:
        return indicator_get_for(user=user, code=code)  # a retired one still has its history
    except NotFoundError as missing:
        problems.append(missing.message)
        return None


def _years_with_reports() -> dict[str, list[int]]:
    """Kind → the years with at least one accepted report, latest first."""
    accepted = Report.objects.filter(period=OuterRef("pk"), status=ReportStatus.ACCEPTED)
    found: dict[str, set[int]] = {kind: set() for kind in KINDS}
    periods = ReportingPeriod.objects.filter(Exists(accepted), kind__in=KINDS)
    for year, kind in periods.order_by().values_list("year", "kind").distinct():
        found[kind].add(year)
    return {kind: sorted(years, reverse=True) for kind, years in found.items()}


def _first_with_figures(indicators: list[Indicator], year: int, kind: str) -> Indicator | None:
    """The first indicator of the catalogue with an accepted figure in the year's period."""
    figures = ReportValue.objects.filter(
        indicator=OuterRef("pk"),
        report__status=ReportStatus.ACCEPTED,
        report__period__year=year,
        report__period__kind=kind,
    )
    ids = [i.pk for i in indicators]
    pk = (
        Indicator.objects.filter(pk__in=ids)
        .filter(Exists(figures))
        .order_by("position", "code")
        .values_list("pk", flat=True)
        .first()
    )
    return next((i for i in indicators if i.pk == pk), indicators[0] if indicators else None)


def sector_dashboard_for(
    *, user: User | AnonymousUser, params: Mapping[str, str]
) -> SectorDashboard:
    """The sector dashboard for ``params`` (``chi_tieu``: an indicator code, ``nam``: a year,
    ``ky``: ``year`` or ``mid_year``); a bad choice is reported in ``problems``, in Vietnamese,
    and its default is shown instead."""
    indicators = list(indicator_list_for(user=user))
    problems: list[str] = []
    kind = _kind(params.get("ky"), problems)
    year = _year(params.get("nam"), problems)
    indicator = _indicator(user, indicators, params.get("chi_tieu"), problems)
    years = _years_with_reports()[kind]
    board = SectorDashboard(indicators, years, kind, indicator, year, problems)
    board.year = year if year is not None else (years[0] if years else None)
    if board.year is None:
        return board
    if board.indicator is None:
        board.indicator = _first_with_figures(indicators, board.year, kind)
    if board.indicator is not None:
        _figures(board, user, board.indicator, board.year)
    return board


def _figures(
    board: SectorDashboard, user: User | AnonymousUser, indicator: Indicator, year: int
) -> None:
    every_year = sorted({*board.years, year})
    # Earlier boards are shown on the provinces of the tile map (and on later ones after it).
    board.lineage_year = max(every_year[-1], province_tiles().year)
    board.trend = series_for(
        user=user,
        indicator=indicator,
        unit_or_scope=Scope(sector=True),
        years=every_year,
        period_kind=board.kind,
        lineage_year=board.lineage_year,
    )
    point = next(p for p in board.trend if p.year == year)
    board.total, board.change = point.rollup, point.change
    board.by_province = point.rollup.by_unit
    board.by_term = rollups_by_term_for(
        user=user, indicator=indicator, year=year, period_kind=board.kind, lineage_year=year
    )
    board.openable_terms = {
        line.term.pk for line in board.by_term if may(user, Action.TERM_VIEW_INTERNAL, line.term)
    }
