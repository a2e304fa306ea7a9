"""The documents API on a live server, with bearer tokens: drafting, issuing, the register and
the downloads, and who may not."""

from __future__ import annotations

from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import bearer, call
from tests.builders.people import persona
from tests.builders.reports import binh_duong, indicator, period, report
from tests.documents.pdf import pdf_text
from tests.documents.store_world import HEAD, summary_draft
from thidua.documents.models import Document
from thidua.indicators.models import PeriodKind, ReportStatus

pytestmark = pytest.mark.django_db(transaction=True)


def _download(url: str, token: str) -> tuple[int, bytes, str]:
    request = Request(url, headers={"Authorization": token})  # noqa: S310
    try:
        with urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.read(), response.headers["Content-Type"]
    except HTTPError as refused:
        return refused.code, refused.read(), refused.headers["Content-Type"]


def test_the_head_drafts_issues_and_downloads_the_summary_report(live_server: LiveServer) -> None:
    term_id = summary_draft().source_id
    Document.objects.all().delete()
    api = f"{live_server.url}/api/v1"
    head = bearer(persona(HEAD))
    made = call(
        f"{api}/documents",
        "POST",
        {"kind": "summary_report", "source_id": term_id},
        Authorization=head,
    )
    assert made.status == 201, made.body
    assert made.body["status"] == "draft"
    assert made.body["number"] is None
    issued = call(f"{api}/documents/{made.body['id']}/issue", "POST", Authorization=head)
    assert issued.status == 200, issued.body
    assert issued.body["number_symbol"] == "Số 01-BC/CTĐ"
    again = call(f"{api}/documents/{made.body['id']}/issue", "POST", Authorization=head)
    assert again.status == 400
    listed = call(f"{api}/documents?term={term_id}&kind=summary_report", Authorization=head)
    assert [d["number"] for d in listed.body] == [1]
    status, body, kind = _download(f"{api}/documents/{made.body['id']}/pdf", head)
    assert (status, body[:4], kind) == (200, b"%PDF", "application/pdf")
    assert "Số 01-BC/CTĐ" in " ".join(pdf_text(body).split())
    status, body, _kind = _download(f"{api}/documents/{made.body['id']}/docx", head)
    assert status == 200
    assert body[:2] == b"PK"


def test_who_is_not_the_office_may_not_issue(live_server: LiveServer) -> None:
    draft = summary_draft()
    api = f"{live_server.url}/api/v1"
    refused = call(
        f"{api}/documents/{draft.pk}/issue", "POST", Authorization=bearer(persona("canbo.daklak"))
    )
    assert refused.status in (403, 404)
    assert refused.body["detail"]
    assert Document.objects.get(pk=draft.pk).number is None


def test_a_board_cannot_download_another_boards_draft_report(live_server: LiveServer) -> None:
    trained = indicator("cadres_trained_or_retrained")
    made = report(
        binh_duong(), period(2018, PeriodKind.MID_YEAR), {trained: 5}, status=ReportStatus.DRAFT
    )
    api = f"{live_server.url}/api/v1"
    own = bearer(persona("canbo.binhduong"))
    drafted = call(
        f"{api}/documents", "POST", {"kind": "unit_report", "source_id": made.pk}, Authorization=own
    )
    assert drafted.status == 201, drafted.body
    other = bearer(persona("canbo.longan"))
    for ending in ("", "/docx", "/pdf"):
        status, _body, _kind = _download(f"{api}/documents/{drafted.body['id']}{ending}", other)
        assert status == 404
    assert call(f"{api}/documents?report={made.pk}", Authorization=other).body == []
    refused = call(
        f"{api}/documents",
        "POST",
        {"kind": "unit_report", "source_id": made.pk},
        Authorization=other,
    )
    assert refused.status == 404
    status, _body, _kind = _download(f"{api}/documents/{drafted.body['id']}/docx", own)
    assert status == 200


def test_a_correction_through_the_api_names_the_document_it_replaces(
    live_server: LiveServer,
) -> None:
    draft = summary_draft()
    api = f"{live_server.url}/api/v1"
    head = bearer(persona(HEAD))
    issued = call(f"{api}/documents/{draft.pk}/issue", "POST", Authorization=head)
    assert issued.status == 200, issued.body
    other = bearer(persona("canbo.daklak"))
    refused = call(f"{api}/documents/{draft.pk}/correct", "POST", Authorization=other)
    assert refused.status == 404
    made = call(f"{api}/documents/{draft.pk}/correct", "POST", Authorization=head)
    assert made.status == 201, made.body
    assert (made.body["number_symbol"], made.body["replaces_id"]) == ("Số 02-BC/CTĐ", draft.pk)
    again = call(f"{api}/documents/{made.body['id']}/correct", "POST", Authorization=head)
    assert again.body["number_symbol"] == "Số 03-BC/CTĐ"
    draft_only = summary_draft()
    refused = call(f"{api}/documents/{draft_only.pk}/correct", "POST", Authorization=head)
    assert refused.status == 400
    assert refused.body["detail"]
