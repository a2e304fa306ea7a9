"""The rule book's pages: every signed-in user reads the rules and tries them; only the
secretariat opens the parameter form; the pages speak Vietnamese."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from tests.builders.people import client_for
from thidua.audit.models import AuditEvent
from thidua.rulebook.models import Instrument, InstrumentKind, Rule

pytestmark = pytest.mark.django_db
INDEX = "/quy-dinh/"
TRY = "/quy-dinh/thu-ap-dung/"
SALARY_FORM = "/quy-dinh/tham-so/base_salary/"
FLAG_FORM = "/quy-dinh/tham-so/government_flag.max_share_of_cluster_leaders/"
READERS = ["quantri", "thuongtruc", "hoidong", "canbo.binhduong", "theodoi", "nguoingoai"]
NOT_SETTERS = ["canbo.binhduong", "lanhdao.binhduong", "theodoi", "hoidong", "nguoingoai"]

# The base salary values the shipped rule book holds (rulebook.yaml: 2017, 2018, 2019, 2023, 2024).
SHIPPED_SALARIES = 5


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("username", READERS)
def test_every_signed_in_user_reads_the_rule_book(rulebook: None, username: str) -> None:
    page = client_for(username).get(INDEX)
    assert page.status_code == 200
    body = _text(page)
    assert "Văn bản, quy định thi đua, khen thưởng" in body
    assert "Luật 06/2022/QH15" in body
    assert "Điều 74 khoản 1 điểm d Luật 06/2022/QH15" in body
    assert "2.340.000" in body
    assert "0.20 (20 %)" in body
    assert "[U] Chưa xác nhận" in body
    assert 'data-testid="nav-rulebook"' in body
    assert ('data-testid="set-base_salary"' in body) == (username in {"quantri", "thuongtruc"})


def test_nobody_signed_out_reads_it(rulebook: None) -> None:
    for url in (INDEX, TRY, SALARY_FORM):
        page = Client().get(url)
        assert page.status_code == 302
        assert "/accounts/dang-nhap/" in page["Location"]


@pytest.mark.parametrize("username", NOT_SETTERS)
def test_only_the_secretariat_opens_the_parameter_form(rulebook: None, username: str) -> None:
    client = client_for(username)
    assert client.get(SALARY_FORM).status_code == 403
    posted = client.post(SALARY_FORM, {"value": "1", "valid_from": "2026-01-01"})
    assert posted.status_code == 403
    assert Rule.objects.filter(key="base_salary").count() == SHIPPED_SALARIES


def test_the_secretariat_sets_a_parameter_from_the_form(rulebook: None) -> None:
    client = client_for("thuongtruc")
    assert "Lưu giá trị mới" in _text(client.get(SALARY_FORM))
    saved = client.post(
        SALARY_FORM,
        {
            "value": "2.530.000",
            "valid_from": "2026-01-01",
            "instrument": "73/2024/NĐ-CP",
            "citation_article": "Điều 3",
            "reason": "Mức lương cơ sở mới",
        },
        follow=True,
    )
    assert saved.status_code == 200
    assert "Đã đặt giá trị mới cho tham số." in _text(saved)
    assert "2.530.000" in _text(saved)
    new = Rule.objects.get(key="base_salary", valid_from=dt.date(2026, 1, 1))
    assert new.value == 2_530_000
    assert AuditEvent.objects.filter(action="rulebook.parameter_set").count() == 1


def test_a_bad_value_is_shown_beside_its_field(rulebook: None) -> None:
    refused = client_for("thuongtruc").post(
        SALARY_FORM,
        {
            "value": "hai triệu",
            "valid_from": "2026-01-01",
            "instrument": "73/2024/NĐ-CP",
            "citation_article": "Điều 3",
            "reason": "Thử",
        },
    )
    assert refused.status_code == 400
    assert 'data-testid="error-value"' in _text(refused)
    assert Rule.objects.filter(key="base_salary").count() == SHIPPED_SALARIES


def test_a_confirmed_rule_offers_no_form_and_refuses_a_post(rulebook: None) -> None:
    client = client_for("thuongtruc")
    page = client.get(FLAG_FORM)
    assert 'data-testid="confirmed-rule"' in _text(page)
    assert 'data-testid="parameter-form"' not in _text(page)
    refused = client.post(
        FLAG_FORM,
        {
            "value": "0,30",
            "valid_from": "2026-01-01",
            "instrument": "5007/BNV-TĐKT",
            "citation_article": "mục 1",
            "reason": "Thử",
        },
    )
    assert refused.status_code == 400
    assert "không phải tham số" in _text(refused)


def _try(username: str = "canbo.binhduong", **query: str) -> tuple[int, str]:
    params = {"rule": "government_flag_quota", "on": "2025-12-01"} | query
    page = client_for(username).get(TRY, params)
    return page.status_code, _text(page)


def test_trying_the_flag_quota_shows_the_verdict_and_its_reasons(rulebook: None) -> None:
    status, body = _try(fact_cluster_leaders="15", fact_proposals="4")
    assert status == 200
    assert 'data-outcome="refused"' in body
    assert "Kết quả: không đạt" in body
    assert "được đề nghị tối đa 3" in body
    assert "Công văn 5007/BNV-TĐKT" in body
    status, body = _try(fact_cluster_leaders="15", fact_proposals="3")
    assert 'data-outcome="allowed"' in body


def test_the_try_form_without_facts_shows_the_rule_s_boxes(rulebook: None) -> None:
    status, body = _try()
    assert status == 200
    assert 'name="fact_cluster_leaders"' in body
    assert 'data-testid="verdict"' not in body


def test_bad_facts_and_a_date_before_the_rule_are_refused_in_vietnamese(rulebook: None) -> None:
    status, body = _try(fact_cluster_leaders="-1", fact_proposals="0")
    assert status == 400
    assert "Không được nhỏ hơn 0." in body
    status, body = _try(on="2023-06-01", fact_cluster_leaders="15", fact_proposals="3")
    assert status == 400
    assert "Chưa có quy định" in body
    assert "01/06/2023" in body


def test_the_pages_speak_english_when_chosen_but_cite_in_vietnamese(rulebook: None) -> None:
    client = client_for("canbo.binhduong")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = _text(client.get(INDEX))
    assert "Emulation and commendation rule book" in body
    assert "Điều 74 khoản 1 điểm d Luật 06/2022/QH15" in body
    verdict = client.get(
        TRY,
        {
            "rule": "government_flag_quota",
            "on": "2025-12-01",
            "fact_cluster_leaders": "15",
            "fact_proposals": "4",
        },
    )
    assert "at most 3 may be proposed" in _text(verdict)
    assert "Result: not met" in _text(verdict)


def test_the_rule_book_page_reads_a_fixed_number_of_queries(
    rulebook: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for("thuongtruc")
    client.get(INDEX)
    with CaptureQueriesContext(connection) as shipped:
        assert client.get(INDEX).status_code == 200
    # Three more instruments with four rules each: the same queries, not one per rule.
    for n in range(3):
        instrument = Instrument.objects.create(
            number=f"{n + 1:02d}/2026/TT-KT",
            short_name=f"Thông tư kiểm thử {n + 1}",
            kind=InstrumentKind.CIRCULAR,
            issuer="Bộ Nội vụ",
            title="Văn bản kiểm thử",
            effective_from=dt.date(2026, 1, 1),
        )
        for k in range(4):
            Rule.objects.create(
                key=f"test.rule_{n}_{k}",
                label="Quy định kiểm thử",
                value=k,
                instrument=instrument,
                article=f"Điều {k + 1}",
                valid_from=dt.date(2026, 1, 1),
                confidence="confirmed",
            )
    # The session, the user, the second factor's device, the grants, the instruments, the rules.
    with django_assert_max_num_queries(len(shipped)):
        page = client.get(INDEX)
    assert page.status_code == 200
    assert "Thông tư kiểm thử 3" in page.content.decode()
