"""Reminders before deadlines and notices of acceptances and returns, sent by the cron job
``reminders_send``: once per event and person (a second run sends nothing), the email after
commit, the marks of THIDUA_REMIND_DAYS respected, and never to one who does not serve the
unit concerned."""

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.builders.clusters import board, term
from tests.builders.people import persona, staff_of
from tests.builders.plans import small_plan
from tests.builders.reports import catalogue, indicator, long_an, open_period, report
from thidua.accounts.models import Notification, Role, User
from thidua.indicators.models import ReportStatus
from thidua.indicators.services.reports import report_accept
from thidua.plans.models import Plan, PlanStage, Registration
from thidua.plans.services.plan import deadline_set
from thidua.plans.services.registration import (
    registration_return,
    registration_save,
    registration_submit,
)
from thidua.web.services.reminders import reminders_send

pytestmark = pytest.mark.django_db
Callbacks = Callable[..., AbstractContextManager[Any]]
BINH_DUONG = "74-63"


def _with_email(username: str) -> User:
    user = persona(username)
    User.objects.filter(pk=user.pk).update(email=f"{username}@example.vn")
    return User.objects.get(pk=user.pk)


def _plan(due_in: dt.timedelta) -> Plan:
    plan = small_plan(term(4, 2018))
    deadline_set(
        actor=staff_of(board(BINH_DUONG)),
        plan=plan,
        stage=PlanStage.REGISTRATION,
        due=timezone.now() + due_in,
    )
    return plan


def _of(user: User) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def _mails_to(user: User) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if user.email in m.to]


def test_the_command_reminds_once_with_one_email(
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    plan = _plan(dt.timedelta(days=5))
    leader = _with_email("lanhdao.binhduong")
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("reminders_send", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sent = _of(leader)
    assert len(sent) == 1
    assert "Gửi đăng ký thi đua" in sent[0].text
    assert sent[0].link.endswith(f"?don_vi={board(BINH_DUONG).pk}")
    assert str(plan.pk) in sent[0].link
    assert len(_mails_to(leader)) == 1
    assert sent[0].text in _mails_to(leader)[0].body


def test_no_email_leaves_before_the_notification_is_committed(
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    _plan(dt.timedelta(days=5))
    leader = _with_email("lanhdao.binhduong")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reminders_send()
    assert _of(leader)
    assert _mails_to(leader) == []  # waiting for the commit
    for callback in callbacks:
        callback()
    assert len(_mails_to(leader)) == 1


@override_settings(THIDUA_REMIND_DAYS=[7, 1])
def test_reminders_keep_to_the_days_before_the_deadline() -> None:
    _plan(dt.timedelta(days=10))
    leader = persona("lanhdao.binhduong")
    now = timezone.now()
    reminders_send(now=now)
    assert _of(leader) == []  # ten days left: no mark reached
    reminders_send(now=now + dt.timedelta(days=4))  # six days left: the seven-day mark
    assert len(_of(leader)) == 1
    reminders_send(now=now + dt.timedelta(days=5))  # five days left: sent already
    assert len(_of(leader)) == 1
    reminders_send(now=now + dt.timedelta(days=9, hours=12))  # half a day left: the last mark
    assert len(_of(leader)) == 2
    reminders_send(now=now + dt.timedelta(days=11))  # past the deadline: nothing more
    assert len(_of(leader)) == 2


@override_settings(THIDUA_REMIND_DAYS=[7, 1])
def test_a_first_run_close_to_the_deadline_sends_one_reminder_not_two() -> None:
    _plan(dt.timedelta(hours=10))
    leader = persona("lanhdao.binhduong")
    reminders_send()
    assert len(_of(leader)) == 1


def test_nobody_outside_the_members_is_reminded() -> None:
    _plan(dt.timedelta(days=2))
    outsiders = [persona(u) for u in ("canbo.daklak", "thuongtruc", "theodoi", "nguoingoai")]
    officer = persona("canbo.longan")
    reminders_send()
    assert Notification.objects.filter(recipient__in=outsiders).count() == 0
    # Long An's officer hears of Long An's registration only.
    assert _of(officer)
    for notice in _of(officer):
        assert long_an().name in notice.text
        assert board(BINH_DUONG).name not in notice.text


def _returned(plan: Plan) -> Registration:
    unit = long_an()
    criterion = plan.scales.get().criteria.get(code="1.2")
    registration = registration_save(
        actor=staff_of(unit, Role.UNIT_OFFICER),
        plan=plan,
        unit=unit,
        titles=["merit_certificate"],
        targets={criterion.pk: Decimal(40)},
    )
    registration_submit(actor=staff_of(unit), registration=registration)
    return registration_return(
        actor=persona("lanhdao.binhduong"),
        registration=registration,
        reason="Thiếu chỉ tiêu\nBổ sung mục 1.2",
    )


def test_a_return_is_told_to_the_members_staff_once_and_to_nobody_else(
    django_capture_on_commit_callbacks: Callbacks,
) -> None:
    plan = _plan(dt.timedelta(days=30))
    officer = _with_email("canbo.longan")
    head_leader = persona("lanhdao.binhduong")
    outsiders = [persona(u) for u in ("canbo.daklak", "thuongtruc", "hoidong", "nguoingoai")]
    _returned(plan)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reminders_send()
    notices = [n for n in _of(officer) if "bị trả lại" in n.text]
    assert len(notices) == 1
    assert "Thiếu chỉ tiêu" in notices[0].text
    mails = [m for m in _mails_to(officer) if "bị trả lại" in m.body]
    assert len(mails) == 1
    assert "Bổ sung mục 1.2" in mails[0].body
    assert "\n" not in mails[0].subject  # a reason on two lines stays out of the header
    # The head who returned it is not told of their own act, nor is anyone outside Long An.
    assert not any("bị trả lại" in n.text for n in _of(head_leader))
    assert Notification.objects.filter(recipient__in=outsiders).count() == 0


def test_an_accepted_report_is_told_to_its_unit() -> None:
    catalogue()
    term(4, 2018)
    reporting = open_period(year=2018, title="Báo cáo đột xuất năm 2018", days_left=20)
    sent = report(
        long_an(),
        reporting,
        {indicator("new_party_members_admitted"): 7},
        status=ReportStatus.SUBMITTED,
    )
    officer, others = persona("canbo.longan"), [persona("canbo.daklak"), persona("canbo.binhduong")]
    report_accept(actor=persona("lanhdao.binhduong"), report=sent)
    reminders_send()
    told = [n for n in _of(officer) if "đã được tiếp nhận" in n.text]
    assert len(told) == 1
    assert (
        Notification.objects.filter(recipient__in=others, text__contains="tiếp nhận").count() == 0
    )
