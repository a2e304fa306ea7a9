"""The documents printed to PDF by LibreOffice and read back with poppler: the key texts keep
their Vietnamese letters, a draft shows no number, pages are numbered from page 2, the
certificate is one page whose QR code is the registry entry's. Needs LibreOffice and poppler
(scripts/install_test_deps.sh): without them these tests fail, saying so."""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import png  # type: ignore[import-untyped]  # pypng has no type information
import pytest

from tests.documents.pdf import pdf_images, pdf_pages, pdf_text, require_tools
from tests.documents.render_samples import PLACEHOLDER, SIGNER, summary_draft, summary_issued
from thidua.core.errors import DomainError
from thidua.documents.render import pdf as pdf_module
from thidua.documents.render.certificate import QR_BORDER, certificate_pdf, qr_code
from thidua.documents.render.docx import render_docx
from thidua.documents.render.pdf import docx_to_pdf, first_page_png

pytestmark = pytest.mark.libreoffice

URL = "https://thidua.example.vn/van-ban/dang-ky/2018/bang-khen/127"
CERTIFICATE = {
    "award_name": "Bằng khen",
    "recipient": "Đồng chí Nguyễn Thị Hồng Nhung",
    # Three lines long: the page must still hold everything.
    "reason": (
        "Đã có thành tích xuất sắc trong phong trào thi đua năm 2017 của Cụm thi đua số 4, "
        "góp phần hoàn thành thắng lợi nhiệm vụ chính trị của ngành Tổ chức xây dựng Đảng, "
        "tiêu biểu trong công tác tham mưu, đề xuất và thực hiện chính sách cán bộ ở cơ sở"
    ),
    "decision_line": "(Quyết định số 127-QĐ/BTCTW ngày 20 tháng 02 năm 2018)",
    "place_date": "Hà Nội, ngày 20 tháng 02 năm 2018",
    "signer_title": "Trưởng ban",
    "signer": "Lê Văn Đức",
    "verify_url": URL,
}


@pytest.fixture(autouse=True)
def _tools() -> None:
    """Fail, saying what to install, rather than with LibreOffice's own error or a skip."""
    require_tools()


@pytest.fixture(scope="module")
def issued_pdf() -> bytes:
    require_tools()
    return docx_to_pdf(render_docx(summary_issued()))


@pytest.fixture(scope="module")
def certificate() -> bytes:
    require_tools()
    return certificate_pdf(**CERTIFICATE)


def test_the_pdf_keeps_the_key_texts_with_their_diacritics(issued_pdf: bytes) -> None:
    text = pdf_text(issued_pdf)
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN TỔ CHỨC TRUNG ƯƠNG",
        "CỤM THI ĐUA SỐ 4",
        "Số 05-BC/CTĐ",
        "Bình Dương, ngày 05 tháng 01 năm 2018",
        "BÁO CÁO",
        "tổng kết công tác thi đua năm 2017",
        "1.722 chỉ tiêu, tăng 5,30 %",
        f"[{PLACEHOLDER}]",
        "Nơi nhận:",
        "T/M CỤM THI ĐUA",
        SIGNER,
    ):
        assert expected in " ".join(text.split()), expected


def test_pages_are_numbered_from_the_second(issued_pdf: bytes) -> None:
    assert pdf_pages(issued_pdf) >= 2
    first = pdf_text(issued_pdf, first=1, last=1).split()
    second = pdf_text(issued_pdf, first=2, last=2).split()
    assert first[0] != "1"  # the first page starts with its header, unnumbered
    assert "1" not in first[:12]
    assert second[0] == "2"
    # The ranking's header row printed again at the top of the next page.
    assert second[1:5] == ["STT", "Đơn", "vị", "Điểm"]


def test_a_draft_shows_no_number_and_no_day() -> None:
    text = " ".join(pdf_text(docx_to_pdf(render_docx(summary_draft()))).split())
    assert "Số -BC/CTĐ" in text
    assert "Bình Dương, ngày tháng năm 2018" in text
    assert not re.search(r"Số \d", text)


def test_the_certificate_is_one_landscape_page_with_its_texts(certificate: bytes) -> None:
    assert pdf_pages(certificate) == 1
    text = " ".join(pdf_text(certificate).split())
    for expected in ("BẰNG KHEN", "Đồng chí Nguyễn Thị Hồng Nhung", "TRƯỞNG BAN", "Lê Văn Đức"):
        assert expected in text
    assert "Quyết định số 127-QĐ/BTCTW ngày 20 tháng 02 năm 2018" in text
    assert URL in text


def _modules(image: bytes, size: int) -> list[list[bool]]:
    """The dark modules of a QR image read back by sampling each module's centre."""
    width, height, rows, info = png.Reader(bytes=image).read()
    planes, depth = info["planes"], info["bitdepth"]
    pixels = [list(row)[::planes] for row in rows]  # the first channel is enough: grey
    middle = (2**depth - 1) / 2
    step_x, step_y = width / size, height / size
    return [
        [pixels[int((r + 0.5) * step_y)][int((c + 0.5) * step_x)] < middle for c in range(size)]
        for r in range(size)
    ]


def test_the_certificate_qr_code_is_the_registry_entry(certificate: bytes) -> None:
    images = pdf_images(certificate)
    assert len(images) == 1
    expected = qr_code(URL).get_matrix()
    assert len(expected) > 2 * QR_BORDER
    assert _modules(images[0], len(expected)) == expected
    other = qr_code(URL.replace("127", "128")).get_matrix()
    assert _modules(images[0], len(other)) != other


def test_the_first_page_as_png(certificate: bytes) -> None:
    width, height, _, _ = png.Reader(bytes=first_page_png(certificate)).read()
    # A4 landscape at 80 dots per inch: 297 × 210 mm, give or take a pixel of rounding.
    assert width == pytest.approx(297 / 25.4 * 80, abs=1.5)
    assert height == pytest.approx(210 / 25.4 * 80, abs=1.5)


def test_two_conversions_at_once_do_not_clash() -> None:
    documents = [render_docx(summary_issued()), render_docx(summary_draft())]
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(lambda d: pdf_text(docx_to_pdf(d)), documents))
    assert "Số 05-BC/CTĐ" in texts[0]
    assert "Số 05-BC/CTĐ" not in texts[1]


def test_without_libreoffice_the_error_says_so_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(DomainError, match="chưa cài LibreOffice"):
        docx_to_pdf(b"PK")


def test_a_conversion_too_slow_is_stopped_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_module, "CONVERT_TIMEOUT", 0.05)
    with pytest.raises(DomainError, match="quá lâu"):
        docx_to_pdf(render_docx(summary_draft()))


def test_a_file_libreoffice_cannot_read_is_a_clear_error() -> None:
    with pytest.raises(DomainError, match="không chuyển được"):
        docx_to_pdf(b"PK\x03\x04 not a Word file")
