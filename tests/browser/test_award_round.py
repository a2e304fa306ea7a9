"""A cluster's award round in a real browser: the head opens the year's round from the
published ranking, reads why a candidate is not eligible, keeps it with a written reason and
removes the others that are not, records the meeting and submits within the quota; the
secretariat records the decision with its prize money; the registry finds the award by a search
typed without diacritics."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import sign_in
from tests.builders.assessments import published_plan
from tests.builders.people import PASSWORD, persona
from thidua.core.text import fold
from thidua.orgs.models import Unit
from thidua.plans.models import Plan
from thidua.rulebook.services.loader import rulebook_load


@pytest.fixture
def ranked(transactional_db: None) -> tuple[Plan, list[Unit]]:
    """The rule book, the accounts, and cluster 4's published 2018 ranking, committed before
    the browser starts."""
    rulebook_load()
    persona("lanhdao.binhduong")
    persona("thuongtruc")
    return published_plan()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_head_proposes_and_the_secretariat_decides(
    ranked: tuple[Plan, list[Unit]], page: Page
) -> None:
    plan, (leader, other, _third) = ranked
    page.goto("/")
    sign_in(page, "lanhdao.binhduong", PASSWORD)

    # From the published ranking to the year's round.
    page.goto(f"/cham-diem/ke-hoach/{plan.pk}/ket-qua/")
    page.get_by_test_id("open-award-round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đợt xét khen thưởng")
    page.get_by_test_id(f"open-cluster-{plan.term_id}").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Đang lập danh sách")
    flag_row = page.locator('[data-testid=candidate][data-award="commission_flag"]')
    expect(flag_row.first).to_contain_text(leader.name)

    # A unit that did not lead the cluster, proposed for the flag: not eligible, and why.
    page.get_by_test_id("add").locator("summary").click()
    expect(page.locator("input[name=kind][value=collective]")).to_be_checked()
    page.locator("select[name=unit]").select_option(label=other.name)
    page.locator("select[name=award]").select_option(value="commission_flag")
    page.get_by_test_id("add-save").click()
    row = (
        page.locator("[data-testid=candidate]", has_text=other.name)
        .filter(has=page.locator('[data-verdict="not_eligible"]'))
        .filter(has_text="Cờ thi đua")
    )
    expect(row.get_by_test_id("verdict")).to_have_text("Chưa đủ điều kiện")
    reason = row.get_by_test_id("reason")
    expect(reason).not_to_be_empty()
    row.get_by_test_id("explanation").locator("summary").click()
    expect(row.get_by_test_id("explanation").locator("li").first).to_be_visible()

    # Kept with a written reason for the council.
    row.get_by_test_id("keep-open").click()
    row.locator("textarea[name=reason]").fill("Thành tích đột xuất trong năm.")
    row.get_by_test_id("keep-save").click()
    kept = page.locator("[data-testid=candidate]", has=page.get_by_test_id("kept-reason"))
    expect(kept.get_by_test_id("kept-reason")).to_contain_text("Thành tích đột xuất trong năm.")

    # Every other ineligible candidate without a reason is taken off the list.
    waiting = page.locator("[data-testid=candidate]", has=page.get_by_test_id("needs-reason"))
    while waiting.count():
        waiting.first.get_by_test_id("remove").click()
        expect(page.get_by_role("status")).to_contain_text("Đã bỏ")

    # The meeting, as the minutes record it, then the submission.
    form = page.get_by_test_id("deliberation-form")
    form.get_by_label("Ngày họp bình xét").fill("2019-01-12")
    form.get_by_label("Số được triệu tập").fill("10")
    form.get_by_label("Số có mặt").fill("10")
    for box in form.locator("[data-testid=approval-row] input").all():
        box.fill("9")
    page.get_by_test_id("deliberation-save").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Đã bình xét")
    page.get_by_test_id("round-submit").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Đã trình")
    round_url = page.url

    # The secretariat records the decision; each grant shows its prize and how.
    sign_in(page, "thuongtruc", PASSWORD)
    page.goto(round_url)
    decision = page.get_by_test_id("decision-form")
    decision.get_by_label("Số quyết định").fill("127-QĐ/BTCTW")
    decision.get_by_label("Cơ quan quyết định").fill("Ban Tổ chức Trung ương")
    decision.locator("input[name=signer]").fill("Nguyễn Văn A")
    decision.get_by_label("Chức vụ người ký").fill("Phó Trưởng ban")
    page.get_by_test_id("decision-save").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Đã quyết định")
    granted = page.get_by_test_id("grants").locator("tr", has_text=leader.name).first
    expect(granted.get_by_test_id("prize")).to_contain_text("đồng")
    expect(granted.get_by_test_id("prize-basis")).to_contain_text("× ")

    # The registry finds it by a search typed without diacritics.
    page.get_by_test_id("nav-awards").click()
    page.get_by_test_id("nav-award-rounds").click()
    page.get_by_role("link", name="Sổ khen thưởng").first.click()
    page.get_by_label("Tìm theo tên người, đơn vị, số quyết định").fill(fold(leader.name))
    page.get_by_test_id("registry-find").click()
    expect(page.get_by_test_id("grants")).to_contain_text(leader.name)
    expect(page.get_by_test_id("grants")).to_contain_text("127-QĐ/BTCTW")
