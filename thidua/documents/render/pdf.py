"""A Word file as PDF, printed by LibreOffice (headless), so the PDF is what Word would print;
and the first page of a PDF as a PNG (poppler's pdftoppm), for previews and the docs.

Each conversion runs in its own temporary directory with its own LibreOffice profile
(``-env:UserInstallation``): two conversions at once would otherwise share the user's profile,
and the second would hand its file to the first instance and fail or hang.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from thidua.core.errors import DomainError

# A fresh profile costs LibreOffice a few seconds on its first start; a long report a few more.
CONVERT_TIMEOUT = 120
PNG_TIMEOUT = 60
PNG_RESOLUTION = 80  # dots per inch: a first page of some 660 × 940 pixels


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if name == "soffice":
            raise DomainError(
                _(
                    "Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF; "
                    "tệp Word vẫn tải về được."
                )
            )
        raise DomainError(_("Máy chủ chưa cài công cụ xử lý tệp PDF."))
    return path


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF of a .docx, or a DomainError saying in Vietnamese why there is none (LibreOffice
    missing, failing or too slow); never an unexplained error."""
    soffice = _program("soffice")
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as tmp:
        work = Path(tmp)
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        profile = work / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        returncode = _run_in_own_group(command, work)
        target = work / "van-ban.pdf"
        if returncode != 0 or not target.exists() or target.stat().st_size == 0:
            raise DomainError(
                _("LibreOffice không chuyển được văn bản sang PDF; vui lòng thử lại sau.")
            )
        return target.read_bytes()


def _run_in_own_group(command: list[str], work: Path) -> int:
    """Run LibreOffice in its own process group, so that a conversion too slow is stopped
    whole: ``soffice`` is a script that starts ``soffice.bin``, which killing the script
    alone would leave running."""
    with subprocess.Popen(  # noqa: S603 - fixed arguments
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=work,
        start_new_session=True,
    ) as process:
        try:
            return process.wait(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise DomainError(
                _("LibreOffice chuyển văn bản sang PDF quá lâu; vui lòng thử lại sau.")
            ) from error


def first_page_png(pdf: bytes, *, resolution: int = PNG_RESOLUTION) -> bytes:
    """The first page of a PDF as a PNG (``pdftoppm -png -r 80 -f 1 -l 1``)."""
    pdftoppm = _program("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="thidua-png-") as tmp:
        work = Path(tmp)
        (work / "in.pdf").write_bytes(pdf)
        command = [
            pdftoppm,
            "-png",
            "-r",
            str(resolution),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(work / "in.pdf"),
            str(work / "page"),
        ]
        try:
            result = subprocess.run(  # noqa: S603 - fixed arguments
                command, capture_output=True, timeout=PNG_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise DomainError(_("Không tạo được ảnh trang đầu của tệp PDF.")) from error
        target = work / "page.png"
        if result.returncode != 0 or not target.exists():
            raise DomainError(_("Không tạo được ảnh trang đầu của tệp PDF."))
        return target.read_bytes()
