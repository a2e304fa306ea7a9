"""The secretariat opens a year from the app: next year's cluster terms drawn from this year's,
every member dissolved by the 2025 merger shown with its successor before it is confirmed."""

import re

import pytest
from django.urls import reverse

from tests.builders.clusters import board, term
from tests.builders.people import client_for
from thidua.audit.models import AuditEvent
from thidua.orgs.models import ClusterTerm

pytestmark = pytest.mark.django_db
URL = reverse("web:term_rollover")


def test_the_secretariat_opens_2026_for_cluster_4_from_2018_with_the_merger_s_successors() -> None:
    source = term(4, 2018)
    client = client_for("thuongtruc")
    clusters = client.get(reverse("web:clusters") + "?nam=2018").content.decode()
    assert 'data-testid="rollover-link"' in clusters
    page = client.get(f"{URL}?tu=2018&den=2026").content.decode()
    replaced = re.findall(r'data-testid="replacement">([^<]+)</li>', page)
    binh_duong, long_an = board("74-63"), board("80-63")
    # Bình Dương's and Long An's boards were dissolved on 1 July 2025: their successors show.
    assert any(line.startswith(binh_duong.name + " → ") for line in replaced)
    assert any(line.startswith(long_an.name + " → ") for line in replaced)
    assert not ClusterTerm.objects.filter(year=2026).exists()  # the preview writes nothing

    response = client.post(URL, {"tu": "2018", "den": "2026"})
    assert response.status_code == 302
    opened = ClusterTerm.objects.get(cluster=source.cluster, year=2026)
    members = {m.unit for m in opened.memberships.select_related("unit")}
    assert binh_duong not in members
    assert all(unit.is_valid_in_year(2026) for unit in members)
    successor_names = {line.split(" → ")[1] for line in replaced}
    assert successor_names <= {unit.name for unit in members}
    assert opened.regulation == source.regulation
    assert AuditEvent.objects.filter(
        action="cluster_term.create", object_id=str(opened.pk)
    ).exists()
    # A second confirmation creates nothing more and says why.
    again = client.post(URL, {"tu": "2018", "den": "2026"})
    assert again.status_code == 400
    assert ClusterTerm.objects.filter(cluster=source.cluster, year=2026).count() == 1


@pytest.mark.parametrize(
    "username", ["canbo.binhduong", "lanhdao.binhduong", "hoidong", "theodoi", "nguoingoai"]
)
def test_nobody_else_opens_a_year(username: str) -> None:
    term(4, 2018)
    client = client_for(username)
    assert client.get(f"{URL}?tu=2018&den=2026").status_code == 403
    assert client.post(URL, {"tu": "2018", "den": "2026"}).status_code == 403
    assert not ClusterTerm.objects.filter(year=2026).exists()
    assert (
        'data-testid="rollover-link"'
        not in client.get(reverse("web:clusters") + "?nam=2018").content.decode()
    )


def test_the_api_proposes_without_writing_then_opens_the_year() -> None:
    term(4, 2018)
    client = client_for("thuongtruc")
    body = {"from_year": 2018, "to_year": 2026, "dry_run": True}
    proposed = client.post("/api/v1/clusters/rollover", body, content_type="application/json")
    assert proposed.status_code == 200, proposed.content
    cluster_4 = next(t for t in proposed.json()["terms"] if t["cluster_number"] == 4)
    dissolved = {r["dissolved"]["code"] for r in cluster_4["replacements"]}
    assert {board("74-63").code, board("80-63").code} <= dissolved
    assert cluster_4["term_id"] is None
    assert not ClusterTerm.objects.filter(year=2026).exists()
    opened = client.post(
        "/api/v1/clusters/rollover", {**body, "dry_run": False}, content_type="application/json"
    )
    assert opened.status_code == 200
    term_id = next(t for t in opened.json()["terms"] if t["cluster_number"] == 4)["term_id"]
    assert ClusterTerm.objects.get(pk=term_id).year == 2026
    refused = client_for("canbo.binhduong").post(
        "/api/v1/clusters/rollover", {**body, "to_year": 2027}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert not ClusterTerm.objects.filter(year=2027).exists()
