"""The benchmarks: the reads a page or an API call of the sector makes, on the generated data."""

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.test import Client

from bench.generate import officer_username
from bench.signin import signed_in_client
from bench.timing import Result, measure
from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.audit.models import AuditEvent
from thidua.audit.selectors import ChainReport, audit_chain_verify
from thidua.audit.services import audit_record
from thidua.orgs.models import ClusterMembership, ClusterTerm, Unit
from thidua.orgs.selectors import (
    Lineage,
    lineage_of,
    term_list_for,
    term_officers,
    unit_history,
    unit_list_for,
)

# Hồ Chí Minh City's organization board since 1 July 2025: three boards merged into it, so its
# lineage and history are the deepest of the reference data.
MERGED_BOARD_CODE = "BTC-79"
SEARCHES = [
    ("binh duong", "few matches, typed without diacritics"),
    ("xa", "thousands of communes match"),
]


@dataclass(frozen=True)
class Plan:
    repetitions: int
    # audit_chain_verify reads the whole log, so it gets fewer repetitions.
    chain_repetitions: int
    term_year: int


def run_all(plan: Plan) -> list[Result]:
    viewer = User.objects.get(username=officer_username(MERGED_BOARD_CODE))
    board = Unit.objects.get(code=MERGED_BOARD_CODE)
    return [
        *unit_search(plan, viewer),
        *lineage(plan, board),
        *terms(plan, viewer),
        *api(plan, viewer),
        *policy(plan, viewer),
        audit_write(plan, viewer, board),
        chain(plan),
    ]


def _search(viewer: User, q: str) -> list[Unit]:
    return list(unit_list_for(user=viewer, q=q))


def unit_search(plan: Plan, viewer: User) -> list[Result]:
    return [
        measure(
            f"unit_list_for q={q!r}",
            partial(_search, viewer, q),
            repetitions=plan.repetitions,
            notes=partial(_describe_search, why),
        )
        for q, why in SEARCHES
    ]


def _describe_search(why: str, rows: list[Unit]) -> str:
    return f"{len(rows):,} units; {why}"


def lineage(plan: Plan, board: Unit) -> list[Result]:
    def describe(found: Lineage) -> str:
        return f"{len(found.predecessors)} predecessors, {len(found.successors)} successors"

    def history_notes(rows: list[ClusterMembership]) -> str:
        years = {row.year for row in rows}
        return f"{len(rows)} memberships over {len(years)} years, predecessors' included"

    return [
        measure(
            f"lineage_of {MERGED_BOARD_CODE}",
            lambda: lineage_of(board),
            repetitions=plan.repetitions,
            notes=describe,
        ),
        measure(
            f"unit_history {MERGED_BOARD_CODE}",
            lambda: unit_history(board),
            repetitions=plan.repetitions,
            notes=history_notes,
        ),
    ]


def _terms_with_officers(viewer: User, year: int | None) -> list[ClusterTerm]:
    """What the clusters page does: every term of the year, then each term's officers."""
    found = list(term_list_for(user=viewer, year=year))
    for term in found:
        term_officers(term)
    return found


def terms(plan: Plan, viewer: User) -> list[Result]:
    def describe(found: list[ClusterTerm]) -> str:
        members = sum(len(term.memberships.all()) for term in found)
        return f"{len(found)} terms, {members} memberships"

    one_year, all_years = (
        measure(
            f"term_list_for year={year} + officers",
            partial(_terms_with_officers, viewer, year),
            repetitions=plan.repetitions,
            notes=describe,
        )
        for year in (plan.term_year, None)
    )
    # The query count must not depend on how many terms are read (no query per row).
    verdict = "constant" if one_year.queries == all_years.queries else "GROWS WITH ROWS"
    return [
        one_year,
        dataclasses.replace(all_years, notes=f"{all_years.notes}; queries {verdict}"),
    ]


def _api_client(viewer: User) -> Client:
    return signed_in_client(viewer)


def _api_get(client: Client, path: str, params: dict[str, str]) -> bytes:
    """The response body; the full stack runs: middleware, session, auth, ninja, serializing."""
    response = client.get(path, params)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} {params} answered {response.status_code}")
    return response.content


def _describe_api(body: bytes) -> str:
    return f"{len(json.loads(body))} rows, {len(body) / 1024:,.0f} KiB JSON"


def api(plan: Plan, viewer: User) -> list[Result]:
    client = _api_client(viewer)
    calls: Sequence[tuple[str, dict[str, str]]] = [
        *(("/api/v1/units", {"q": q}) for q, _ in SEARCHES),
        ("/api/v1/clusters", {"year": str(plan.term_year)}),
        ("/api/v1/clusters", {}),
    ]
    results = []
    for path, params in calls:
        query = "&".join(f"{key}={value}" for key, value in params.items())
        results.append(
            measure(
                f"GET {path}" + (f"?{query}" if query else ""),
                partial(_api_get, client, path, params),
                repetitions=plan.repetitions,
                notes=_describe_api,
            )
        )
    return results


def policy(plan: Plan, viewer: User) -> list[Result]:
    """``may(TERM_VIEW_INTERNAL)`` of a board officer on every term of every year, as a list of
    terms with a "workspace" link per row would ask it. Cold: a new request, so the user's
    grants and the units' ancestry are read again; warm: the same request asking again."""
    every_term = list(term_list_for(user=viewer))

    def ask(user: User) -> int:
        return sum(may(user, Action.TERM_VIEW_INTERNAL, term) for term in every_term)

    def describe(allowed: int) -> str:
        return f"{allowed}/{len(every_term)} terms allowed"

    cold = measure(
        f"may TERM_VIEW_INTERNAL × {len(every_term)}, cold",
        lambda: ask(User.objects.get(pk=viewer.pk)),
        repetitions=plan.repetitions,
        notes=describe,
    )
    warm_user = User.objects.get(pk=viewer.pk)
    warm = measure(
        f"may TERM_VIEW_INTERNAL × {len(every_term)}, warm",
        lambda: ask(warm_user),
        repetitions=plan.repetitions,
        notes=describe,
    )
    return [
        dataclasses.replace(
            result, notes=f"{result.notes}; {result.median_ms * 1000 / len(every_term):.0f} µs/term"
        )
        for result in (cold, warm)
    ]


def audit_write(plan: Plan, viewer: User, unit: Unit) -> Result:
    """The audit part of every change the app writes: one event in its own transaction, as
    the services do. Run before ``chain`` so that the verified log includes these events."""

    def record() -> AuditEvent:
        with transaction.atomic():
            return audit_record(
                actor=viewer,
                action="unit.update",
                obj=unit,
                before={"short_name": unit.short_name},
                after={"short_name": unit.short_name},
            )

    return measure(
        "audit_record, own transaction",
        record,
        repetitions=plan.repetitions,
        notes=lambda event: "queries include BEGIN and COMMIT; the head row is locked",
    )


def chain(plan: Plan) -> Result:
    def describe(report: ChainReport) -> str:
        state = "intact" if report.intact else f"BROKEN at #{report.broken_event_id}"
        return f"{report.checked:,} events, {state}"

    events = AuditEvent.objects.count()
    result = measure(
        "audit_chain_verify",
        audit_chain_verify,
        repetitions=plan.chain_repetitions,
        notes=describe,
        warmup=0,
    )
    rate = events / (result.median_ms / 1000)
    return dataclasses.replace(result, notes=f"{result.notes}; {rate:,.0f} events/s")
