"""A cluster's year in a real browser: board A's officer enters its self-assessment and A's
leader submits it; board B's officer peer-scores A and B's leader submits; the head publishes
and the results page shows the expected order.

The steps nobody clicks (registration, the other members' sheets, moving the plan on, the
appraisals) go through the services, as the boards' own pages would.
"""

import re
from decimal import Decimal

import pytest
from django.db import connections
from playwright.sync_api import FilePayload, Page, expect

from tests.browser.steps import sign_in
from tests.builders.clusters import head_of, members_of, plain_members, term
from tests.builders.people import PASSWORD, persona, staff_of
from tests.builders.plans import advance_to, small_plan
from thidua.accounts.models import Role
from thidua.core.files import stored_file_create
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services.registration import (
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.scoring.models import Dispute, Evidence
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
)
from thidua.scoring.services.round import dispute_appraise, explanation_open

D = Decimal
PDF = b"%PDF-1.4 bien ban"


@pytest.fixture(autouse=True)
def _orm_beside_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    """The services run between browser steps, while Playwright's event loop is alive."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _registered_plan() -> Plan:
    plan = small_plan(term(4, 2018))
    head = staff_of(head_of(plan.term))
    target = plan.scales.get().criteria.get(code="1.2")
    for unit in members_of(plan.term):
        registration = registration_save(
            actor=staff_of(unit, Role.UNIT_OFFICER),
            plan=plan,
            unit=unit,
            titles=["merit_certificate"],
            targets={target.pk: D(50)},
        )
        registration_submit(actor=staff_of(unit), registration=registration)
        registration_accept(actor=head, registration=registration)
    return advance_to(plan, PlanStage.SELF_ASSESSMENT)


def _self_assess(plan: Plan, unit: Unit, points_1_1: Decimal) -> None:
    officer = staff_of(unit, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    scores = assessment_fill(
        actor=officer,
        assessment=sheet,
        marks={
            "1.1": Mark(points=points_1_1),
            "1.2": Mark(value=D(50)),
            "2.1": Mark(points=D(10)),
            "2.2": Mark(value=D(0)),
            "2.3": Mark(value=D(100)),
            "T.1": Mark(points=D(0)),
            "K.1": Mark(value=D(0)),
        },
    )
    Evidence.objects.create(
        score=next(s for s in scores if s.criterion.code == "1.1"),
        file=stored_file_create(name="de-an.pdf", content=PDF),
        uploaded_by=officer,
    )
    assessment_submit(actor=staff_of(unit), assessment=sheet)


def _mark(page: Page, code: str, typed: str) -> None:
    """Type a mark and leave the field: HTMX saves that one criterion."""
    section = page.get_by_test_id(f"criterion-{code}")
    field = section.get_by_test_id("mark")
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(typed)
    else:
        field.fill(typed)
        field.press("Tab")
    expect(page.get_by_test_id(f"criterion-{code}").get_by_test_id("saved")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_self_and_peer_scoring_then_publication_in_the_browser(page: Page) -> None:
    try:
        _scoring_flow(page)
    finally:
        # Playwright's greenlet has its own context, hence its own database connection: close
        # it here, or the test database cannot be dropped at the end of the session.
        connections.close_all()


def _scoring_flow(page: Page) -> None:
    plan = _registered_plan()
    a, b, *others = plain_members(plan.term)
    head_staff = staff_of(head_of(plan.term))
    officer_a, leader_a = staff_of(a, Role.UNIT_OFFICER), staff_of(a)
    officer_b, leader_b = staff_of(b, Role.UNIT_OFFICER), staff_of(b)
    plan_url = f"/cham-diem/ke-hoach/{plan.pk}/"

    # A's officer opens the self-assessment and enters every mark on the page.
    sign_in(page, officer_a.username, PASSWORD)
    page.goto(plan_url)
    expect(page.get_by_test_id("plan-stage")).to_have_text("Tự chấm điểm")
    page.get_by_test_id(f"slot-self-{a.pk}").get_by_role("button", name="Bắt đầu chấm").click()
    expect(page.get_by_test_id("sheet-title")).to_contain_text(a.name)
    for code, typed in [
        ("1.1", "28"),
        ("1.2", "50"),
        ("2.1", "10"),
        ("2.2", "0"),
        ("2.3", "100"),
        ("T.1", "3"),
        ("K.1", "0"),
    ]:
        _mark(page, code, typed)
    expect(page.get_by_test_id("total")).to_have_text("101")
    refused = page.get_by_test_id("criterion-T.1")
    refused.get_by_test_id("mark").fill("9")
    refused.get_by_test_id("mark").press("Tab")
    expect(page.get_by_test_id("criterion-T.1").get_by_test_id("errors")).to_contain_text(
        "vượt điểm tối đa"
    )
    expect(page.get_by_test_id("total")).to_have_text("101")  # nothing was saved
    evidence = page.get_by_test_id("criterion-1.1")
    evidence.get_by_test_id("evidence-file").set_input_files(
        files=FilePayload(name="de-an.pdf", mimeType="application/pdf", buffer=PDF)
    )
    evidence.get_by_role("button", name="Tải minh chứng lên").click()
    expect(page.get_by_test_id("criterion-1.1").get_by_test_id("evidence")).to_contain_text(
        "de-an.pdf"
    )
    expect(page.get_by_test_id("submit-sheet")).to_have_count(0)  # officers do not submit

    # A's leader submits it.
    sign_in(page, leader_a.username, PASSWORD)
    page.goto(plan_url)
    page.get_by_test_id(f"slot-self-{a.pk}").get_by_test_id("sheet-link").click()
    page.get_by_test_id("submit-sheet").click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("Đã gửi")
    expect(page.get_by_test_id("read-only")).to_be_visible()

    # The other members assess themselves; the plan moves on to peer assessment.
    _self_assess(plan, b, D(29))
    _self_assess(plan, others[0], D(30))
    for i, unit in enumerate(others[1:], start=1):
        _self_assess(plan, unit, D(27 - i))
    for unit in members_of(plan.term):
        if unit not in (a, b, *others):  # the head and the deputies
            _self_assess(plan, unit, D(10))
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)

    # B's officer peer-scores A on the page; B's leader submits.
    sign_in(page, officer_b.username, PASSWORD)
    page.goto(plan_url)
    expect(page.get_by_test_id("plan-stage")).to_have_text("Chấm chéo")
    expect(page.get_by_test_id(f"slot-peer-{b.pk}")).to_have_count(0)  # never itself
    page.get_by_test_id(f"slot-peer-{a.pk}").get_by_role("button", name="Bắt đầu chấm").click()
    expect(page.get_by_test_id("sheet-title")).to_contain_text(a.name)
    for code, typed in [("1.1", "24"), ("2.1", "10"), ("T.1", "1")]:
        _mark(page, code, typed)
    sign_in(page, leader_b.username, PASSWORD)
    page.goto(plan_url)
    page.get_by_test_id(f"slot-peer-{a.pk}").get_by_test_id("sheet-link").click()
    page.get_by_test_id("submit-sheet").click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("Đã gửi")

    # The explanation round flags A's 1.1 (28 against 24) and T.1 (3 against 1); the head
    # appraises both.
    disputes = explanation_open(actor=head_staff, plan=plan)
    assert sorted(d.criterion.code for d in disputes) == ["1.1", "T.1"]
    appraised = {"1.1": D(26), "T.1": D(2)}
    for dispute in Dispute.objects.filter(plan=plan).select_related("criterion", "plan", "unit"):
        dispute_appraise(
            actor=head_staff,
            dispute=dispute,
            amount=appraised[dispute.criterion.code],
            reason="Đối chiếu biên bản kiểm tra",
        )

    # The head publishes from the page; the ranking follows the final points.
    sign_in(page, persona("lanhdao.binhduong").username, PASSWORD)
    page.goto(plan_url)
    page.get_by_test_id("publish").click()
    expect(page).to_have_url(re.compile(rf"/cham-diem/ke-hoach/{plan.pk}/ket-qua/$"))
    rows = page.get_by_test_id("rank-row")
    expected = [others[0], b, a, *others[1:]]
    expect(rows.first.get_by_test_id("unit")).to_have_text(others[0].name)
    names = rows.get_by_test_id("unit").all_inner_texts()
    assert names[: len(expected)] == [u.name for u in expected]
    totals = rows.get_by_test_id("total").all_inner_texts()
    assert totals[:3] == ["100,00", "99,00", "98,00"]
    expect(rows.first).to_contain_text("Đơn vị dẫn đầu cụm")
    expect(page.get_by_test_id("chart").get_by_test_id("bar")).to_have_count(
        len(members_of(plan.term))
    )
    with page.expect_download() as download_info:
        page.get_by_test_id("chart-png").click()
    png = download_info.value
    assert png.suggested_filename.endswith(".png")
    with open(png.path(), "rb") as image:
        assert image.read(8) == b"\x89PNG\r\n\x1a\n"
