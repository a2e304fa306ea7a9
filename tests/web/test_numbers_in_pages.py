"""Numbers on real pages and in real refusals follow the reader's language: 1.722, 7,5 and
5,30 % in Vietnamese; 1,722, 7.5 and 5.30 % in English. What a user types is read the same way:
"1.500" is one thousand five hundred to a Vietnamese reader. Expected texts are literals."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.clusters import board, term
from tests.builders.people import persona
from tests.builders.reports import (
    catalogue,
    cluster_3_2023,
    indicator,
    long_an,
    open_period,
    period,
    report,
)
from tests.plans.test_pages_builder import draft_plan, new_criterion
from thidua.accounts.models import User
from thidua.indicators.models import Report
from thidua.plans.models import CriterionKind
from thidua.plans.services.scale import criterion_add

pytestmark = pytest.mark.django_db
D = Decimal


def reader(user: User, language: str) -> Client:
    """A signed-in client that chose ``language`` (the language cookie, as the menu sets it)."""
    client = Client()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    return client


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _cell(html: str, kind: str, key: str) -> str:
    """The value cell of one row of a dashboard table (by province, by cluster)."""
    attribute = {"province": "data-unit", "cluster": "data-term"}[kind]
    row = rf'<tr data-testid="{kind}-row" {attribute}="{key}">.*?<td data-testid="value">(.*?)</td>'
    found = re.search(row, html, re.S)
    assert found is not None, (kind, key)
    return _text(found.group(1))


@pytest.mark.parametrize(
    ("language", "thousands", "total", "long_an_share"),
    [
        ("vi", "1.722", "11,83 % (2.850 / 24.096)", "5,30 %"),
        ("en", "1,722", "11.83 % (2,850 / 24,096)", "5.30 %"),
    ],
)
def test_the_sector_dashboard_writes_numbers_as_the_reader_s_language_does(
    language: str, thousands: str, total: str, long_an_share: str
) -> None:
    cluster_3_2023()  # 1722 cadres trained in cluster 3 in 2023
    share = indicator("staff_streamlined_share")
    report(board("77-63"), period(2019), {share: (2489, 22345)})
    report(board("80-63"), period(2019), {share: (61, 1151)})  # 5.30 %
    report(board("74-63"), period(2019), {share: (300, 600)})
    client = reader(persona("theodoi"), language)
    dashboard = reverse("web:dashboard_sector")

    trained = client.get(f"{dashboard}?chi_tieu=cadres_trained_or_retrained&nam=2023")
    assert _cell(trained.content.decode(), "cluster", str(term(3, 2023).pk)) == thousands

    shares = client.get(f"{dashboard}?chi_tieu=staff_streamlined_share&nam=2019").content.decode()
    total_value = re.search(r'data-testid="total-value"[^>]*>(.*?)</dd>', shares, re.S)
    assert total_value is not None
    assert _text(total_value.group(1)) == total
    assert _cell(shares, "province", "BTC-80") == long_an_share


@pytest.mark.parametrize(
    ("language", "typed", "refusal"),
    [
        ("vi", "10", "Điểm tối đa vượt điểm tối đa của nhóm (7,5)."),
        ("en", "10", "The maximum points exceed the group's maximum points (7.5)."),
    ],
)
def test_a_refusal_quotes_its_number_as_the_reader_s_language_does(
    language: str, typed: str, refusal: str
) -> None:
    plan, head = draft_plan()
    group = criterion_add(
        actor=head,
        scale=plan.scales.get(),
        code="2",
        title="Nhiệm vụ khác",
        kind=CriterionKind.GROUP,
        maximum=D("7.5"),
    )
    client = reader(head, language)
    page = client.post(
        reverse("plans:criterion_add", args=[plan.pk]),
        new_criterion(group, code="2.1", maximum=typed),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert refusal in page.replace("&#x27;", "'")
    assert not plan.scales.get().criteria.filter(code="2.1").exists()


@pytest.mark.parametrize(
    ("language", "staff", "share_x", "share_y"),
    [("vi", "1.500", "2.489", "22.345"), ("en", "1,500", "2,489", "22,345")],
)
def test_a_figure_typed_with_its_thousands_grouped_is_read_as_the_reader_writes_it(
    language: str, staff: str, share_x: str, share_y: str
) -> None:
    catalogue()
    reporting = open_period()
    client = reader(persona("canbo.longan"), language)
    response = client.post(
        reverse("indicators:report", args=[reporting.pk, long_an().pk]),
        {
            "x_staff_streamlined": staff,
            "x_staff_streamlined_share": share_x,
            "y_staff_streamlined_share": share_y,
            "results": "Hoàn thành sắp xếp bộ máy.",
            "limitations": "Tiến độ còn chậm.",
            "directions": "Tiếp tục rà soát.",
        },
    )
    assert response.status_code == 302
    saved = Report.objects.get(unit=long_an(), period=reporting)
    assert {v.indicator.code: (v.value, v.denominator) for v in saved.values.all()} == {
        "staff_streamlined": (D(1500), None),
        "staff_streamlined_share": (D(2489), D(22345)),
    }
