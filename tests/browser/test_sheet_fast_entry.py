"""A mark picked and an explanation typed right after it, before the mark's answer is back: both
are kept, and the sheet says what is not saved yet."""

import pytest
from django.db import connections
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.steps import sign_in
from tests.builders.assessments import registered
from tests.builders.clusters import plain_members, term
from tests.builders.people import PASSWORD, staff_of
from tests.builders.plans import advance_to, small_plan
from thidua.accounts.models import Role, User
from thidua.plans.models import PlanStage
from thidua.scoring.models import Assessment, Score
from thidua.scoring.services.assessments import assessment_open

EXPLANATION = "Đã ban hành 28 văn bản, xem phụ lục."


@pytest.fixture
def sheet(transactional_db: None) -> tuple[Assessment, User]:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan.term)[0]
    registered(plan, [member])
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    officer = staff_of(member, Role.UNIT_OFFICER)
    opened = assessment_open(actor=officer, plan=plan, unit=member, stage="self", assessor=member)
    return opened, officer


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_mark_and_the_explanation_typed_after_it_are_both_kept(
    sheet: tuple[Assessment, User], page: Page
) -> None:
    try:
        _fast_entry(page, *sheet)
    finally:
        connections.close_all()


def _fast_entry(page: Page, assessment: Assessment, officer: User) -> None:
    sign_in(page, officer.username, PASSWORD)
    page.goto(reverse("scoring:sheet", args=[assessment.pk]))
    block = page.get_by_test_id("criterion-2.1")  # pass or fail: a select saves on change
    criterion_id = block.get_attribute("id")
    assert criterion_id
    # In one go, before any answer can come back: pick the mark (htmx posts it at once), then
    # type the explanation, as a quick official does.
    page.evaluate(
        """([id, text]) => {
            const block = document.getElementById(id);
            const mark = block.querySelector('[data-testid=mark]');
            mark.value = mark.options[mark.options.length - 1].value;
            mark.dispatchEvent(new Event('change', {bubbles: true}));
            const explanation = block.querySelector('[data-testid=explanation]');
            explanation.value = text;
            explanation.dispatchEvent(new Event('input', {bubbles: true}));
        }""",
        [criterion_id, EXPLANATION],
    )
    block = page.get_by_test_id("criterion-2.1")
    expect(block.get_by_test_id("saved")).to_be_visible()  # the mark's answer replaced the block
    expect(block.get_by_test_id("explanation")).to_have_value(EXPLANATION)
    expect(block.get_by_test_id("unsaved")).to_be_visible()
    # The official finishes the sentence and leaves the field, which saves it.
    block.get_by_test_id("explanation").press("End")
    block.get_by_test_id("explanation").press_sequentially(" Hết.")
    block.get_by_test_id("explanation").press("Tab")
    expect(page.get_by_test_id("criterion-2.1").get_by_test_id("unsaved")).to_be_hidden()
    score = Score.objects.get(assessment=assessment, criterion__code="2.1")
    assert score.points == score.criterion.maximum
    assert score.explanation == EXPLANATION + " Hết."
    page.reload()
    expect(page.get_by_test_id("criterion-2.1").get_by_test_id("explanation")).to_have_value(
        EXPLANATION + " Hết."
    )
