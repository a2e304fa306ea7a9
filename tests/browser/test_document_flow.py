"""The cluster's head issues the cluster's summary report from the term page and downloads its
PDF, printed by LibreOffice, in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import sign_in
from tests.builders.assessments import published_plan
from tests.builders.people import PASSWORD, persona
from tests.documents.pdf import pdf_text
from thidua.orgs.models import ClusterTerm

HEAD = "lanhdao.binhduong"


@pytest.fixture
def cluster_year(transactional_db: None) -> ClusterTerm:
    """Cluster 4's 2018 plan, published, and its head's leader, before the browser starts."""
    plan, _units = published_plan()
    persona(HEAD)
    term = plan.term
    assert term is not None  # published_plan is cluster 4's
    return term


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_head_issues_the_summary_report_and_downloads_its_pdf(
    cluster_year: ClusterTerm, page: Page
) -> None:
    sign_in(page, HEAD, PASSWORD)
    page.goto(f"/cum/nhiem-ky/{cluster_year.pk}/")
    tab = page.get_by_test_id("documents-tab")
    tab.get_by_test_id("document-kind").select_option("summary_report")
    tab.get_by_test_id("document-draft").click()
    page.wait_for_url(re.compile(r"/van-ban/\d+/$"))
    expect(page.get_by_test_id("document-frame")).to_be_visible()
    page.get_by_test_id("document-issue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Số 01-BC/CTĐ", timeout=120_000)
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_test_id("document-pdf").click()
    path = download_info.value.path()
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert "BÁO CÁO" in text
    assert "CỤM THI ĐUA SỐ 4" in text
    assert "Số 01-BC/CTĐ" in text
