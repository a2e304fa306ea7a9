"""Drafting and issuing documents.

A draft is built from the data as the asking user may read it and stored without a number
(drafting again replaces the draft of the same kind and source). Issuing takes the next number
of the issuer's register for the type, in ONE transaction with a rebuild of the content from
the data as it is at that moment, the Word file and the PDF: a failure anywhere rolls the
number back, so numbers run from 01 without reuse, and a draft never takes one. The register
row is locked (SELECT … FOR UPDATE) so two issues at once queue on it instead of reading the
same last number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.access import forbidden
from thidua.core.errors import DomainError, NotFoundError
from thidua.documents.access import may_issue, may_read, may_read_document
from thidua.documents.builders import BUILDERS
from thidua.documents.content import DocumentContent, Paragraph, issued
from thidua.documents.dates import date_in_words
from thidua.documents.models import Document, DocumentStatus, Register
from thidua.documents.render import pdf as pdf_render
from thidua.documents.render.docx import render_docx
from thidua.documents.serial import content_to_json


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _summary(document: Document) -> dict[str, object]:
    return {
        "kind": document.kind,
        "source": f"{document.source_kind}:{document.source_id}",
        "status": document.status,
        "number_symbol": document.number_symbol,
        "docx_sha256": document.docx_sha256,
        "pdf_sha256": document.pdf_sha256,
    }


def _build(actor: User, kind: str, source_id: int) -> DocumentContent:
    found = BUILDERS.get(kind)
    if found is None:
        raise NotFoundError(_("Không có loại văn bản này."))
    return found.build(source_id, actor)


def document_draft(*, actor: User, kind: str, source_id: int) -> Document:
    """Build the document as ``actor`` reads the source and keep it as a draft (no number).
    The builder raises NotFoundError for a source the actor may not read."""
    content = _build(actor, kind, source_id)
    docx = render_docx(content)
    with transaction.atomic():
        document = (
            Document.objects.select_for_update()
            .filter(kind=kind, source_id=source_id, status=DocumentStatus.DRAFT, replaces=None)
            .first()
        )
        before = _summary(document) if document is not None else None
        if document is None:
            document = Document(
                kind=kind,
                source_kind=BUILDERS[kind].source,
                source_id=source_id,
                created_by=actor,
            )
        document.register_key = content.issuer.register_key
        document.issuer_name = content.issuer.name
        document.title = content.summary[:500]
        document.number_symbol = content.header.number_symbol
        document.content = content_to_json(content)
        document.docx = docx
        document.docx_sha256 = _sha(docx)
        document.pdf = None  # made again when first previewed (document_pdf)
        document.pdf_sha256 = ""
        document.save()
        audit_record(
            actor=actor, action="document.draft", obj=document, before=before,
            after=_summary(document),
        )  # fmt: skip
    return document


def document_pdf(*, actor: User, document: Document) -> bytes:
    """The document's PDF: an issued one's is stored with it; a draft's is printed the first
    time it is asked for and kept until the draft is made again."""
    if not may_read_document(actor, document):
        raise NotFoundError(_("Không tìm thấy văn bản."))
    if document.pdf:
        return bytes(document.pdf)
    pdf = pdf_render.docx_to_pdf(bytes(document.docx))
    with transaction.atomic():
        updated = Document.objects.filter(pk=document.pk, status=DocumentStatus.DRAFT).update(
            pdf=pdf, pdf_sha256=_sha(pdf)
        )
    if updated:
        document.pdf, document.pdf_sha256 = pdf, _sha(pdf)
    return pdf


def _take_number(register_key: str, type_abbreviation: str) -> int:
    """The next number of the register, the register row locked until the transaction ends.
    Called inside the issuing transaction only."""
    register, _created = Register.objects.select_for_update().get_or_create(
        register_key=register_key, type_abbreviation=type_abbreviation
    )
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number


# "Số 127-QĐ/BTCTW": the number of a symbol given when a decision was recorded.
RECORDED_NUMBER = re.compile(r"^Số\s+0*(\d+)-")


def _enter_recorded_number(content: DocumentContent) -> int:
    """A decision's own number (given when it was recorded) entered in its register: refused
    when it does not start with a number or an issued document already holds it; the register
    moves past it, so the number is never given again."""
    symbol = content.header.number_symbol
    found = RECORDED_NUMBER.match(symbol)
    if found is None:
        raise DomainError(
            _(
                "Số, ký hiệu «%(symbol)s» không bắt đầu bằng số thứ tự nên không vào sổ văn bản "
                "được; hãy sửa số quyết định theo mẫu 127-QĐ/BTCTW."
            )
            % {"symbol": symbol.removeprefix("Số ")}
        )
    number = int(found.group(1))
    register, _created = Register.objects.select_for_update().get_or_create(
        register_key=content.issuer.register_key, type_abbreviation=content.type_abbreviation
    )
    taken = Document.objects.filter(
        register_key=content.issuer.register_key,
        status=DocumentStatus.ISSUED,
        number_symbol=symbol,
    )
    if taken.exists():
        raise DomainError(_("Số %(symbol)s đã có trong sổ văn bản.") % {"symbol": symbol})
    register.last_number = max(register.last_number, number)
    register.save(update_fields=["last_number"])
    return number


def _issue(actor: User, document: Document, content: DocumentContent, today: dt.date) -> None:
    if content.numbered:
        number = _enter_recorded_number(content)
        final = content
        today = content.header.date or today
    else:
        number = _take_number(content.issuer.register_key, content.type_abbreviation)
        final = issued(content, number, today)
    docx = render_docx(final)
    pdf = pdf_render.docx_to_pdf(docx)
    document.register_key = final.issuer.register_key
    document.issuer_name = final.issuer.name
    document.title = final.summary[:500]
    document.status = DocumentStatus.ISSUED
    document.number = number
    document.number_symbol = final.header.number_symbol
    document.issued_on = today
    document.content = content_to_json(final)
    document.docx, document.docx_sha256 = docx, _sha(docx)
    document.pdf, document.pdf_sha256 = pdf, _sha(pdf)
    document.issued_by = actor
    document.save()


def document_issue(*, actor: User, document: Document, today: dt.date | None = None) -> Document:
    """Issue a draft: its next number, the content rebuilt from the data now, Word and PDF,
    all in one transaction. Only the issuer's people may (thidua/documents/access.py)."""
    day = today or timezone.localdate()
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.is_issued:
            raise DomainError(
                _("Văn bản đã ban hành thì không sửa được; hãy ban hành văn bản đính chính.")
            )
        if not may_read(actor, locked.register_key, issued=False):
            raise NotFoundError(_("Không tìm thấy văn bản."))
        if not may_issue(actor, locked.register_key):
            raise forbidden()
        content = _build(actor, locked.kind, locked.source_id)
        if not may_issue(actor, content.issuer.register_key):
            raise forbidden()
        before = _summary(locked)
        _issue(actor, locked, content, day)
        audit_record(
            actor=actor, action="document.issue", obj=locked, before=before,
            after=_summary(locked),
        )  # fmt: skip
    return locked


