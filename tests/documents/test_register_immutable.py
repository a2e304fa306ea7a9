"""An issued document is the record: neither the services nor (on PostgreSQL) the database let
it change or go; a correction is a new issued document naming the one it replaces. Who may
issue and who may read, by persona."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from tests.builders.people import persona
from tests.builders.reports import binh_duong, indicator, period, report
from tests.documents.store_world import HEAD, summary_draft
from thidua.core.errors import DomainError, NotFoundError, PermissionDeniedError
from thidua.documents.access import may_read
from thidua.documents.models import Document
from thidua.documents.selectors import document_get
from thidua.documents.serial import content_from_json
from thidua.documents.services import (
    document_correct,
    document_draft,
    document_issue,
    document_pdf,
)
from thidua.indicators.models import PeriodKind, ReportStatus

pytestmark = pytest.mark.django_db


def test_the_service_refuses_to_change_or_delete_an_issued_document() -> None:
    issued = document_issue(actor=persona(HEAD), document=summary_draft())
    issued.title = "sửa"
    with pytest.raises(DomainError):
        issued.save()
    with pytest.raises(DomainError):
        issued.delete()
    assert Document.objects.get(pk=issued.pk).title == "tổng kết công tác thi đua năm 2018"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_a_raw_update_or_delete_of_an_issued_document() -> None:
    issued = document_issue(actor=persona(HEAD), document=summary_draft())
    for sql in (
        "UPDATE documents_document SET number = 99 WHERE id = %s",
        "UPDATE documents_document SET docx = '\\x00' WHERE id = %s",
        "DELETE FROM documents_document WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="immutable"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [issued.pk])
    assert Document.objects.get(pk=issued.pk).number == 1


def test_a_draft_may_still_be_replaced_by_drafting_again() -> None:
    first = summary_draft()
    again = summary_draft()
    assert again.pk == first.pk
    assert Document.objects.filter(kind="summary_report").count() == 1


def test_a_correction_is_a_new_number_naming_the_one_it_replaces() -> None:
    head = persona(HEAD)
    issued = document_issue(actor=head, document=summary_draft())
    correction = document_correct(actor=head, document=issued)
    assert correction.replaces_id == issued.pk
    assert correction.number == 2
    first_line = content_from_json(correction.content).body[0]
    assert "Số 01-BC/CTĐ" in first_line.text  # type: ignore[union-attr]
    issued.refresh_from_db()
    assert issued.number == 1
    assert issued.status == "issued"
    with pytest.raises(DomainError):
        document_correct(actor=head, document=summary_draft())


def test_the_stored_hashes_are_the_files() -> None:
    import hashlib

    issued = document_issue(actor=persona(HEAD), document=summary_draft())
    assert hashlib.sha256(bytes(issued.docx)).hexdigest() == issued.docx_sha256
    assert hashlib.sha256(bytes(issued.pdf or b"")).hexdigest() == issued.pdf_sha256


@pytest.mark.parametrize("who", ["canbo.daklak", "nguoingoai", "theodoi", "hoidong"])
def test_who_is_not_the_clusters_office_may_not_issue(who: str) -> None:
    draft = summary_draft()
    with pytest.raises((PermissionDeniedError, NotFoundError)):
        document_issue(actor=persona(who), document=draft)
    assert Document.objects.get(pk=draft.pk).number is None


@pytest.mark.parametrize("who", ["lanhdao.binhduong", "canbo.longan", "thuongtruc", "quantri"])
def test_the_head_deputies_and_secretariat_may_issue(who: str) -> None:
    issued = document_issue(actor=persona(who), document=summary_draft())
    assert issued.number == 1


def test_a_board_cannot_download_another_boards_draft_report() -> None:
    trained = indicator("cadres_trained_or_retrained")
    made = report(
        binh_duong(), period(2018, PeriodKind.MID_YEAR), {trained: 5}, status=ReportStatus.DRAFT
    )
    draft = document_draft(actor=persona("canbo.binhduong"), kind="unit_report", source_id=made.pk)
    for other in ("canbo.longan", "canbo.daklak", "nguoingoai"):
        assert not may_read(persona(other), draft.register_key, issued=False)
        with pytest.raises(NotFoundError):
            document_get(persona(other), draft.pk)
        with pytest.raises(NotFoundError):
            document_pdf(actor=persona(other), document=draft)
    assert document_get(persona("canbo.binhduong"), draft.pk).pk == draft.pk
    assert document_pdf(actor=persona("canbo.binhduong"), document=draft).startswith(b"%PDF")
    with pytest.raises(PermissionDeniedError):  # an officer reads it; the leader issues it
        document_issue(actor=persona("canbo.binhduong"), document=draft)
