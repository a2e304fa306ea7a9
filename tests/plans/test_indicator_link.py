"""A criterion's link to the indicator catalogue: a key of the catalogue, named by its code in
the builder, the API and the interchange document, and only on a criterion scored from a figure.
"""

import re

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from tests.builders.clusters import head_of, term
from tests.builders.people import persona, staff_of
from tests.builders.plans import small_plan
from tests.builders.reports import catalogue
from thidua.core.errors import ValidationFailedError
from thidua.indicators.models import Indicator
from thidua.plans.models import Criterion
from thidua.plans.services.plan import plan_create
from thidua.scoring.interchange.access import plan_import
from thidua.scoring.interchange.export import plan_document

pytestmark = pytest.mark.django_db
NEW_MEMBERS = "new_party_members_admitted"
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _catalogue() -> None:
    catalogue()


def _builder_post(kind: str, indicator_code: str) -> tuple[str, Criterion | None]:
    cluster_term = term(4, 2018)
    head = staff_of(head_of(cluster_term))
    plan = plan_create(actor=head, term=cluster_term, title="Kế hoạch đang soạn")
    client = Client()
    client.force_login(head)
    data = {
        "parent": "",
        "code": "1",
        "title": "Kết nạp đảng viên",
        "kind": kind,
        "section": "base",
        "maximum": "25",
        "indicator_code": indicator_code,
    }
    response = client.post(reverse("plans:criterion_add", args=[plan.pk]), data, headers=HTMX)
    assert response.status_code == 200
    return response.content.decode(), Criterion.objects.filter(scale__plan=plan).first()


def _field_error(html: str) -> str:
    found = re.search(r'data-testid="error-indicator_code">(.*?)</small>', html)
    return found.group(1) if found else ""


def test_the_builder_links_a_figure_criterion_to_the_indicator_of_the_typed_code() -> None:
    html, saved = _builder_post("target", NEW_MEMBERS)
    assert saved is not None
    assert saved.indicator == Indicator.objects.get(code=NEW_MEMBERS)
    assert f"Chỉ tiêu báo cáo: {NEW_MEMBERS}" in html


@pytest.mark.parametrize(
    ("kind", "code", "message"),
    [
        ("target", "chi_tieu_khong_co", "Không có chỉ tiêu “chi_tieu_khong_co” trong danh mục."),
        ("manual", NEW_MEMBERS, "Chỉ tiêu chí nhập số liệu"),
    ],
)
def test_the_builder_refuses_an_unknown_code_or_a_criterion_not_scored_from_a_figure(
    kind: str, code: str, message: str
) -> None:
    html, saved = _builder_post(kind, code)
    assert saved is None
    assert message in _field_error(html)
    assert f'value="{code}"' in html  # the typed code is kept


def test_the_database_refuses_a_link_on_a_criterion_scored_by_points() -> None:
    plan = small_plan(term(4, 2018), links={"1.2": NEW_MEMBERS})
    linked = Criterion.objects.filter(scale__plan=plan, code="1.2")
    with pytest.raises(IntegrityError), transaction.atomic():
        linked.update(kind="manual")


def test_the_interchange_document_names_the_indicator_by_its_code() -> None:
    plan = small_plan(term(4, 2018), links={"1.2": NEW_MEMBERS})
    document = plan_document(plan)
    nodes = {n["code"]: n for n in document["scales"][0]["criteria"]}
    assert (nodes["1.2"]["indicator_code"], nodes["1.1"]["indicator_code"]) == (NEW_MEMBERS, "")

    copy = plan_import(
        actor=persona("quantri"), document=document, term=term(3, 2023), mode="scale"
    )
    assert Criterion.objects.get(scale__plan=copy, code="1.2").indicator.code == NEW_MEMBERS  # type: ignore[union-attr]

    nodes["1.2"]["indicator_code"] = "chi_tieu_khong_co"
    with pytest.raises(ValidationFailedError) as refused:
        plan_import(actor=persona("quantri"), document=document, term=term(3, 2023), mode="scale")
    assert refused.value.problems["scales[0].criteria[2].indicator_code"] == [
        "Không có chỉ tiêu “chi_tieu_khong_co” trong danh mục."
    ]
