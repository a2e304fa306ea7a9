"""An issued document as stored: the Word file in the party format with its number and date in
words, and the PDF LibreOffice printed of it at issue, holding the same key texts. (The
builders' own tests check each kind's draft; this checks what issuing adds.)"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.builders.people import persona
from tests.documents.layout import assert_party_layout
from tests.documents.pdf import pdf_text
from tests.documents.store_world import HEAD, summary_draft
from thidua.documents.serial import content_from_json
from thidua.documents.services import document_issue

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]


def test_the_issued_summary_report_carries_its_number_and_date_in_word_and_pdf() -> None:
    issued = document_issue(
        actor=persona(HEAD), document=summary_draft(), today=dt.date(2019, 1, 5)
    )
    content = content_from_json(issued.content)
    assert_party_layout(
        bytes(issued.docx),
        issuing_body="CỤM THI ĐUA SỐ 4",
        number_symbol="Số 01-BC/CTĐ",
        type_name="BÁO CÁO",
        date_words="ngày 05 tháng 01 năm 2019",
        signer=content.signatures[0].signer,
        summary="tổng kết công tác thi đua năm 2018",
    )
    assert bytes(issued.pdf or b"").startswith(b"%PDF")
    text = " ".join(pdf_text(bytes(issued.pdf or b"")).split())
    for key in ("CỤM THI ĐUA SỐ 4", "Số 01-BC/CTĐ", "BÁO CÁO", "ngày 05 tháng 01 năm 2019"):
        assert key in text, key
