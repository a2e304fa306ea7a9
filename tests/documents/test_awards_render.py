"""Every document of commendation and votes, built from data, issued and rendered: the .docx
passes the party-format checker, and the PDFs (LibreOffice) of the vote minutes, the decision
and a certificate carry their key texts and figures."""

import datetime as dt

import pytest

from tests.builders.people import persona
from tests.documents.awards_world import board_round, cluster_round, counted_vote, flag_grant
from tests.documents.layout import assert_party_layout
from tests.documents.pdf import docx_pdf_text, pdf_text
from thidua.documents.builders import BUILDERS
from thidua.documents.builders.awards import certificate_fields
from thidua.documents.content import DocumentContent, issued
from thidua.documents.render.certificate import certificate_pdf
from thidua.documents.render.docx import render_docx

pytestmark = pytest.mark.django_db
ISSUED_ON = dt.date(2019, 1, 15)
IN_WORDS = "ngày 15 tháng 01 năm 2019"


def _checked(content: DocumentContent, date_words: str | None = IN_WORDS) -> bytes:
    data = render_docx(content)
    assert_party_layout(
        data,
        issuing_body=content.issuer.name,
        number_symbol=content.header.number_symbol,
        type_name=content.type_name,
        date_words=date_words,
        signer=content.signatures[-1].signer,
    )
    return data


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_round_documents_are_in_the_party_format() -> None:
    world = cluster_round(decide=True)
    user = persona("thuongtruc")
    for kind, number in (("deliberation_minutes", "Số 05-BB/CTĐ"),):
        content = issued(BUILDERS[kind].build(world.round.pk, user), 5, ISSUED_ON)
        assert content.header.number_symbol == number
        _checked(content)
    # A draft: no number, no date yet.
    _checked(BUILDERS["deliberation_minutes"].build(world.round.pk, user), date_words=None)
    flag = world.round.candidates.get(award="commission_flag")
    report = issued(BUILDERS["achievement_report"].build(flag.pk, user), 2, ISSUED_ON)
    _checked(report)
    # The decision carries the number and date it was recorded with.
    _checked(
        BUILDERS["decision"].build(world.round.pk, user), date_words="ngày 01 tháng 02 năm 2019"
    )


def test_the_submission_is_in_the_party_format() -> None:
    world = cluster_round(submit=True)
    content = issued(
        BUILDERS["submission"].build(world.round.pk, persona("thuongtruc")), 3, ISSUED_ON
    )
    assert content.header.number_symbol == "Số 03-TTr/CTĐ"
    _checked(content)


@pytest.mark.libreoffice
def test_the_vote_minutes_pdf_reads_the_shares_and_the_signers() -> None:
    vote = counted_vote([[8], [7]])
    content = issued(BUILDERS["vote_minutes"].build(vote.pk, persona("thuongtruc")), 7, ISSUED_ON)
    text = _flat(docx_pdf_text(_checked(content)))
    assert "Số 07-BB/BTCTW" in text
    assert f"Hà Nội, {IN_WORDS}" in text
    assert "53,33 %" in text
    assert "46,67 %" in text
    assert "tham số do Thường trực đặt" in text
    assert "Thành viên ban kiểm phiếu 3" in text


@pytest.mark.libreoffice
def test_the_decision_pdf_reads_the_prize_money_and_the_total() -> None:
    world = board_round()
    content = BUILDERS["decision"].build(world.round.pk, persona("lanhdao.binhduong"))
    text = _flat(docx_pdf_text(_checked(content, date_words="ngày 03 tháng 02 năm 2020")))
    assert "Số 12-QĐ/BTCTU" in text
    assert "Bình Dương, ngày 03 tháng 02 năm 2020" in text
    # The total in figures, then in words.
    assert "Tổng số tiền thưởng: 5.960.000 đồng (bằng chữ: " in text
    # Each amount whole in its column (a column too narrow printed "1.490.00" / "0").
    assert text.count("1.490.000") >= 4
    assert "Võ Thị Hà" in text


@pytest.mark.libreoffice
def test_the_certificate_pdf_reads_the_award_and_the_recipient() -> None:
    world = cluster_round(decide=True)
    grant = flag_grant(world)
    fields = certificate_fields(grant.pk, persona("hoidong"))
    text = _flat(pdf_text(certificate_pdf(**fields)))
    assert "CỜ THI ĐUA CỦA BAN TỔ CHỨC TRUNG ƯƠNG" in text
    assert world.units[0].name in text
    assert "Hà Nội, ngày 01 tháng 02 năm 2019" in text
    assert "K/T TRƯỞNG BAN" in text
    assert "Nguyễn Văn A" in text
