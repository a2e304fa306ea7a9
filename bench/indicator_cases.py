"""Indicator benchmarks on the ten years of reports of ``bench.generate_indicators``: the
sector's roll-up and trend, and the sector and cluster dashboards through the whole request
stack with the secretariat signed in.

A dashboard not there yet (its URL name does not resolve) is skipped with a note rather than
failing the run.
"""

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from django.test import Client
from django.urls import NoReverseMatch, reverse

from bench.generate_indicators import secretariat
from bench.signin import signed_in_client
from bench.timing import Result, measure
from thidua.accounts.models import User
from thidua.indicators.models import Indicator
from thidua.indicators.selectors.rollup import Rollup, SeriesPoint, rollup_for, series_for
from thidua.indicators.selectors.scopes import Scope
from thidua.orgs.models import ClusterTerm

SHARE_CODE = "staff_streamlined_share"
COUNT_CODE = "new_party_members_admitted"
# 2025: 34 boards in the roll-up, and 3,321 communes' reports that must be read past; 2020:
# 63 boards, the busiest year before the reform.
REFORM_YEAR, EARLIER_YEAR = 2025, 2020
DASHBOARD_TARGET_MS = 300.0


@dataclass
class IndicatorRun:
    results: list[Result] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def indicator_cases(repetitions: int, years: Sequence[int]) -> IndicatorRun:
    viewer = secretariat()
    share = Indicator.objects.get(code=SHARE_CODE)
    count = Indicator.objects.get(code=COUNT_CODE)
    run = IndicatorRun()
    run.results += [
        _rollup(repetitions, viewer, share, REFORM_YEAR),
        _rollup(repetitions, viewer, count, EARLIER_YEAR),
        _series(repetitions, viewer, share, years),
        _series(repetitions, viewer, count, years),
    ]
    client = signed_in_client(viewer)
    _sector_pages(run, repetitions, client, (share, count))
    _cluster_pages(run, repetitions, client)
    return run


def _rollup(repetitions: int, viewer: User, indicator: Indicator, year: int) -> Result:
    def describe(rolled: Rollup) -> str:
        return f"{len(rolled.by_unit)} boards; value {rolled.value}"

    return measure(
        f"rollup_for sector, {indicator.code} {year}",
        partial(rollup_for, user=viewer, indicator=indicator, year=year, sector=True),
        repetitions=repetitions,
        notes=describe,
    )


def _series(repetitions: int, viewer: User, indicator: Indicator, years: Sequence[int]) -> Result:
    def describe(points: list[SeriesPoint]) -> str:
        lines = [len(point.rollup.by_unit) for point in points]
        return (
            f"{len(points)} years, {min(lines)}–{max(lines)} lines a year (lineage to 2025); "
            f"{points[0].rollup.value} → {points[-1].rollup.value}"
        )

    return measure(
        f"series_for sector, {indicator.code} {years[0]}–{years[-1]}",
        partial(
            series_for,
            user=viewer,
            indicator=indicator,
            unit_or_scope=Scope(sector=True),
            years=list(years),
            lineage_year=years[-1],
        ),
        repetitions=repetitions,
        notes=describe,
    )


def _page(client: Client, path: str) -> bytes:
    """The response body; the whole stack runs: middleware, session, view, template."""
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return response.content


def _describe_page(body: bytes) -> str:
    return f"{len(body) / 1024:,.0f} KiB HTML"


def _timed_page(repetitions: int, client: Client, path: str) -> Result:
    result = measure(
        f"GET {path}",
        partial(_page, client, path),
        repetitions=repetitions,
        notes=_describe_page,
    )
    verdict = "met" if result.median_ms < DASHBOARD_TARGET_MS else "MISSED"
    return dataclasses.replace(
        result, notes=f"{result.notes}; target < {DASHBOARD_TARGET_MS:.0f} ms {verdict}"
    )


def _resolved(run: IndicatorRun, name: str, make: Callable[[], str]) -> str | None:
    try:
        return make()
    except NoReverseMatch:
        run.skipped.append(f"{name}: the page is not there yet (no URL named {name!r})")
        return None


def _sector_pages(
    run: IndicatorRun, repetitions: int, client: Client, indicators: Sequence[Indicator]
) -> None:
    """The sector dashboard for a share and a count, after and before the reform; the query
    count must not depend on the year's number of units."""
    base = _resolved(run, "web:dashboard_sector", lambda: reverse("web:dashboard_sector"))
    if base is None:
        return
    pages = [
        _timed_page(repetitions, client, f"{base}?chi_tieu={indicator.code}&nam={year}")
        for indicator in indicators
        for year in (REFORM_YEAR, EARLIER_YEAR)
    ]
    verdict = "constant" if len({page.queries for page in pages}) == 1 else "VARY"
    run.results += [
        dataclasses.replace(page, notes=f"{page.notes}; queries {verdict}") for page in pages
    ]


def _largest_term(year: int) -> ClusterTerm | None:
    terms = ClusterTerm.objects.filter(year=year).select_related("cluster")
    terms = terms.prefetch_related("memberships")
    return max(terms, key=lambda term: (len(term.memberships.all()), -term.pk), default=None)


def _cluster_pages(run: IndicatorRun, repetitions: int, client: Client) -> None:
    """The cluster dashboard of the largest term after and before the reform."""
    for year in (REFORM_YEAR, EARLIER_YEAR):
        term = _largest_term(year)
        if term is None:
            run.skipped.append(f"web:dashboard_cluster: no cluster term in {year}")
            continue
        path = _resolved(
            run,
            "web:dashboard_cluster",
            partial(reverse, "web:dashboard_cluster", args=[term.pk]),
        )
        if path is None:
            return
        page = _timed_page(repetitions, client, path)
        members = len(term.memberships.all())
        run.results.append(
            dataclasses.replace(
                page, notes=f"{term.cluster.name} {year}, {members} members; {page.notes}"
            )
        )
