"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server.

Each browser test runs in a transactional database (the live server needs real commits) and
builds what it shows through the builders; the database is emptied when the test ends, and
tests/conftest.py loads the reference units again for the tests that run after it, so browser
tests run in any order among the others. Data built before Playwright starts (in fixtures
listed before ``page``) never meets Django's async-safety check; data built during a test
needs DJANGO_ALLOW_ASYNC_UNSAFE. When a test fails, a full-page screenshot is kept in
test-artifacts/<test-name>.png.
"""

import re
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 15_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()

expect.set_options(timeout=TIMEOUT_MS)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item, so the page fixture knows whether the test failed."""
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.fixture
def page(
    request: pytest.FixtureRequest, live_server: LiveServer, transactional_db: None
) -> Iterator[Page]:
    """A fresh Vietnamese-locale page whose relative URLs go to the live server."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
            )
            refused: list[str] = []
            elsewhere: list[str] = []
            context.on("console", lambda message: _keep_csp_refusal(message, refused))
            context.on("request", lambda sent: _keep_outside(sent, live_server.url, elsewhere))
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.set_default_navigation_timeout(TIMEOUT_MS)
            yield page
            call = request.node.stash.get(REPORTS, {}).get("call")
            if call is not None and call.failed:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                name = re.sub(r"[^\w.-]+", "_", request.node.name)
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            # Every page of every browser test is held to the Content-Security-Policy and to
            # the isolated network: nothing refused by the policy, nothing fetched elsewhere.
            assert not refused, f"Content-Security-Policy refused: {refused}"
            assert not elsewhere, f"requests outside the app: {elsewhere}"
        finally:
            browser.close()


def _keep_csp_refusal(message: ConsoleMessage, refused: list[str]) -> None:
    if "Content Security Policy" in message.text:
        refused.append(f"{message.location.get('url', '')}: {message.text}")


# Chromium's own PDF viewer and the resources it loads are built into the browser: when a page
# shows a PDF inline, these files come from the browser itself, never from a network.
BROWSER_ITSELF = ("chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/", "chrome://resources/")


def _keep_outside(sent: Request, site: str, elsewhere: list[str]) -> None:
    if not sent.url.startswith((site, "data:", "blob:", *BROWSER_ITSELF)):
        elsewhere.append(sent.url)