def document_correct(*, actor: User, document: Document, today: dt.date | None = None) -> Document:
    """Issue a new document, rebuilt from the data now, that names the issued one it replaces
    (in the register and in its first line); the replaced one stays as it was."""
    day = today or timezone.localdate()
    if not document.is_issued:
        raise DomainError(_("Chỉ đính chính được văn bản đã ban hành; bản dự thảo thì soạn lại."))
    if not may_issue(actor, document.register_key):
        raise forbidden()
    content = _build(actor, document.kind, document.source_id)
    if content.numbered:
        raise DomainError(
            _(
                "Quyết định đã ban hành được thay bằng một quyết định mới: hãy ghi quyết định mới "
                "vào đợt xét rồi ban hành văn bản của nó."
            )
        )
    issued_on = document.issued_on or day  # an issued document always has its date
    note = Paragraph(
        _("Văn bản này thay thế văn bản %(symbol)s %(date)s.")
        % {"symbol": document.number_symbol, "date": date_in_words(issued_on)},
        italic=True,
    )
    content = replace(content, body=[note, *content.body])
    with transaction.atomic():
        correction = Document(
            kind=document.kind,
            source_kind=document.source_kind,
            source_id=document.source_id,
            replaces=document,
            created_by=actor,
        )
        _issue(actor, correction, content, day)
        audit_record(
            actor=actor, action="document.correct", obj=correction,
            before={"replaces": document.number_symbol}, after=_summary(correction),
        )  # fmt: skip
    return correction
