"""Storing evidence files: the type and size are checked, the content hashed, the name kept.

A file is written when it is stored, inside the transaction of the record it belongs to, so
the record can be read back (and its file served) before that transaction ends. If the
transaction rolls back, the file goes with it; see ``_RemovedUnlessCommitted``.
"""

import contextlib
import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.core.models import StoredFile

# What each allowed extension must start with, so a renamed executable is refused.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "zip": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}


def file_problem(name: str, content: bytes) -> str | None:
    """The reason this file may not be stored, in Vietnamese, or None."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = [e.lower() for e in settings.EVIDENCE_EXTENSIONS]
    if extension not in allowed:
        return _("Tệp “%(name)s” không đúng loại cho phép (%(allowed)s).") % {
            "name": name,
            "allowed": ", ".join(allowed),
        }
    if len(content) > settings.EVIDENCE_MAX_BYTES:
        return _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(limit)s MB).") % {
            "name": name,
            "limit": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
        }
    if not content:
        return _("Tệp “%(name)s” rỗng.") % {"name": name}
    signatures = _SIGNATURES.get(extension)
    if signatures and not content.startswith(signatures):
        return _("Nội dung tệp “%(name)s” không khớp với đuôi .%(ext)s.") % {
            "name": name,
            "ext": extension,
        }
    return None


class _RemovedUnlessCommitted:
    """Removes a stored file unless the transaction that stored it commits.

    Django has no rollback hook, but when a transaction or a savepoint rolls back it drops the
    on-commit callbacks registered inside it, at any depth, and those of an outer transaction
    the service was called in too. This object is such a callback: called, the transaction
    committed and the file stays; dropped uncalled, the row naming the file is gone, and the
    file is removed as CPython frees the object (at once: nothing else refers to it).
    """

    def __init__(self, storage: Storage, name: str) -> None:
        self.storage, self.name, self.committed = storage, name, False

    def __call__(self) -> None:
        self.committed = True

    def __del__(self) -> None:
        if not self.committed:
            # A file left behind is an orphan, never a loss: never raise from here.
            with contextlib.suppress(Exception):
                self.storage.delete(self.name)


def stored_file_create(*, name: str, content: bytes) -> StoredFile:
    """Check and keep one file; call inside the transaction of the record it belongs to."""
    problem = file_problem(name, content)
    if problem:
        raise DomainError(problem, field="file")
    digest = hashlib.sha256(content).hexdigest()
    extension = PurePath(name).suffix.lower().lstrip(".")
    stored = StoredFile(
        name=PurePath(name).name[:255],
        content_type=_CONTENT_TYPES.get(extension, "application/octet-stream"),
        size=len(content),
        sha256=digest,
    )
    # A block of its own, so that even a caller without a transaction loses the file with
    # the row if saving the row fails; inside the caller's transaction it is a savepoint.
    with transaction.atomic():
        stored.file.save(digest, ContentFile(content), save=False)
        # Each store writes a file of its own: the file system storage adds a suffix to a name
        # in use (an S3 storage must be set not to overwrite), so removing this one never
        # takes another record's file.
        transaction.on_commit(_RemovedUnlessCommitted(stored.file.storage, stored.file.name))
        stored.save()
    return stored


def attachment(stored: StoredFile) -> FileResponse:
    """A stored file as a download, never shown inline: it is whatever an official sent, so
    the browser must neither sniff a type nor run anything in it."""
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
