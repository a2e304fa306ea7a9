"""Pages that answer an HTMX request with a fragment and any other with the whole page: the
fragment is what HTMX asked for, and both answers say ``Vary: HX-Request`` so that no cache
hands one for the other."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.cache import has_vary_header

from tests.builders.people import client_for
from tests.plans.test_pages_builder import draft_plan, logged_in

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _answer(client: Client, url: str, headers: dict[str, str]) -> tuple[bool, str]:
    """Whether the answer is a fragment, and its Vary header."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return "<html" not in response.content.decode(), response.get("Vary", "")


def _varies_on(vary: str, header: str) -> bool:
    return header.lower() in {h.strip().lower() for h in vary.split(",")}


@pytest.mark.parametrize(
    "url",
    [reverse("web:units") + "?q=binh+duong", reverse("indicators:practices") + "?q=dan+van"],
)
def test_a_search_page_sends_htmx_its_results_only_and_varies_on_the_header(url: str) -> None:
    client = client_for("canbo.longan")
    whole, whole_vary = _answer(client, url, {})
    fragment, fragment_vary = _answer(client, url, HTMX)
    assert (whole, fragment) == (False, True)
    assert _varies_on(whole_vary, "HX-Request")
    assert _varies_on(fragment_vary, "HX-Request")


def test_the_scale_builder_sends_htmx_the_builder_only_and_varies_on_the_header() -> None:
    plan, head = draft_plan()
    client = logged_in(head)
    url = reverse("plans:builder", args=[plan.pk])
    whole, whole_vary = _answer(client, url, {})
    fragment, fragment_vary = _answer(client, url, HTMX)
    assert (whole, fragment) == (False, True)
    assert _varies_on(whole_vary, "HX-Request")
    assert _varies_on(fragment_vary, "HX-Request")
    refused = client.post(reverse("plans:scale_issue", args=[plan.pk]), headers=HTMX)
    assert has_vary_header(refused, "HX-Request")


def test_a_history_restore_gets_the_whole_practice_library() -> None:
    restore = {**HTMX, "HX-History-Restore-Request": "true"}
    fragment, vary = _answer(client_for("canbo.longan"), reverse("indicators:practices"), restore)
    assert not fragment
    assert _varies_on(vary, "HX-History-Restore-Request")
