"""The documents' pages: the "Văn bản" section of the cluster term page drafts, the preview
shows the PDF in the page, issuing numbers it, the downloads and the register; and who may
not."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from django.test import Client

from tests.builders.people import client_for, persona
from tests.builders.reports import binh_duong, indicator, period, report
from tests.documents.awards_world import board_round, cluster_round, flag_grant
from tests.documents.pdf import pdf_text
from tests.documents.store_world import HEAD, summary_draft
from thidua.awards.services.decisions import grant_revoke
from thidua.documents.models import Document, DocumentStatus, Task
from thidua.documents.services import document_draft
from thidua.indicators.models import PeriodKind, ReportStatus

pytestmark = pytest.mark.django_db


def test_the_head_drafts_previews_and_issues_from_the_term_page() -> None:
    term_id = summary_draft().source_id
    Document.objects.all().delete()
    head = client_for(HEAD)
    page = head.get(f"/cum/nhiem-ky/{term_id}/")
    assert page.status_code == 200
    assert 'data-testid="documents-tab"' in page.content.decode()
    listed = head.get(
        f"/van-ban/muc/term/{term_id}/?next=/cum/nhiem-ky/{term_id}/"
    ).content.decode()
    assert 'value="summary_report"' in listed
    assert "Chưa có văn bản nào." in listed
    made = head.post(f"/van-ban/soan/term/{term_id}/", {"kind": "summary_report"})
    document = Document.objects.get()
    assert made.status_code == 302
    assert made["Location"] == f"/van-ban/{document.pk}/"
    preview = head.get(f"/van-ban/{document.pk}/").content.decode()
    assert f'src="/van-ban/{document.pk}/tep.pdf?xem=1"' in preview
    inline = head.get(f"/van-ban/{document.pk}/tep.pdf?xem=1")
    assert inline["Content-Disposition"].startswith("inline")
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in inline["Content-Security-Policy"]
    head.post(f"/van-ban/{document.pk}/ban-hanh/")
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED
    assert document.number_symbol == "Số 01-BC/CTĐ"
    pdf = head.get(f"/van-ban/{document.pk}/tep.pdf")
    assert pdf["Content-Disposition"].startswith("attachment")
    assert pdf.content.startswith(b"%PDF")
    assert "Số 01-BC/CTĐ" in head.get("/van-ban/").content.decode()
    assert "Số 01-BC/CTĐ" in head.get(f"/van-ban/muc/term/{term_id}/").content.decode()
    assert (
        "Số 01-BC/CTĐ"
        not in client_for("canbo.daklak").get(f"/van-ban/muc/term/{term_id}/").content.decode()
    )


def test_an_outsider_neither_issues_nor_sees_the_draft() -> None:
    draft = summary_draft()
    outsider = client_for("canbo.daklak")
    assert outsider.post(f"/van-ban/{draft.pk}/ban-hanh/").status_code == 404
    assert outsider.get(f"/van-ban/{draft.pk}/tep.pdf").status_code == 404
    draft.refresh_from_db()
    assert draft.number is None


def test_a_board_cannot_download_another_boards_draft_report() -> None:
    trained = indicator("cadres_trained_or_retrained")
    made = report(
        binh_duong(), period(2018, PeriodKind.MID_YEAR), {trained: 5}, status=ReportStatus.DRAFT
    )
    draft = document_draft(actor=persona("canbo.binhduong"), kind="unit_report", source_id=made.pk)
    other = client_for("canbo.longan")
    for url in (
        f"/van-ban/{draft.pk}/",
        f"/van-ban/{draft.pk}/tep.docx",
        f"/van-ban/{draft.pk}/tep.pdf",
    ):
        assert other.get(url).status_code == 404
    assert client_for("canbo.binhduong").get(f"/van-ban/{draft.pk}/tep.docx").status_code == 200


def test_the_sector_rollup_is_built_in_the_background_and_polled() -> None:
    year_end = period(2018)
    secretariat = client_for("thuongtruc")
    answer = secretariat.post(f"/van-ban/soan/period/{year_end.pk}/", {"kind": "sector_rollup"})
    task = Task.objects.get()
    assert answer["Location"] == f"/van-ban/viec/{task.pk}/"
    polled = secretariat.get(f"/van-ban/viec/{task.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in polled
    assert client_for("canbo.longan").get(f"/van-ban/viec/{task.pk}/").status_code == 404


def test_each_candidate_of_a_round_has_its_achievement_report_from_the_round_page() -> None:
    """Bình Dương's 2019 round: the round's section offers one achievement report per
    candidate, drafted for that candidate; the round itself is no achievement report's source,
    and another board sees neither the offer nor the draft."""
    world = board_round(decide=False)
    candidate = world.round.candidates.order_by("pk").last()
    assert candidate is not None
    leader = client_for(HEAD)
    section = leader.get(f"/van-ban/muc/round/{world.round.pk}/").content.decode()
    assert section.count('data-testid="achievement-draft"') == len(world.people)
    assert f'action="/van-ban/soan/candidate/{candidate.pk}/"' in section
    assert 'value="achievement_report"' not in section.split("achievement-reports")[0]
    refused = leader.post(f"/van-ban/soan/round/{world.round.pk}/", {"kind": "achievement_report"})
    assert refused.status_code == 302
    assert not Document.objects.exists()
    made = leader.post(f"/van-ban/soan/candidate/{candidate.pk}/", {"kind": "achievement_report"})
    document = Document.objects.get()
    assert made["Location"] == f"/van-ban/{document.pk}/"
    assert (document.source_kind, document.source_id) == ("candidate", candidate.pk)
    assert candidate.person is not None
    text = [p.text for p in docx.Document(io.BytesIO(bytes(document.docx))).paragraphs]
    assert f"Họ và tên: {candidate.person.full_name}" in text
    listed = leader.get(f"/van-ban/muc/round/{world.round.pk}/").content.decode()
    assert f'href="/van-ban/{document.pk}/"' in listed
    other = client_for("canbo.longan")
    assert (
        "achievement-draft"
        not in other.get(f"/van-ban/muc/round/{world.round.pk}/").content.decode()
    )
    assert other.get(f"/van-ban/{document.pk}/").status_code == 404


def test_the_registry_prints_a_grant_certificate_and_not_a_revoked_one() -> None:
    """The flag of cluster 4's 2018 round (127-QĐ/BTCTW): the registry links its certificate,
    a one-page PDF naming the award and the recipient; once revoked the link goes and the
    certificate is refused with the reason; nobody signed out prints one."""
    world = cluster_round(decide=True)
    grant = flag_grant(world)
    reader = client_for("canbo.daklak")
    registry = reader.get("/khen-thuong/so/").content.decode()
    assert f'href="/van-ban/bang/{grant.pk}.pdf"' in registry
    answer = reader.get(f"/van-ban/bang/{grant.pk}.pdf")
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"].startswith("attachment")
    text = " ".join(pdf_text(answer.content).split())
    assert "CỜ THI ĐUA CỦA BAN TỔ CHỨC TRUNG ƯƠNG" in text
    assert world.units[0].name in text
    assert Client().get(f"/van-ban/bang/{grant.pk}.pdf").status_code == 302
    assert reader.get("/van-ban/bang/999999.pdf").status_code == 404
    grant_revoke(
        actor=persona("hoidong"),
        grant=grant,
        revoked_on=dt.date(2020, 5, 1),
        ground="false_declaration",
        decision="9-QĐ/BTCTW",
        reason="Kê khai sai số liệu.",
    )
    assert (
        f'href="/van-ban/bang/{grant.pk}.pdf"'
        not in reader.get("/khen-thuong/so/").content.decode()
    )
    refused = reader.get(f"/van-ban/bang/{grant.pk}.pdf", follow=True)
    assert "đã bị thu hồi" in refused.content.decode()


def test_without_libreoffice_the_page_says_why_and_the_word_file_still_downloads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    draft = summary_draft()
    head = client_for(HEAD)
    monkeypatch.setenv("PATH", str(tmp_path))  # a server where LibreOffice is not installed
    answer = head.get(f"/van-ban/{draft.pk}/tep.pdf", follow=True)
    assert answer.redirect_chain == [(f"/van-ban/{draft.pk}/", 302)]
    assert "chưa cài LibreOffice" in answer.content.decode()
    framed = head.get(f"/van-ban/{draft.pk}/tep.pdf?xem=1")
    assert framed.status_code == 503
    assert "chưa cài LibreOffice" in framed.content.decode()
    assert head.get(f"/van-ban/{draft.pk}/tep.docx").content[:2] == b"PK"


def test_the_head_issues_a_correction_from_the_issued_document_page() -> None:
    """Số 01-BC/CTĐ issued, then corrected from its page: Số 02-BC/CTĐ names it and its page
    links to 02; another board's officer may not correct it and it stays as it was."""
    head = client_for(HEAD)
    draft = summary_draft()
    head.post(f"/van-ban/{draft.pk}/ban-hanh/")
    first = Document.objects.get(pk=draft.pk)
    assert first.number_symbol == "Số 01-BC/CTĐ"
    page = head.get(f"/van-ban/{first.pk}/").content.decode()
    assert 'data-testid="document-correct"' in page
    assert client_for("canbo.daklak").post(f"/van-ban/{first.pk}/dinh-chinh/").status_code == 404
    assert Document.objects.count() == 1
    answer = head.post(f"/van-ban/{first.pk}/dinh-chinh/")
    correction = Document.objects.get(replaces=first)
    assert answer["Location"] == f"/van-ban/{correction.pk}/"
    assert correction.number_symbol == "Số 02-BC/CTĐ"
    old_page = head.get(f"/van-ban/{first.pk}/").content.decode()
    assert f'href="/van-ban/{correction.pk}/">Số 02-BC/CTĐ</a>' in old_page
    text = [p.text for p in docx.Document(io.BytesIO(bytes(correction.docx))).paragraphs]
    assert any(line.startswith("Văn bản này thay thế văn bản Số 01-BC/CTĐ") for line in text)
    first.refresh_from_db()
    assert (first.number, first.status) == (1, DocumentStatus.ISSUED)
