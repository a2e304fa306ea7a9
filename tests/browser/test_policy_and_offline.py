"""The main pages under the Content-Security-Policy and with no network beyond the app.

The ``page`` fixture fails any browser test whose pages the policy refused something on or
that fetched anything from another host; this test walks the pages no other browser test
opens, the API's documentation among them.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.steps import sign_in
from tests.builders.assessments import published_plan
from tests.builders.people import PASSWORD, persona
from thidua.plans.models import Plan


@pytest.fixture
def published(transactional_db: None) -> Plan:
    """Cluster 4's small 2018 plan, published, and Bình Dương's leader, made before the browser."""
    persona("lanhdao.binhduong")
    plan, _units = published_plan()
    return plan


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_main_pages_and_api_docs_run_under_the_policy_offline(published: Plan, page: Page) -> None:
    sign_in(page, "lanhdao.binhduong", PASSWORD)
    for url in [
        reverse("web:home"),
        reverse("web:units"),
        reverse("web:clusters"),
        reverse("web:term", args=[published.term_id]),
        reverse("plans:list"),
        reverse("plans:detail", args=[published.pk]),
        reverse("scoring:results", args=[published.pk]),
        reverse("indicators:periods"),
        reverse("web:dashboard_sector"),
        reverse("web:dashboard_cluster", args=[published.term_id]),
    ]:
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"], url
    # The criteria tree indents by class, as the policy allows no inline style.
    page.goto(reverse("plans:detail", args=[published.pk]))
    first, nested = (
        page.locator("table.scale-tree td.indent-0"),
        page.locator("table.scale-tree td.indent-1"),
    )
    assert first.count()
    assert nested.count()
    padding = "el => parseFloat(getComputedStyle(el).paddingLeft)"
    assert nested.first.evaluate(padding) > first.first.evaluate(padding)

    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("thidua API")
    expect(page.locator(".opblock").first).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_language_switch_works_without_javascript(page: Page, live_server: LiveServer) -> None:
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto("/accounts/dang-nhap/")
        expect(plain.locator("html")).to_have_attribute("lang", "vi")
        plain.locator('select[name="language"]').select_option("en")
        plain.get_by_role("button", name="Đổi ngôn ngữ").click()
        expect(plain.locator("html")).to_have_attribute("lang", "en")
        expect(plain.get_by_role("button", name="Change language")).to_be_visible()
    finally:
        context.close()
