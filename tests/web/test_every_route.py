"""Every route of the app, asked by every role and by nobody, on a world where its objects exist.

The routes are read from the URL configuration itself, so a new page or API operation is tried
without this file changing. A path parameter is filled with the object its name stands for (a
plan for a plan's ``pk``, Bình Dương's board for a ``unit_pk``…), so the views get past their
lookups and reach their checks. What must hold for every route:

- nobody signed in gets nothing but the sign-in (a redirect on pages, 401 on the API), except on
  the few public routes listed below;
- no role ever gets a server error, by GET or by an empty POST;
- the outsider, signed in with no role, never reads a unit's sheets, reports or registrations,
  nor a cluster's workspace (plans and published results are open to the whole sector).

The count of requests made is printed (``-s``) for the closing note of the trust work.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.builders.assessments import published_plan
from tests.builders.people import PERSONAS, client_for, persona
from tests.builders.reports import binh_duong, indicator, open_period, report
from tests.voting.page_world import electronic_vote, opened
from thidua.awards.models import Grant, GrantSource
from thidua.awards.services.rounds import round_open
from thidua.orgs.models import Person, Unit
from thidua.orgs.services import person_create, position_add
from thidua.plans.models import Plan
from thidua.reviews.services import RatedSpec, confidence_session_create
from thidua.rulebook.services.loader import rulebook_load
from thidua.scoring.models import Assessment

# The one-time password link and its closing page are used by someone who cannot sign in.
PUBLIC = {
    "login",
    "set_language",
    "openapi-json",
    "openapi-view",
    "api-root",
    "password_reset",
    "password_reset_done",
}
PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    path: str
    name: str

    @property
    def api(self) -> bool:
        return self.path.startswith("api/")


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield Route(prefix + str(pattern.pattern), pattern.name or "")


ROUTES = sorted(
    {route for route in _walk(get_resolver().url_patterns) if not route.path.startswith("admin/")},
    key=lambda route: route.path,
)


@dataclass
class World:
    values: dict[str, str]

    def url(self, route: Route) -> str:
        """The route with each parameter filled by what its name (and place) stands for."""

        def fill(match: re.Match[str]) -> str:
            name, before = match["name"], route.path[: match.start()]
            if name == "pk":
                kind = next(
                    (
                        kind
                        for prefix, kind in [
                            ("accounts/thong-bao/", "missing"),
                            ("cham-diem/phieu/", "assessment"),
                            ("cham-diem/minh-chung/", "missing"),
                            ("cham-diem/giai-trinh/", "missing"),
                            ("chi-tieu/ky/", "period"),
                            ("chi-tieu/mo-hinh/", "missing"),
                            ("don-vi/", "unit"),
                            ("cum/nhiem-ky/", "term"),
                            ("danh-gia/tin-nhiem/", "confidence_session"),
                        ]
                        if before.startswith(prefix)
                    ),
                    "plan",
                )
            else:
                kind = {
                    "plan_id": "plan",
                    "unit_id": "unit",
                    "unit_pk": "unit",
                    "assessment_id": "assessment",
                    "report_id": "report",
                    "period_id": "period",
                    "period_pk": "period",
                    "term_pk": "term",
                    "cid": "criterion",
                    "criterion_pk": "criterion",
                    "rid": "registration",
                    "year": "year",
                    "code": "indicator",
                    "person_id": "person",
                    "kind": "record_kind",
                    "round_pk": "round",
                    "candidate_pk": "candidate",
                    "grant_pk": "grant",
                    "grant_id": "grant",
                    "vote_pk": "vote",
                }.get(name, "missing")
            if before.startswith("api/v1/units/") and name == "unit_id":
                kind = "unit_code"
            return self.values[kind]

        return "/" + PARAM.sub(fill, route.path)


def _staff_member(board: Unit) -> Person:
    """A person on the board's staff, whose achievement records the awards pages show."""
    person = person_create(actor=None, full_name="Nguyễn Văn Ánh", birth_year=1980)
    position_add(actor=None, person=person, unit=board, title="Chuyên viên")
    return person


