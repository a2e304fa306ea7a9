"""A member's leader finds the registration waiting in their inbox on the home page, opens it,
receives its reminder from the cron job and marks it read, in a real browser."""

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.db import connections
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.steps import sign_in
from tests.builders.clusters import board, term
from tests.builders.people import PASSWORD, persona, staff_of
from tests.builders.plans import small_plan
from thidua.accounts.models import User
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services.plan import deadline_set
from thidua.web.services.reminders import reminders_send

BINH_DUONG = "Ban Tổ chức Tỉnh ủy Bình Dương"


@pytest.fixture
def registration_open(transactional_db: None) -> Plan:
    """Cluster 4's 2018 plan open for registration until three days from now, and Bình
    Dương's leader (with an email address), committed before the browser starts."""
    leader = persona("lanhdao.binhduong")
    User.objects.filter(pk=leader.pk).update(email="lanhdao.binhduong@example.vn")
    plan = small_plan(term(4, 2018))
    deadline_set(
        actor=staff_of(board("74-63")),
        plan=plan,
        stage=PlanStage.REGISTRATION,
        due=timezone.now() + dt.timedelta(days=3),
    )
    return plan


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_leader_sees_the_registration_in_the_inbox_and_its_reminder(
    registration_open: Plan, page: Page
) -> None:
    sign_in(page, "lanhdao.binhduong", PASSWORD)
    inbox = page.get_by_test_id("inbox")
    item = inbox.get_by_test_id("inbox-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"Gửi đăng ký thi đua của {BINH_DUONG}")
    expect(item).to_contain_text("hạn ")

    item.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/ke-hoach/{registration_open.pk}/dang-ky/\?don_vi="))

    # The cron job runs: one reminder, in the app and by email. (It runs beside Playwright's
    # event loop, which gives it a connection of its own: closed once done, as cron's would be.)
    reminders_send()
    connections.close_all()
    assert len([m for m in mail.outbox if "lanhdao.binhduong@example.vn" in m.to]) == 1
    page.goto("/")
    notices = page.get_by_test_id("home-notifications").get_by_test_id("notification")
    expect(notices).to_have_count(1)
    expect(notices).to_contain_text("Nhắc việc")

    _no_serious_violation(page, "/")

    page.get_by_test_id("nav-notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông báo")
    _no_serious_violation(page, "/accounts/thong-bao/")
    listed = page.get_by_test_id("notifications").get_by_test_id("notification")
    expect(listed).to_have_count(1)
    listed.get_by_role("button", name="Đã đọc").click()
    expect(listed).to_contain_text("đã đọc")
    page.goto("/")
    expect(page.get_by_test_id("home-notifications")).to_have_count(0)


def _no_serious_violation(page: Page, where: str) -> None:
    """axe-core finds nothing serious on the page, and at a phone's width it is no wider."""
    violations = [
        f"{where}: {v['id']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"} or v["id"] in {"heading-order", "region"}
    ]
    assert not violations, violations
    size = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, where
    if size is not None:
        page.set_viewport_size(size)
