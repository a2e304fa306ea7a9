"""Official documents: the register, a document and its files, drafting and issuing.

One policy with the pages (thidua/documents/access.py): a document the user may not read is
not found (a board does not learn that another board's draft exists); drafting needs to read
the source, issuing to be of the issuer's people (403 otherwise).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.api.schemas.errors import READ_REFUSALS, WRITE_REFUSALS
from thidua.documents.builders import BUILDERS
from thidua.documents.models import Document
from thidua.documents.selectors import document_get, documents_find
from thidua.documents.services import (
    document_correct,
    document_draft,
    document_issue,
    document_pdf,
)

router = Router(tags=["documents"])

MAX_ID = 2**31 - 1
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SOURCE_FILTERS = ("plan", "term", "report", "round", "candidate", "vote", "period")


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    source_kind: str
    source_id: int
    issuer: str
    register_key: str
    status: str = Field(description="draft (dự thảo, chưa có số) hoặc issued (đã ban hành).")
    number: int | None
    number_symbol: str
    summary: str
    issued_on: dt.date | None
    replaces_id: int | None
    docx_sha256: str | None = None
    pdf_sha256: str | None = None


class DocumentQuery(Schema):
    kind: str | None = Field(default=None, max_length=40)
    plan: int | None = Field(default=None, ge=1, le=MAX_ID)
    term: int | None = Field(default=None, ge=1, le=MAX_ID)
    report: int | None = Field(default=None, ge=1, le=MAX_ID)
    round: int | None = Field(default=None, ge=1, le=MAX_ID)
    candidate: int | None = Field(default=None, ge=1, le=MAX_ID)
    vote: int | None = Field(default=None, ge=1, le=MAX_ID)
    period: int | None = Field(default=None, ge=1, le=MAX_ID)
    issued: bool = Field(default=False, description="Chỉ các văn bản đã ban hành.")


class DraftIn(Schema):
    kind: str = Field(
        min_length=1, max_length=40, description="Loại văn bản, ví dụ summary_report."
    )
    source_id: int = Field(ge=1, le=MAX_ID, description="Mã kế hoạch, cụm, báo cáo… nguồn.")


def _out(document: Document, *, hashes: bool = False) -> DocumentOut:
    found = BUILDERS.get(document.kind)
    return DocumentOut(
        id=document.pk,
        kind=document.kind,
        kind_label=gettext(found.label) if found else document.kind,
        source_kind=document.source_kind,
        source_id=document.source_id,
        issuer=document.issuer_name,
        register_key=document.register_key,
        status=document.status,
        number=document.number,
        number_symbol=document.number_symbol,
        summary=document.title,
        issued_on=document.issued_on,
        replaces_id=document.replaces_id,
        docx_sha256=document.docx_sha256 if hashes else None,
        pdf_sha256=(document.pdf_sha256 or None) if hashes else None,
    )


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


BINARY: dict[str, Any] = {"responses": {200: {"description": "Tệp văn bản."}}}


@router.get(
    "/documents",
    response={200: list[DocumentOut], **READ_REFUSALS},
    summary="Danh sách văn bản được xem",
    description="Văn bản (dự thảo và đã ban hành) người dùng được xem, lọc theo loại và nguồn "
    "(kế hoạch, cụm theo năm, báo cáo, đợt khen thưởng, người hoặc tập thể được xét, "
    "cuộc bỏ phiếu, kỳ báo cáo).",
)
def documents_list(request: HttpRequest, params: Query[DocumentQuery]) -> list[DocumentOut]:
    source_kind, source_id = None, None
    for name in SOURCE_FILTERS:
        value = getattr(params, name)
        if value is not None:
            source_kind, source_id = name, value
            break
    rows = documents_find(
        request.user,
        kind=params.kind,
        source_kind=source_kind,
        source_id=source_id,
        issued_only=params.issued,
    )
    return [_out(d) for d in rows]


@router.get(
    "/documents/{document_id}",
    response={200: DocumentOut, **READ_REFUSALS},
    summary="Một văn bản",
)
def document_read(request: HttpRequest, document_id: int) -> DocumentOut:
    return _out(document_get(request.user, document_id), hashes=True)


@router.get(
    "/documents/{document_id}/docx",
    response={**READ_REFUSALS},
    summary="Tải tệp Word của văn bản",
    openapi_extra=BINARY,
)
def document_docx(request: HttpRequest, document_id: int) -> HttpResponse:
    document = document_get(request.user, document_id)
    return _file(bytes(document.docx), DOCX_TYPE, document.download_name("docx"))


@router.get(
    "/documents/{document_id}/pdf",
    response={**READ_REFUSALS},
    summary="Tải tệp PDF của văn bản",
    openapi_extra=BINARY,
)
def document_pdf_get(request: AuthenticatedHttpRequest, document_id: int) -> HttpResponse:
    document = document_get(request.user, document_id)
    pdf = document_pdf(actor=request.user, document=document)
    return _file(pdf, "application/pdf", document.download_name("pdf"))


@router.post(
    "/documents",
    response={201: DocumentOut, **WRITE_REFUSALS},
    summary="Soạn thảo văn bản từ số liệu",
    description="Dựng bản dự thảo (chưa có số) từ số liệu hiện có, với quyền xem của người gọi.",
)
def document_draft_api(request: AuthenticatedHttpRequest, payload: DraftIn) -> Status[DocumentOut]:
    document = document_draft(actor=request.user, kind=payload.kind, source_id=payload.source_id)
    return Status(201, _out(document, hashes=True))


@router.post(
    "/documents/{document_id}/issue",
    response={200: DocumentOut, **WRITE_REFUSALS},
    summary="Ban hành văn bản (cấp số)",
    description="Cấp số tiếp theo trong sổ của cơ quan ban hành, dựng lại văn bản từ số liệu "
    "lúc này, lưu tệp Word và PDF; văn bản đã ban hành không sửa được.",
)
def document_issue_api(request: AuthenticatedHttpRequest, document_id: int) -> DocumentOut:
    document = document_get(request.user, document_id)
    return _out(document_issue(actor=request.user, document=document), hashes=True)


@router.post(
    "/documents/{document_id}/correct",
    response={201: DocumentOut, **WRITE_REFUSALS},
    summary="Ban hành văn bản đính chính",
    description="Ban hành văn bản mới (số tiếp theo, dựng lại từ số liệu lúc này) thay thế "
    "văn bản đã ban hành; văn bản cũ giữ nguyên. Quyết định khen thưởng không đính chính: "
    "ghi quyết định mới vào đợt xét.",
)
def document_correct_api(
    request: AuthenticatedHttpRequest, document_id: int
) -> Status[DocumentOut]:
    document = document_get(request.user, document_id)
    return Status(201, _out(document_correct(actor=request.user, document=document), hashes=True))
