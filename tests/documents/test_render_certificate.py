"""The address printed under the certificate's QR code is the one a person reads and types:
the Vietnamese name as letters ("Y Bhin Niê"), not percent-encoded ("Y+Bhin+Ni%C3%AA"), while
the QR code itself keeps the exact address the registry answers."""

from __future__ import annotations

import io

import docx

from thidua.documents.render.certificate import certificate_docx, qr_png, readable_url

URL = "http://127.0.0.1:8000/khen-thuong/so/?q=Y+Bhin+Ni%C3%AA&nam=2023&khen=commission_flag"
FIELDS = {
    "award_name": "Bằng khen",
    "recipient": "Đồng chí Y Bhin Niê",
    "reason": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2023",
    "decision_line": "Quyết định số 389-QĐ/BTCTW ngày 04/12/2023",
    "place_date": "Hà Nội, ngày 04 tháng 12 năm 2023",
    "signer_title": "Trưởng ban",
    "signer": "Người ký",
}


def test_the_address_reads_in_letters() -> None:
    assert readable_url(URL) == (
        "http://127.0.0.1:8000/khen-thuong/so/?q=Y Bhin Niê&nam=2023&khen=commission_flag"
    )
    assert readable_url("https://x.vn/van-ban/127") == "https://x.vn/van-ban/127"
    assert readable_url("https://x.vn/t%C3%AAn/") == "https://x.vn/tên/"


def test_the_certificate_prints_the_readable_address_and_codes_the_exact_one() -> None:
    document = docx.Document(io.BytesIO(certificate_docx(**FIELDS, verify_url=URL)))
    texts = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    assert readable_url(URL) in texts
    assert not any("%C3" in text or "+Bhin" in text for text in texts)
    (image,) = [
        part.blob for part in document.part.package.parts if part.content_type == "image/png"
    ]
    assert image == qr_png(URL)
