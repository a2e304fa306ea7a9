"""The documents' pages: drafting and issuing from a source's "Văn bản" section, the preview
(the PDF in the page), the downloads, the progress of a background build and the register of
issued documents per body. Every read and write goes through the documents app's selectors and
services, under its policy (thidua/documents/access.py)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.models import User
from thidua.core.dates import date_text
from thidua.core.errors import DomainError, NotFoundError
from thidua.documents.access import may_issue
from thidua.documents.builders import BUILDERS, SOURCES
from thidua.documents.builders.awards.certificate import certificate_fields
from thidua.documents.models import Document
from thidua.documents.render.certificate import certificate_pdf
from thidua.documents.selectors import (
    document_get,
    documents_find,
    documents_of_source,
    documents_of_sources,
    kinds_of,
    round_candidates,
    task_get,
)
from thidua.documents.services import (
    document_correct,
    document_draft,
    document_issue,
    document_pdf,
)
from thidua.documents.tasks import task_enqueue

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Kinds whose build reads the whole sector: drafted in the background (tasks_work), the page
# polls the task instead of waiting for the answer.
BACKGROUND_KINDS = frozenset({"sector_rollup"})


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return HttpResponseRedirect(target or fallback)


def _found(request: HttpRequest, pk: int) -> Document:
    try:
        return document_get(request.user, pk)
    except NotFoundError as error:
        raise Http404(error.message) from error


@require_POST
@login_required
def draft(request: HttpRequest, source: str, source_id: int) -> HttpResponse:
    kind = request.POST.get("kind", "")
    found = BUILDERS.get(kind)
    if source not in SOURCES or found is None or found.source != source:
        messages.error(request, _("Hãy chọn một loại văn bản."))
        return _back(request, reverse("web:documents"))
    user = _user(request)
    try:
        if kind in BACKGROUND_KINDS:
            task = task_enqueue(
                kind="document_draft", params={"kind": kind, "source_id": source_id}, actor=user
            )
            return HttpResponseRedirect(reverse("web:document_task", args=[task.pk]))
        made = document_draft(actor=user, kind=kind, source_id=source_id)
    except NotFoundError as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
        return _back(request, reverse("web:documents"))
    messages.success(request, _("Đã soạn bản dự thảo."))
    return HttpResponseRedirect(reverse("web:document", args=[made.pk]))


@require_POST
@login_required
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    document = _found(request, pk)
    try:
        document = document_issue(actor=_user(request), document=document)
    except NotFoundError as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
        return _back(request, reverse("web:document", args=[pk]))
    messages.success(
        request, _("Đã ban hành văn bản %(symbol)s.") % {"symbol": document.number_symbol}
    )
    return HttpResponseRedirect(reverse("web:document", args=[document.pk]))


@require_POST
@login_required
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a correction of an issued document: a new number, naming the one it replaces."""
    document = _found(request, pk)
    try:
        made = document_correct(actor=_user(request), document=document)
    except NotFoundError as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("web:document", args=[pk]))
    messages.success(
        request,
        _("Đã ban hành văn bản %(symbol)s thay thế văn bản %(old)s.")
        % {"symbol": made.number_symbol, "old": document.number_symbol},
    )
    return HttpResponseRedirect(reverse("web:document", args=[made.pk]))


@require_GET
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _found(request, pk)
    issuer = may_issue(request.user, document.register_key)
    return render(
        request,
        "documents/preview.html",
        {
            "document": document,
            "issued_on": date_text(document.issued_on) if document.issued_on else "",
            "may_issue": issuer,
            # A decision is replaced by a new decision recorded in its round, never corrected.
            "may_correct": issuer
            and document.is_issued
            and not document.content.get("numbered", False),
            "replaced_by": list(document.replaced_by.only("id", "number_symbol")),
        },
    )


@require_GET
@login_required
@xframe_options_sameorigin
def file(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The .docx or the .pdf, as an attachment; the PDF ``?xem=1`` inline, for the preview's
    frame on this site (X-Frame-Options SAMEORIGIN; the CSP's frame-ancestors allows 'self' on
    this response only)."""
    document = _found(request, pk)
    name = document.download_name(extension)
    inline = extension == "pdf" and request.GET.get("xem") == "1"
    if extension == "docx":
        response = HttpResponse(bytes(document.docx), content_type=DOCX_TYPE)
    elif extension == "pdf":
        try:
            pdf = document_pdf(actor=_user(request), document=document)
        except NotFoundError as error:
            raise Http404(error.message) from error
        except DomainError as error:  # no LibreOffice, or it failed: say so, keep the Word file
            if not inline:
                messages.error(request, error.message)
                return HttpResponseRedirect(reverse("web:document", args=[pk]))
            response = render(
                request, "documents/_no_pdf.html", {"message": error.message}, status=503
            )
            response._csp_replace = {"frame-ancestors": ["'self'"]}  # type: ignore[attr-defined]
            return response
        response = HttpResponse(pdf, content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{name}"'
    if inline:
        response._csp_replace = {"frame-ancestors": ["'self'"]}  # type: ignore[attr-defined]
    return response


@require_GET
@login_required
def task(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        current = task_get(request.user, pk)
    except NotFoundError as error:
        raise Http404(error.message) from error
    template = (
        "documents/_task.html" if request.headers.get("HX-Request") else "documents/task.html"
    )
    return render(request, template, {"task": current})


@require_GET
@login_required
def tab(request: HttpRequest, source: str, source_id: int) -> HttpResponse:
    """The list of a source's "Văn bản" section: the kinds built from it, its documents the user
    may read, and for each whether the user may issue it."""
    if source not in SOURCES:
        raise Http404
    documents = documents_of_source(request.user, source, source_id)
    # A round's candidates each have their own achievement report, drafted from this section.
    candidates = round_candidates(request.user, source_id) if source == "round" else []
    if candidates:
        documents += documents_of_sources(request.user, "candidate", [c.pk for c in candidates])
    issuable = {d.register_key: may_issue(request.user, d.register_key) for d in documents}
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return render(
        request,
        "documents/_tab_body.html",
        {
            "source": source,
            "source_id": source_id,
            "kinds": kinds_of(source),
            "candidates": candidates,
            "documents": [(d, issuable[d.register_key]) for d in documents],
            "next": target,
        },
    )


@require_GET
@login_required
def register(request: HttpRequest) -> HttpResponse:
    """The register of issued documents, per issuing body, as the user may read them."""
    grouped: dict[str, list[Document]] = defaultdict(list)
    for document in documents_find(request.user, issued_only=True):
        grouped[document.issuer_name].append(document)
    return render(request, "documents/register.html", {"registers": sorted(grouped.items())})


@require_GET
@login_required
def certificate(request: HttpRequest, grant_id: int) -> HttpResponse:
    """The one-page certificate of a grant of the registry, to print on the official blank;
    its QR code finds the grant in the registry. A revoked award is not printed."""
    try:
        pdf = certificate_pdf(**certificate_fields(grant_id, request.user))
    except NotFoundError as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(reverse("awards:registry"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bang-khen-{grant_id}.pdf"'
    return response
