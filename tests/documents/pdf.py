"""Reading PDFs back in the tests: the text (pdftotext), the page count (pdfinfo), the images
(pdfimages). The tools come with poppler-utils, LibreOffice with libreoffice-writer-nogui;
``scripts/install_test_deps.sh`` installs both for ``make test``. A test that needs them and
does not find them fails, saying what to install: it never skips in silence."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from thidua.documents.render.pdf import docx_to_pdf

TOOLS = {
    "soffice": "libreoffice-writer-nogui",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdfimages": "poppler-utils",
}


def require_tools() -> None:
    missing = sorted({TOOLS[name] for name in TOOLS if shutil.which(name) is None})
    if missing:
        pytest.fail(
            f"Missing system packages for the document tests: {', '.join(missing)}. "
            "Run scripts/install_test_deps.sh as root (make test does).",
            pytrace=False,
        )


def _run(command: list[str]) -> bytes:
    require_tools()
    return subprocess.run(command, capture_output=True, check=True, timeout=60).stdout  # noqa: S603


def _with_file(pdf: bytes, command: list[str]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="thidua-test-pdf-") as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(pdf)
        return _run([*command, str(path)] + (["-"] if command[0] == "pdftotext" else []))


def pdf_text(pdf: bytes, *, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text as pdftotext reads it (UTF-8), of pages ``first``..``last`` if given,
    no-break spaces read as spaces."""
    command = ["pdftotext", "-enc", "UTF-8"]
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    # A document's percentages keep their sign on the line with a no-break space ("5,30 %");
    # read as a plain space, so the tests look for the text as a reader sees it.
    return _with_file(pdf, command).decode("utf-8").replace("\u00a0", " ")


def pdf_pages(pdf: bytes) -> int:
    info = _with_file(pdf, ["pdfinfo"]).decode("utf-8")
    found = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert found, info
    return int(found.group(1))


def pdf_images(pdf: bytes) -> list[bytes]:
    """Every image of the PDF as PNG files (pdfimages -png)."""
    require_tools()
    with tempfile.TemporaryDirectory(prefix="thidua-test-img-") as tmp:
        work = Path(tmp)
        (work / "in.pdf").write_bytes(pdf)
        _run(["pdfimages", "-png", str(work / "in.pdf"), str(work / "img")])
        return [path.read_bytes() for path in sorted(work.glob("img-*.png"))]


def docx_pdf_text(docx: bytes) -> str:
    """A .docx converted by LibreOffice, read back as text: what the other tests check their
    key texts in."""
    require_tools()
    return pdf_text(docx_to_pdf(docx))
