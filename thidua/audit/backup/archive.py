"""The backup archive (no Django import): a .tar holding ``manifest.json``, the database
(``database.dump`` from pg_dump, or ``database.sqlite3``) and the evidence files under
``media/``. The manifest names every other member with its SHA-256, so a changed byte, a
missing file or an added one is found before anything is restored.
"""

import hashlib
import io
import json
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = "thidua-backup/1"
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


class ArchiveError(ValueError):
    """The archive is not one this app wrote, or it changed since."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    vendor: str  # "postgresql" or "sqlite"
    database: str  # the member holding the database
    tables: Mapping[str, int]  # rows per table
    audit_heads: Mapping[str, tuple[int, str]]  # stream: last event id, last hash
    members: Mapping[str, str] = field(default_factory=dict)  # name: sha256

    def to_json(self) -> str:
        document = {
            "format": FORMAT,
            "created_at": self.created_at,
            "vendor": self.vendor,
            "database": self.database,
            "tables": dict(sorted(self.tables.items())),
            "audit_heads": {s: list(h) for s, h in sorted(self.audit_heads.items())},
            "members": dict(sorted(self.members.items())),
        }
        return json.dumps(document, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        try:
            document: Any = json.loads(text)
            if document.get("format") != FORMAT:
                raise ArchiveError("not a thidua backup")
            return cls(
                created_at=str(document["created_at"]),
                vendor=str(document["vendor"]),
                database=str(document["database"]),
                tables={str(k): int(v) for k, v in document["tables"].items()},
                audit_heads={
                    str(s): (int(i), str(h)) for s, (i, h) in document["audit_heads"].items()
                },
                members={str(k): str(v) for k, v in document["members"].items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ArchiveError(f"unreadable manifest: {error}") from error


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _safe_name(name: str) -> PurePosixPath:
    """A member name as a relative path that stays inside the folder it is extracted to."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ArchiveError(f"unsafe member name: {name}")
    return path


def archive_write(target: Path, manifest: Manifest, files: Mapping[str, Path]) -> Manifest:
    """Write ``files`` (member name: file on disk) and their manifest to ``target``.

    Written beside the target and renamed into place: a backup cut short leaves no archive
    that looks whole."""
    members = {name: file_sha256(path) for name, path in files.items()}
    for name in members:
        _safe_name(name)
    manifest = Manifest(
        manifest.created_at,
        manifest.vendor,
        manifest.database,
        manifest.tables,
        manifest.audit_heads,
        members,
    )
    partial = target.with_name(f".{target.name}.partial")
    text = manifest.to_json().encode()
    with tarfile.open(partial, "w") as tar:
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(text)
        info.mode = 0o600
        tar.addfile(info, io.BytesIO(text))
        for name, path in files.items():
            tar.add(path, arcname=name, recursive=False)
    partial.replace(target)
    return manifest


def archive_open(source: Path, into: Path) -> Manifest:
    """Extract ``source`` into the folder ``into`` and check every member against the
    manifest; ``ArchiveError`` on the first difference (nothing is restored yet then)."""
    try:
        with tarfile.open(source, "r") as tar:
            manifest: Manifest | None = None
            found: dict[str, str] = {}
            for member in tar:
                name = str(_safe_name(member.name))
                if not member.isfile():
                    raise ArchiveError(f"unexpected member: {name}")
                stream = tar.extractfile(member)
                if stream is None:
                    raise ArchiveError(f"unreadable member: {name}")
                if name == MANIFEST:
                    manifest = Manifest.from_json(stream.read().decode())
                    continue
                destination = into / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with destination.open("wb") as out:
                    while chunk := stream.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                found[name] = digest.hexdigest()
    except (tarfile.TarError, OSError, UnicodeDecodeError) as error:
        raise ArchiveError(f"unreadable archive: {error}") from error
    if manifest is None:
        raise ArchiveError("no manifest")
    for name in sorted(set(manifest.members) | set(found)):
        if manifest.members.get(name) != found.get(name):
            raise ArchiveError(f"member differs from the manifest: {name}")
    if manifest.database not in found:
        raise ArchiveError("no database in the archive")
    return manifest
