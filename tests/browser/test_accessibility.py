"""The main pages, checked by axe-core in Chromium (no violation of impact serious or
critical, headings in order, landmarks unique), with a skip link, and on a phone-sized screen
(no page wider than the screen)."""

import datetime as dt
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize

from tests.browser.steps import sign_in
from tests.builders.assessments import published_plan
from tests.builders.people import PASSWORD, persona
from tests.builders.reports import binh_duong, indicator, open_period, report
from thidua.awards.services.rounds import round_open
from thidua.plans.models import Plan
from thidua.rulebook.services.loader import rulebook_load
from thidua.scoring.models import Assessment

SERIOUS = {"serious", "critical"}
# Moderate by axe's measure, but named by the issue: every page keeps its headings in order and
# its landmarks unique.
NAMED = {"heading-order", "landmark-unique", "landmark-no-duplicate-banner", "region"}
PHONE: ViewportSize = {"width": 360, "height": 740}


@pytest.fixture
def published(transactional_db: None) -> Plan:
    persona("lanhdao.binhduong")
    plan, _units = published_plan()
    return plan


def main_pages(plan: Plan) -> Iterator[str]:
    reporting_period = open_period()
    board = binh_duong()
    report(board, reporting_period, {indicator("new_party_members_admitted"): 12})
    sheet = Assessment.objects.filter(plan=plan).first()
    yield reverse("web:home")
    yield reverse("web:units")
    yield reverse("web:unit", args=[board.pk])
    yield reverse("web:clusters")
    yield reverse("web:term", args=[plan.term_id])
    yield reverse("web:term_workspace", args=[plan.term_id])
    yield reverse("plans:list")
    yield reverse("plans:detail", args=[plan.pk])
    yield reverse("plans:registration", args=[plan.pk])
    yield reverse("plans:builder", args=[plan.pk])
    yield reverse("plans:covenant", args=[plan.pk])
    yield reverse("plans:unit_list", args=[board.pk, plan.year])
    yield reverse("web:unit_internal", args=[board.pk])
    yield reverse("scoring:plan", args=[plan.pk])
    yield reverse("scoring:results", args=[plan.pk])
    yield reverse("scoring:analytics", args=[plan.pk])
    yield reverse("scoring:explanation", args=[plan.pk])
    if sheet is not None:
        yield reverse("scoring:sheet", args=[sheet.pk])
    yield reverse("indicators:periods")
    yield reverse("indicators:period", args=[reporting_period.pk])
    yield reverse("indicators:report", args=[reporting_period.pk, board.pk])
    yield reverse("indicators:practices")
    yield reverse("web:dashboard_sector")
    yield reverse("web:dashboard_cluster", args=[plan.term_id])
    yield reverse("accounts:notifications")
    rulebook_load()
    award_round = round_open(
        actor=persona("lanhdao.binhduong"),
        level="cluster",
        year=plan.year,
        term=plan.term,
        judged_on=dt.date(plan.year + 1, 1, 10),
    )
    yield reverse("awards:round_list") + f"?nam={plan.year}"
    yield reverse("awards:round_detail", args=[award_round.pk])
    yield reverse("awards:registry")


@pytest.fixture(autouse=True)
def _orm_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_serious_accessibility_violation(published: Plan, page: Page) -> None:
    axe = Axe()
    found: list[str] = []
    page.goto(reverse("accounts:login"))
    found += _serious(axe, page, "login")
    sign_in(page, "lanhdao.binhduong", PASSWORD)
    for url in main_pages(published):
        page.goto(url)
        found += _serious(axe, page, url)
    assert not found, "\n".join(found)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_main_page_is_wider_than_a_phone(published: Plan, page: Page) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, "lanhdao.binhduong", PASSWORD)
    wide = []
    for url in [reverse("accounts:login"), *main_pages(published)]:
        page.goto(url)
        # Sections loaded by htmx after the page (the "Văn bản" section) count too.
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{url}: {width} px")
    assert not wide, wide


def _serious(axe: Axe, page: Page, where: str) -> list[str]:
    results = axe.run(page)
    return [
        f"{where}: {violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS or violation["id"] in NAMED
    ]
