"""The evidence files (MEDIA_ROOT) in a backup: listed for the archive, put back on restore."""

import shutil
from pathlib import Path

from django.conf import settings

from thidua.audit.backup.archive import MEDIA_PREFIX, file_sha256


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def media_files() -> dict[str, Path]:
    """Every file under MEDIA_ROOT by its member name (``media/<path>``)."""
    root = media_root()
    if not root.is_dir():
        return {}
    return {
        MEDIA_PREFIX + path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def media_restore(extracted: Path, members: dict[str, str]) -> list[str]:
    """Copy the archive's evidence files (extracted under ``extracted``) into MEDIA_ROOT and
    return the names of those whose copy does not hash as the manifest says."""
    root = media_root()
    differing = []
    for name, digest in sorted(members.items()):
        if not name.startswith(MEDIA_PREFIX):
            continue
        destination = root / name.removeprefix(MEDIA_PREFIX)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(extracted / name, destination)
        if file_sha256(destination) != digest:
            differing.append(name)
    return differing
