"""The party-format Word renderer, read back with python-docx: every block type renders, the
layout checker passes on it and fails on documents broken on purpose."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.documents.layout import assert_party_layout
from tests.documents.samples import (
    COVENANT_SIGNERS,
    PLACEHOLDER,
    RANKING_ROWS,
    SIGNER,
    covenant,
    summary_draft,
    summary_issued,
)
from thidua.documents.render.docx import render_docx

NUMBER = "Số 05-BC/CTĐ"
DATE_WORDS = "ngày 05 tháng 01 năm 2018"


def _check(
    data: bytes,
    *,
    number_symbol: str = NUMBER,
    date_words: str | None = DATE_WORDS,
    signer: str = SIGNER,
) -> None:
    """The checker with what the sample report should show."""
    assert_party_layout(
        data,
        issuing_body="Cụm thi đua số 4",
        number_symbol=number_symbol,
        type_name="BÁO CÁO",
        date_words=date_words,
        signer=signer,
    )


def _reopen(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_issued_report_with_every_block_is_in_the_party_format() -> None:
    _check(render_docx(summary_issued()))


def test_a_draft_has_a_blank_number_and_date() -> None:
    data = render_docx(summary_draft())
    _check(data, number_symbol="Số    -BC/CTĐ", date_words=None)
    text = "\n".join(p.text for t in _reopen(data).tables for c in t._cells for p in c.paragraphs)
    assert "Bình Dương, ngày    tháng    năm 2018" in text
    assert "Số 05" not in text


def test_the_checker_refuses_a_draft_number_on_an_issued_document() -> None:
    data = render_docx(summary_draft())
    with pytest.raises(AssertionError, match="malformed"):
        _check(data, number_symbol="Số    -BC/CTĐ")


def test_the_checker_fails_on_a_body_in_arial() -> None:
    document = _reopen(render_docx(summary_issued()))
    for paragraph in document.paragraphs:
        if paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY:
            for run in paragraph.runs:
                run.font.name = "Arial"
    with pytest.raises(AssertionError, match=r"font \['Arial'"):
        _check(_saved(document))


def test_the_checker_fails_on_an_east_asian_font_left_to_the_theme() -> None:
    document = _reopen(render_docx(summary_issued()))
    run = next(r for p in document.paragraphs for r in p.runs if r.text.startswith("Năm 2017"))
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), "MS Mincho")
    with pytest.raises(AssertionError, match="MS Mincho"):
        _check(_saved(document))


def test_the_checker_fails_on_a_date_not_in_italics() -> None:
    document = _reopen(render_docx(summary_issued()))
    header = document.tables[0]
    for paragraph in header.rows[1].cells[1].paragraphs:
        for run in paragraph.runs:
            run.italic = False
    with pytest.raises(AssertionError, match="place and date: italic expected"):
        _check(_saved(document))


def test_the_checker_fails_on_a_party_line_neither_underlined_nor_15() -> None:
    document = _reopen(render_docx(summary_issued()))
    for run in document.tables[0].rows[0].cells[1].paragraphs[0].runs:
        run.underline = False
        run.font.size = Pt(12)
    with pytest.raises(AssertionError) as failure:
        _check(_saved(document))
    assert "party line: underlined expected" in str(failure.value)
    assert "party line: size 12 pt, expected 15" in str(failure.value)


def test_the_checker_fails_on_other_margins_and_a_letter_page() -> None:
    document = _reopen(render_docx(summary_issued()))
    section = document.sections[0]
    section.left_margin = Mm(20)
    section.page_height = Mm(279)
    with pytest.raises(AssertionError) as failure:
        _check(_saved(document))
    assert "margin left: 20.0 mm, expected 35 mm" in str(failure.value)
    assert "not A4" in str(failure.value)


def test_the_checker_fails_on_a_signature_on_the_left_and_another_signer() -> None:
    data = render_docx(summary_issued())
    with pytest.raises(AssertionError, match="no signer 'Lê Văn Cường'"):
        _check(data, signer="Lê Văn Cường")
    document = _reopen(data)
    row = document.tables[-1].rows[0]._tr
    recipients = row.tc_lst[0]
    row.remove(recipients)
    row.append(recipients)  # the signature now on the left, the recipients on the right
    with pytest.raises(AssertionError, match="not on the right"):
        _check(_saved(document))


def test_the_table_repeats_its_header_and_right_aligns_figures() -> None:
    document = _reopen(render_docx(summary_issued()))
    table = document.tables[1]
    assert len(table.rows) == RANKING_ROWS + 1
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None
    assert tr_pr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    first = table.rows[1].cells
    aligns = [cell.paragraphs[0].alignment for cell in first]
    right, left = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    assert aligns == [right, left, right, right]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:insideH")).get(qn("w:val")) == "single"
    header_borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert header_borders.find(qn("w:top")).get(qn("w:val")) == "nil"
    widths = [cell.width.mm for cell in first]
    assert widths[1] == pytest.approx(5 * widths[0], rel=0.01)
    assert sum(widths) == pytest.approx(160, abs=0.5)  # the text width: 210 - 35 - 15


def test_the_placeholder_is_bracketed_italic_and_highlighted() -> None:
    document = _reopen(render_docx(summary_issued()))
    run = next(r for p in document.paragraphs for r in p.runs if PLACEHOLDER in r.text)
    assert run.text == f"[{PLACEHOLDER}]"
    assert run.italic
    assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW


def test_a_covenant_lays_its_signatures_two_per_row() -> None:
    data = render_docx(covenant())
    for signer in COVENANT_SIGNERS:
        assert_party_layout(
            data,
            issuing_body="Cụm thi đua số 4",
            number_symbol="Số 01-GƯ/CTĐ",
            type_name="GIAO ƯỚC THI ĐUA",
            date_words="ngày 20 tháng 02 năm 2018",
            signer=signer,
        )
    ending = _reopen(data).tables[-1]
    assert len(ending.rows) == 2
    assert ending.rows[0].cells[0].paragraphs[0].text == "BAN TỔ CHỨC TỈNH ỦY SỐ 1"
    assert ending.rows[1].cells[0].text.strip() == ""  # the odd one stands on the right
    assert COVENANT_SIGNERS[2] in ending.rows[1].cells[1].text


def test_the_properties_name_the_document() -> None:
    document = _reopen(render_docx(summary_issued()))
    assert document.core_properties.title == "BÁO CÁO tổng kết công tác thi đua năm 2017"
    assert document.core_properties.language == "vi-VN"
