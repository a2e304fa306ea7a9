"""Each document of the year's cycle, built from data, issued and rendered: the .docx passes
the party-format checker, and its PDF (LibreOffice) carries the key texts and figures."""

import datetime as dt
from collections.abc import Callable

import pytest

from tests.builders.assessments import published_plan
from tests.builders.clusters import board, head_of, term
from tests.builders.people import persona
from tests.builders.reports import cluster_3_2023, indicator, period, report
from tests.documents.layout import assert_party_layout
from tests.documents.pdf import docx_pdf_text
from thidua.accounts.models import User
from thidua.documents.builders import BUILDERS
from thidua.documents.content import DocumentContent, issued
from thidua.documents.render.docx import render_docx

pytestmark = pytest.mark.django_db
ISSUED_ON = dt.date(2019, 1, 5)


def _issued_docx(
    kind: str, source_id: int, user: User, number: int = 5
) -> tuple[DocumentContent, bytes]:
    content = issued(BUILDERS[kind].build(source_id, user), number, ISSUED_ON)
    data = render_docx(content)
    assert_party_layout(
        data,
        issuing_body=content.issuer.name,
        number_symbol=content.header.number_symbol,
        type_name=content.type_name,
        date_words="ngày 05 tháng 01 năm 2019",
        signer=content.signatures[0].signer,
    )
    return content, data


def _plan_world() -> tuple[int, User]:
    plan, _units = published_plan()
    return plan.pk, persona("lanhdao.binhduong")


@pytest.mark.parametrize(
    ("kind", "world", "number"),
    [
        ("plan", _plan_world, "Số 05-KH/CTĐ"),
        ("covenant", _plan_world, "Số 05-GƯ/CTĐ"),
        ("results_report", _plan_world, "Số 05-BC/CTĐ"),
    ],
)
def test_the_plans_documents_are_in_the_party_format(
    kind: str, world: Callable[[], tuple[int, User]], number: str
) -> None:
    source, user = world()
    content, _data = _issued_docx(kind, source, user)
    assert content.header.number_symbol == number


def test_the_unit_report_and_the_rollups_are_in_the_party_format() -> None:
    members = cluster_3_2023()
    trained = indicator("cadres_trained_or_retrained")
    made = report(board("74-63"), period(2018), {trained: 1722})
    _issued_docx("unit_report", made.pk, persona("lanhdao.binhduong"))
    _issued_docx("cluster_rollup", term(3, 2023).pk, persona("canbo.daklak"))
    _issued_docx("sector_rollup", period(2023).pk, persona("thuongtruc"))
    assert len(members) == 12


@pytest.mark.libreoffice
def test_the_summary_reports_pdf_reads_its_figures_and_leader() -> None:
    """published_plan: A leads with 95,00; A and B report 1.000 + 722 = 1.722 cadres trained."""
    _plan, (a, b, _c) = published_plan()
    trained = indicator("cadres_trained_or_retrained")
    report(a, period(2018), {trained: 1000})
    report(b, period(2018), {trained: 722})
    cluster = term(4, 2018)
    content, data = _issued_docx("summary_report", cluster.pk, persona("lanhdao.binhduong"))
    text = " ".join(docx_pdf_text(data).split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 05-BC/CTĐ" in text
    assert f"{head_of(cluster).short_name}, ngày 05 tháng 01 năm 2019" in text
    assert "1.722" in text
    assert "95,00" in text
    assert "CỤM TRƯỞNG" in text
    assert content.summary in text
