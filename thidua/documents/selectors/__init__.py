"""The reads of the documents app: a document as the asking user may read it, the documents of
a source, the register of issued documents."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.access import may_read_round
from thidua.awards.models import Candidate, NominationRound
from thidua.core.errors import NotFoundError
from thidua.documents.access import may_read, may_read_document
from thidua.documents.builders import BUILDERS, Builder
from thidua.documents.models import Document, DocumentStatus, Task

# Columns read for lists: never the files themselves.
LIST_FIELDS = (
    "id", "kind", "source_kind", "source_id", "register_key", "issuer_name", "title", "status",
    "number", "number_symbol", "issued_on", "replaces_id", "created_at",
)  # fmt: skip


def kinds_of(source_kind: str) -> list[Builder]:
    """The kinds of document built from this kind of source, in the registry's order."""
    return [b for b in BUILDERS.values() if b.source == source_kind]


def _readable(user: User | AnonymousUser, documents: QuerySet[Document]) -> list[Document]:
    seen: dict[tuple[str, bool], bool] = {}
    shown = []
    for document in documents:
        key = (document.register_key, document.is_issued)
        if key not in seen:
            seen[key] = may_read(user, document.register_key, issued=document.is_issued)
        if seen[key]:
            shown.append(document)
    return shown


def documents_of_source(
    user: User | AnonymousUser, source_kind: str, source_id: int
) -> list[Document]:
    documents = Document.objects.filter(source_kind=source_kind, source_id=source_id).only(
        *LIST_FIELDS
    )
    return _readable(user, documents)


def documents_of_sources(
    user: User | AnonymousUser, source_kind: str, source_ids: list[int]
) -> list[Document]:
    """The documents of several sources of one kind (a round's candidates), in one query."""
    documents = Document.objects.filter(source_kind=source_kind, source_id__in=source_ids)
    return _readable(user, documents.only(*LIST_FIELDS).order_by("source_id", "pk"))


def documents_find(
    user: User | AnonymousUser,
    *,
    kind: str | None = None,
    source_kind: str | None = None,
    source_id: int | None = None,
    issued_only: bool = False,
    register_key: str | None = None,
) -> list[Document]:
    documents = Document.objects.only(*LIST_FIELDS)
    if kind:
        documents = documents.filter(kind=kind)
    if source_kind:
        documents = documents.filter(source_kind=source_kind)
    if source_id is not None:
        documents = documents.filter(source_id=source_id)
    if issued_only:
        documents = documents.filter(status=DocumentStatus.ISSUED)
    if register_key:
        documents = documents.filter(register_key=register_key)
    return _readable(user, documents.order_by("register_key", "-issued_on", "-number", "-pk"))


def document_get(user: User | AnonymousUser, pk: int) -> Document:
    """The document with its files, or NotFoundError when it does not exist or the user may not
    read it (the same answer: a board does not learn that another board's draft exists)."""
    document = Document.objects.filter(pk=pk).first()
    if document is None or not may_read_document(user, document):
        raise NotFoundError(_("Không tìm thấy văn bản."))
    return document


def task_get(user: User | AnonymousUser, pk: int) -> Task:
    task = Task.objects.filter(pk=pk).select_related("result").first()
    if task is None or not (isinstance(user, User) and task.created_by_id == user.pk):
        raise NotFoundError(_("Không tìm thấy việc này."))
    return task


def round_candidates(user: User | AnonymousUser, round_id: int) -> list[Candidate]:
    """The candidates of a round the user may read, each of whom has an achievement report of
    its own (a document whose source is the candidate); none when the round is not readable."""
    round_ = NominationRound.objects.select_related("term", "unit").filter(pk=round_id).first()
    if round_ is None or not may_read_round(user, round_):
        return []
    return list(round_.candidates.select_related("person", "unit").order_by("position", "id"))