@pytest.fixture(scope="module")
def world(module_db: None) -> World:
    plan, _units = published_plan()
    plan = Plan.objects.select_related("term").get(pk=plan.pk)
    board = binh_duong()
    reporting_period = open_period()
    filed = report(board, reporting_period, {indicator("new_party_members_admitted"): 1200})
    for username in PERSONAS:
        client_for(username)
    rulebook_load()
    award_round = round_open(
        actor=persona("lanhdao.binhduong"),
        level="cluster",
        year=plan.year,
        term=plan.term,
        judged_on=dt.date(plan.year + 1, 1, 10),
    )
    candidate = award_round.candidates.select_related("unit").first()
    assert candidate is not None
    grant = Grant.objects.create(
        unit=candidate.unit,
        award=candidate.award,
        year=plan.year,
        source=GrantSource.ENTERED,
        decision_number="1-QĐ/BTCTW",
        decided_on=dt.date(plan.year + 1, 2, 1),
        issuer="Ban Tổ chức Trung ương",
    )
    # An electronic vote open for casting: Bình Dương's officer on its roll, the secretariat
    # its trustee, so the ballot, ballot list and trustee pages get past their lookups.
    vote = electronic_vote(voters=[persona("canbo.binhduong")], trustees=[persona("thuongtruc")])
    opened(vote)
    staff_member = _staff_member(board)
    confidence_session = confidence_session_create(
        actor=persona("lanhdao.binhduong"),
        unit=board,
        held_on=dt.date(2025, 6, 10),  # Quy định 96 is in force
        persons=[RatedSpec(staff_member, "Chuyên viên")],
        roll=["Trần Thị B"],
        committee=[persona("lanhdao.binhduong"), persona("canbo.binhduong")],
        mode="paper",
    )
    return World(
        {
            "plan": str(plan.pk),
            "term": str(plan.term_id),
            "unit": str(board.pk),
            "unit_code": board.code,
            "assessment": str(Assessment.objects.filter(plan=plan).values_list("pk")[0][0]),
            "criterion": str(plan.scales.get().criteria.values_list("pk")[0][0]),
            "registration": str(plan.registrations.values_list("pk")[0][0]),
            "report": str(filed.pk),
            "period": str(reporting_period.pk),
            "year": str(plan.year),
            "indicator": "new_party_members_admitted",
            "person": str(staff_member.pk),
            "record_kind": "nam",
            "missing": "987654",
            "round": str(award_round.pk),
            "candidate": str(candidate.pk),
            "grant": str(grant.pk),
            "vote": str(vote.pk),
            "confidence_session": str(confidence_session.pk),
        }
    )


def test_the_routes_are_all_found() -> None:
    """The walk sees the pages and the API (or the tests below would pass on nothing)."""
    names = {route.name for route in ROUTES}
    assert {"home", "detail", "results", "report_put", "sheet"} <= names
    assert len(ROUTES) > 100


@pytest.mark.django_db
def test_nobody_signed_in_gets_only_the_sign_in(world: World) -> None:
    anonymous = Client()
    leaked = []
    for route in ROUTES:
        if route.name in PUBLIC:
            continue
        for method in ("get", "post"):
            response = getattr(anonymous, method)(world.url(route))
            refused = (
                response.status_code in {401, 405}
                if route.api
                else response.status_code == 405
                or (response.status_code == 302 and "dang-nhap" in response["Location"])
            )
            if not refused:
                leaked.append(f"{method.upper()} {world.url(route)} → {response.status_code}")
    assert not leaked


@pytest.mark.django_db
@pytest.mark.parametrize("username", sorted(PERSONAS))
def test_no_role_meets_a_server_error_on_any_route(world: World, username: str) -> None:
    client = client_for(username)
    failed, tried = [], 0
    for route in ROUTES:
        url = world.url(route)
        for method in ("get", "post"):
            tried += 1
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                failed.append(f"{method.upper()} {url} → {response.status_code}")
    print(f"{username}: {tried} requests over {len(ROUTES)} routes")
    assert not failed


@pytest.mark.django_db
def test_the_outsider_reads_no_cluster_data(world: World) -> None:
    outsider = client_for("nguoingoai")
    own_data = [
        route
        for route in ROUTES
        if route.name
        in {
            "registration",
            "covenant",
            "trace",
            "analytics",
            "sheet",
            "sheet_xlsx",
            "term_workspace",
            "dashboard_cluster",
            "report",
            "report_excel",
            "report_get",
            "assessment_detail",
            "export_plan",
            "person",
            "unit_records",
            "import",
            "import_template",
        }
    ]
    assert len(own_data) >= 12
    readable = [
        world.url(route) for route in own_data if outsider.get(world.url(route)).status_code == 200
    ]
    assert not readable
    listed = outsider.get(f"/api/v1/plans/{world.values['plan']}/assessments")
    assert listed.status_code == 200
    assert listed.json() == []
