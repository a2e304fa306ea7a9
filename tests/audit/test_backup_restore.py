"""``manage.py backup`` and ``restore`` on PostgreSQL: what was saved comes back (rows, evidence
files, the audit chain), and an archive changed by one byte is refused before anything is
touched. These tests commit (pg_dump reads through a connection of its own)."""

import io
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from thidua.audit.backup.database import table_counts
from thidua.audit.models import AuditEvent
from thidua.audit.selectors import audit_chain_verify
from thidua.orgs.models import Unit, UnitKind
from thidua.orgs.services import unit_create, unit_update

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore"),
]

EVIDENCE = b"%PDF-1.4 bien ban hop cum thi dua\n"


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "media"
    with override_settings(MEDIA_ROOT=root):
        yield root


def _backup(folder: Path) -> Path:
    out = io.StringIO()
    call_command("backup", f"{folder}/", stdout=out)
    assert "Đã sao lưu vào" in out.getvalue()
    (archive,) = folder.glob("*.tar")
    return archive


def test_a_restored_backup_brings_back_rows_files_and_an_intact_chain(
    tmp_path: Path, media: Path
) -> None:
    unit = unit_create(actor=None, name="Ban Thi đua sao lưu", kind=UnitKind.OTHER, code="BK-1")
    evidence = media / "minh-chung" / "2026" / "bien-ban.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(EVIDENCE)
    archive = _backup(tmp_path / "sao-luu")
    saved_counts = table_counts()
    saved_events = AuditEvent.objects.count()

    # After the backup: a change, an addition, a deleted file.
    unit_update(actor=None, unit=unit, name="Đổi sau khi sao lưu")
    unit_create(actor=None, name="Ban thêm sau", kind=UnitKind.OTHER, code="BK-2")
    evidence.unlink()

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    assert Unit.objects.filter(code="BK-2").exists()  # refused: nothing restored

    out = io.StringIO()
    call_command("restore", str(archive), "--force", stdout=out)
    assert "số dòng từng bảng khớp" in out.getvalue()
    assert Unit.objects.get(pk=unit.pk).name == "Ban Thi đua sao lưu"
    assert not Unit.objects.filter(code="BK-2").exists()
    assert evidence.read_bytes() == EVIDENCE
    assert table_counts() == saved_counts
    assert AuditEvent.objects.count() == saved_events
    assert audit_chain_verify().intact


def test_an_archive_changed_by_one_byte_is_refused(tmp_path: Path, media: Path) -> None:
    unit_create(actor=None, name="Ban Thi đua sao lưu", kind=UnitKind.OTHER, code="BK-1")
    archive = _backup(tmp_path / "sao-luu")
    unit_create(actor=None, name="Ban thêm sau", kind=UnitKind.OTHER, code="BK-2")
    with tarfile.open(archive) as tar:
        member = tar.getmember("database.dump")
        offset = member.offset_data + member.size // 2
    data = bytearray(archive.read_bytes())
    data[offset] ^= 0x01
    archive.write_bytes(bytes(data))

    with pytest.raises(CommandError, match=r"hỏng hoặc đã bị sửa.*database\.dump"):
        call_command("restore", str(archive), "--force")
    assert Unit.objects.filter(code="BK-2").exists()  # the database was not touched
