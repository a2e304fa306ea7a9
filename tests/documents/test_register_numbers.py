"""Numbering: a register per issuer and type, numbers from 01 taken only when a document is
issued, never reused, not even by issues racing each other on two connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from tests.builders.clusters import term
from tests.builders.people import persona
from tests.builders.reports import binh_duong, indicator, period, report
from tests.documents.awards_world import board_round
from tests.documents.store_world import HEAD, summary_draft
from thidua.core.errors import DomainError
from thidua.documents.models import Document, DocumentStatus, Register
from thidua.documents.services import document_draft, document_issue
from thidua.indicators.models import PeriodKind, ReportStatus

RACERS = 4


@pytest.mark.django_db
def test_a_draft_takes_no_number_and_issuing_takes_the_next() -> None:
    draft = summary_draft()
    assert draft.status == DocumentStatus.DRAFT
    assert draft.number is None
    assert draft.number_symbol == "Số     -BC/CTĐ"
    assert not Register.objects.exists()
    first = document_issue(actor=persona(HEAD), document=draft)
    assert (first.number, first.number_symbol) == (1, "Số 01-BC/CTĐ")
    second = document_issue(actor=persona(HEAD), document=summary_draft())
    assert (second.number, second.number_symbol) == (2, "Số 02-BC/CTĐ")
    assert (
        Register.objects.get(register_key="cluster:4:2018", type_abbreviation="BC").last_number == 2
    )


@pytest.mark.django_db
def test_issuing_twice_is_refused_and_takes_no_number() -> None:
    issued = document_issue(actor=persona(HEAD), document=summary_draft())
    with pytest.raises(DomainError):
        document_issue(actor=persona(HEAD), document=issued)
    assert Register.objects.get().last_number == 1


@pytest.mark.django_db
def test_another_registers_numbers_start_at_one() -> None:
    document_issue(actor=persona(HEAD), document=summary_draft())
    other = term(3, 2023)
    period(2023)
    head = persona("thuongtruc")
    draft = document_draft(actor=head, kind="cluster_rollup", source_id=other.pk)
    issued = document_issue(actor=head, document=draft)
    assert issued.register_key == "cluster:3:2023"
    assert issued.number == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_take_distinct_numbers_without_gap() -> None:
    """RACERS threads, each on its own connection, issue their own draft of the same register at
    the same moment (a Barrier): the numbers are 1..RACERS, each once."""
    drafts = [
        Document.objects.create(
            kind="summary_report",
            source_kind="term",
            source_id=summary_draft().source_id,
            register_key="cluster:4:2018",
            issuer_name="CỤM THI ĐUA SỐ 4",
            created_by=persona(HEAD),
            docx=b"",
        )
        for _ in range(RACERS)
    ]
    barrier = threading.Barrier(RACERS)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def issue(draft: Document) -> None:
        try:
            actor = persona(HEAD)
            barrier.wait(timeout=30)
            numbers.append(document_issue(actor=actor, document=draft).number or 0)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sorted(numbers) == list(range(1, RACERS + 1))
    assert Register.objects.get(register_key="cluster:4:2018").last_number == RACERS


@pytest.mark.django_db
def test_a_board_numbers_in_one_register_through_its_committee_term_whatever_builds() -> None:
    """Bình Dương's board: its 2018 mid-year report (a year's builder) and, a year later, the
    achievement report of a staff member it proposes (a commendation builder) are both its
    reports (BC) in its committee's term 2015-2020: 01 then 02 in one register."""
    leader = persona(HEAD)
    trained = indicator("cadres_trained_or_retrained")
    made = report(
        binh_duong(), period(2018, PeriodKind.MID_YEAR), {trained: 5}, status=ReportStatus.ACCEPTED
    )
    first = document_issue(
        actor=leader,
        document=document_draft(actor=leader, kind="unit_report", source_id=made.pk),
    )
    candidate = board_round(decide=False).round.candidates.order_by("pk").first()
    assert candidate is not None
    second = document_issue(
        actor=leader,
        document=document_draft(actor=leader, kind="achievement_report", source_id=candidate.pk),
    )
    assert (first.register_key, first.number_symbol) == (
        "unit:BTC-74-63:2015-2020",
        "Số 01-BC/BTCTU",
    )
    assert (second.register_key, second.number_symbol) == (
        "unit:BTC-74-63:2015-2020",
        "Số 02-BC/BTCTU",
    )
    assert list(Register.objects.values_list("register_key", "last_number")) == [
        ("unit:BTC-74-63:2015-2020", 2)
    ]
