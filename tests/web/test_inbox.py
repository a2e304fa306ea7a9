"""The home page is each person's inbox (*Việc cần làm*): what waits on them now, by role, each
item with its deadline and a link that opens for them; overdue items first; never an item of a
unit they do not serve.

The world: cluster 4 in 2018 (Bình Dương head, Long An and Lâm Đồng deputies, supervised by Vụ
Địa phương III) with the small plan; Đắk Lắk (cluster 3) and the sector-wide roles as the ones
who must see nothing of it.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.builders.clusters import board, plain_members, term, unit
from tests.builders.people import client_for, persona, staff_of
from tests.builders.plans import advance_to, small_plan
from tests.builders.reports import catalogue, indicator, long_an, open_period, report
from thidua.accounts.models import Role
from thidua.core.inbox import InboxKind
from thidua.indicators.models import ReportStatus
from thidua.plans.models import Plan, PlanStage
from thidua.plans.services.plan import deadline_set
from thidua.plans.services.registration import registration_save, registration_submit
from thidua.web.selectors.inbox import InboxEntry, inbox_for

pytestmark = pytest.mark.django_db
HOME = reverse("web:home")
NOBODY_IN_CLUSTER_4 = ("canbo.daklak", "thuongtruc", "hoidong", "quantri", "nguoingoai", "theodoi")


def _inbox(username: str) -> list[InboxEntry]:
    return inbox_for(user=persona(username))


def _texts(username: str) -> list[str]:
    return [entry.item.text for entry in _inbox(username)]


def _plan(*, registration_due_days: int = 10) -> Plan:
    plan = small_plan(term(4, 2018))
    head = staff_of(board("74-63"))
    deadline_set(
        actor=head,
        plan=plan,
        stage=PlanStage.REGISTRATION,
        due=timezone.now() + dt.timedelta(days=registration_due_days),
    )
    return plan


def _submitted(plan: Plan, member_code: str) -> None:
    member = board(member_code)
    criterion = plan.scales.get().criteria.get(code="1.2")
    registration = registration_save(
        actor=staff_of(member, Role.UNIT_OFFICER),
        plan=plan,
        unit=member,
        titles=["merit_certificate"],
        targets={criterion.pk: Decimal(50)},
    )
    registration_submit(actor=staff_of(member), registration=registration)


def test_a_member_board_sees_its_registration_with_its_deadline_and_link() -> None:
    plan = _plan()
    leader = _inbox("lanhdao.binhduong")
    officer = _inbox("canbo.binhduong")
    binh_duong = board("74-63")
    assert [e.item.kind for e in leader] == [InboxKind.REGISTER]
    assert leader[0].item.text.startswith(f"Gửi đăng ký thi đua của {binh_duong.name}")
    assert officer[0].item.text.startswith(f"Soạn đăng ký thi đua của {binh_duong.name}")
    due = plan.deadlines.get(stage=PlanStage.REGISTRATION).due
    assert leader[0].item.deadline == due
    assert not leader[0].overdue
    assert (
        leader[0].url == f"{reverse('plans:registration', args=[plan.pk])}?don_vi={binh_duong.pk}"
    )
    # Long An's officer sees Long An's registration, never Bình Dương's.
    long_an_texts = _texts("canbo.longan")
    assert len(long_an_texts) == 1
    assert long_an().name in long_an_texts[0]
    assert binh_duong.name not in long_an_texts[0]


@pytest.mark.parametrize("username", NOBODY_IN_CLUSTER_4)
def test_who_serves_no_member_sees_nothing_of_the_plan(username: str) -> None:
    _plan()
    assert _inbox(username) == []


def test_a_sent_registration_leaves_the_member_and_waits_on_the_head_and_deputies() -> None:
    plan = _plan()
    _submitted(plan, "80-63")  # Long An
    assert not any("Long An" in text and "đăng ký" in text for text in _texts("canbo.longan"))
    for username in ("lanhdao.binhduong", "canbo.longan"):
        decisions = [e for e in _inbox(username) if e.item.kind == InboxKind.DECIDE]
        assert len(decisions) == 1, username
        assert decisions[0].item.text.startswith("1 đăng ký thi đua chờ chấp nhận")
    plain = plain_members(plan.term)[0]
    officer = staff_of(plain, Role.UNIT_OFFICER)
    assert all(e.item.kind != InboxKind.DECIDE for e in inbox_for(user=officer))


def test_the_leader_is_asked_to_sign_the_covenant_and_the_officer_is_not() -> None:
    from thidua.plans.services.registration import covenant_open, covenant_sign

    plan = _plan()
    head = staff_of(board("74-63"))
    covenant = covenant_open(actor=head, plan=plan, title="Giao ước", text="Nội dung")
    kinds = [e.item.kind for e in _inbox("lanhdao.binhduong")]
    assert InboxKind.SIGN in kinds
    assert InboxKind.SIGN not in [e.item.kind for e in _inbox("canbo.binhduong")]
    covenant_sign(actor=persona("lanhdao.binhduong"), covenant=covenant, unit=board("74-63"))
    assert InboxKind.SIGN not in [e.item.kind for e in _inbox("lanhdao.binhduong")]


def test_overdue_items_come_first_and_are_marked_on_the_page() -> None:
    catalogue()
    _plan(registration_due_days=3)
    open_period(year=2018, title="Báo cáo đột xuất năm 2018", days_left=20)
    entries = _inbox("lanhdao.binhduong")
    assert [e.item.kind for e in entries] == [InboxKind.REGISTER, InboxKind.REPORT]
    # Five days on, the registration's deadline has passed; the report's has not.
    later = inbox_for(user=persona("lanhdao.binhduong"), now=timezone.now() + dt.timedelta(days=5))
    assert [(e.item.kind, e.overdue) for e in later] == [
        (InboxKind.REGISTER, True),
        (InboxKind.REPORT, False),
    ]
    assert later == sorted(later, key=lambda e: not e.overdue)
    page = client_for("lanhdao.binhduong").get(HOME).content.decode()
    items = re.findall(r'data-testid="inbox-item" data-kind="(\w+)"', page)
    assert items == ["register", "report"]


def test_an_item_past_its_deadline_is_listed_before_one_to_come() -> None:
    catalogue()
    plan = _plan(registration_due_days=40)
    open_period(year=2018, title="Báo cáo đột xuất năm 2018", days_left=20)
    deadline_set(
        actor=staff_of(board("74-63")),
        plan=plan,
        stage=PlanStage.REGISTRATION,
        due=timezone.now() - dt.timedelta(hours=2),
        reason="Ghi nhận hạn thực tế",
    )
    page = client_for("canbo.binhduong").get(HOME).content.decode()
    first = re.search(r'data-testid="inbox-item" data-kind="(\w+)"( data-overdue="1")?', page)
    assert first is not None
    assert first.groups() == ("register", ' data-overdue="1"')
    assert "Quá hạn" in page


@pytest.mark.parametrize(
    "username", ["lanhdao.binhduong", "canbo.binhduong", "canbo.longan", "canbo.daklak"]
)
def test_every_link_of_the_inbox_opens_for_its_reader(username: str) -> None:
    catalogue()
    plan = _plan()
    _submitted(plan, "80-63")
    open_period(year=2018, title="Báo cáo đột xuất năm 2018", days_left=20)
    client = client_for(username)
    entries = _inbox(username)
    for entry in entries:
        assert client.get(entry.url).status_code == 200, entry.url
    page = client.get(HOME).content.decode()
    for entry in entries:
        assert entry.url.replace("&", "&amp;") in page


def test_self_assessment_waits_on_each_member_until_its_sheet_is_sent() -> None:
    from tests.builders.assessments import marks, registered, self_assessed

    plan = _plan()
    binh_duong, long_an_board = board("74-63"), long_an()
    registered(plan, [binh_duong, long_an_board])
    plan = advance_to(Plan.objects.get(pk=plan.pk), PlanStage.SELF_ASSESSMENT)
    assert [e.item.kind for e in _inbox("canbo.binhduong")] == [InboxKind.SHEET]
    assert _texts("lanhdao.binhduong")[0].startswith("Gửi phiếu tự chấm điểm")
    self_assessed(plan, long_an_board, marks("20", "40", True, "0", "10"))
    assert InboxKind.SHEET not in [e.item.kind for e in _inbox("canbo.longan")]
    assert InboxKind.SHEET in [e.item.kind for e in _inbox("canbo.binhduong")]
    assert _inbox("canbo.daklak") == []


def test_a_dispute_waits_on_the_member_then_the_department_then_the_head_publishes() -> None:
    from tests.builders.assessments import marks, peer_assessed, registered, self_assessed
    from thidua.scoring.models import Dispute
    from thidua.scoring.services.round import dispute_answer, dispute_appraise, explanation_open

    plan = small_plan(term(4, 2018))
    a, b = plain_members(plan.term)[:2]
    registered(plan, [a, b])
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    self_assessed(plan, a, marks("30", "50", True, "0", "100"))
    plan = advance_to(Plan.objects.get(pk=plan.pk), PlanStage.PEER_ASSESSMENT)
    peer_assessed(plan, a, b, marks("10", "50", True, "0", "100"))
    head = staff_of(board("74-63"))
    explanation_open(actor=head, plan=Plan.objects.get(pk=plan.pk))
    department_officer = staff_of(unit("BTCTW-VDP3"), Role.UNIT_OFFICER)
    a_officer = staff_of(a, Role.UNIT_OFFICER)
    assert [e.item.kind for e in inbox_for(user=a_officer)] == [InboxKind.ANSWER]
    assert [e.item.kind for e in inbox_for(user=department_officer)] == [InboxKind.APPRAISE]
    assert InboxKind.PUBLISH not in [e.item.kind for e in _inbox("lanhdao.binhduong")]
    assert _inbox("theodoi") == []  # an observer of the department appraises nothing
    dispute = Dispute.objects.get(plan=plan)
    dispute_answer(actor=a_officer, dispute=dispute, answer="Có minh chứng đề án.")
    assert inbox_for(user=a_officer) == []
    dispute_appraise(
        actor=department_officer,
        dispute=Dispute.objects.get(pk=dispute.pk),
        amount=Decimal(25),
        reason="Đạt",
    )
    assert inbox_for(user=department_officer) == []
    assert [e.item.kind for e in _inbox("lanhdao.binhduong")] == [InboxKind.PUBLISH]
    assert [e.item.kind for e in inbox_for(user=staff_of(b, Role.UNIT_OFFICER))] == []


def test_reports_wait_on_the_unit_then_on_the_cluster_office() -> None:
    catalogue()
    term(4, 2018)
    reporting = open_period(year=2018, title="Báo cáo đột xuất năm 2018", days_left=20)
    assert [e.item.kind for e in _inbox("canbo.longan")] == [InboxKind.REPORT]
    assert _texts("canbo.longan")[0].startswith("Lập báo cáo")
    assert _inbox("canbo.daklak") == []  # not in a cluster in 2018
    report(
        long_an(),
        reporting,
        {indicator("new_party_members_admitted"): 12},
        status=ReportStatus.SUBMITTED,
    )
    assert _inbox("canbo.longan") == []
    decisions = [e for e in _inbox("lanhdao.binhduong") if e.item.kind == InboxKind.DECIDE]
    assert len(decisions) == 1
    assert decisions[0].url == reverse("indicators:period", args=[reporting.pk])
    # The secretariat decides on every report of the sector; the council and outsiders on none.
    sector = _inbox("thuongtruc")
    assert [e.item.kind for e in sector] == [InboxKind.DECIDE]
    assert sector[0].item.text.startswith("1 báo cáo")
    assert _inbox("hoidong") == []
    assert _inbox("canbo.daklak") == []


def test_a_boards_leader_approves_the_list_its_officers_prepared() -> None:
    from thidua.plans.services.registration import unit_list_approve, unit_list_save

    year = timezone.localdate().year
    binh_duong = board("74-63")
    emulation_list = unit_list_save(
        actor=persona("canbo.binhduong"),
        unit=binh_duong,
        year=year,
        entries=[
            {"name": "Phòng Tổ chức", "content": "Hoàn thành xuất sắc", "title": "advanced_worker"}
        ],
    )
    assert [e.item.kind for e in _inbox("lanhdao.binhduong")] == [InboxKind.DECIDE]
    assert _inbox("lanhdao.binhduong")[0].url == reverse(
        "plans:unit_list", args=[binh_duong.pk, year]
    )
    assert _inbox("canbo.binhduong") == []  # the officer prepared it; the leader approves
    assert inbox_for(user=staff_of(long_an())) == []  # another board's leader
    unit_list_approve(actor=persona("lanhdao.binhduong"), emulation_list=emulation_list)
    assert _inbox("lanhdao.binhduong") == []
