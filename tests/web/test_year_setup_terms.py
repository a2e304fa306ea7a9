"""After the rollover the secretariat adjusts a term from its pages: a member added or removed,
head and deputies changed with their decision, the regulation and the supervising department.
Everything through the services (audited, one cluster per unit and year), refused in Vietnamese,
and nobody else may."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.clusters import board, term, unit
from tests.builders.people import client_for
from thidua.audit.models import AuditEvent
from thidua.orgs.models import ClusterMembership, ClusterTerm, OfficerChange, OfficerRole
from thidua.orgs.services.rollover import terms_rollover

pytestmark = pytest.mark.django_db

CAMAU = "96"  # Cà Mau's board from 2025, in no cluster here
HCM = "79"  # Hồ Chí Minh City's board from 2025, a member of cluster 4 in 2026
# The adjustment page's reads whatever the size of the cluster (measured: 11, with the session,
# the user and the grants; one per form's list of units and one for the officer changes).
QUERIES = 11


def _opened() -> ClusterTerm:
    """Cluster 4 of 2026, drawn from 2018 by the rollover (no head or deputies yet)."""
    term(4, 2018)
    terms_rollover(actor=None, from_year=2018, to_year=2026)
    return ClusterTerm.objects.get(cluster__number=4, year=2026)


def _url(name: str, opened: ClusterTerm) -> str:
    return reverse(f"web:{name}", args=[opened.pk])


def _roles(opened: ClusterTerm) -> dict[str, str]:
    return {m.unit.code: m.role for m in opened.memberships.select_related("unit")}


def test_the_term_page_and_the_rollover_lead_the_secretariat_to_the_adjustment() -> None:
    opened = _opened()
    client = client_for("thuongtruc")
    detail = client.get(reverse("web:term", args=[opened.pk])).content.decode()
    assert _url("term_adjust", opened) in detail
    rollover = client.get(reverse("web:term_rollover") + "?tu=2018&den=2026").content.decode()
    assert _url("term_adjust", opened) in rollover
    page = client.get(_url("term_adjust", opened))
    assert page.status_code == 200
    assert 'data-testid="officer-form"' in page.content.decode()


def test_the_secretariat_adds_a_board_then_takes_it_out_again() -> None:
    opened = _opened()
    client = client_for("thuongtruc")
    added = client.post(_url("term_member_add", opened), {"unit": board(CAMAU).pk})
    assert added.status_code == 302
    assert "BTC-96" in _roles(opened)
    assert AuditEvent.objects.filter(
        action="cluster_term.member_add", object_id=str(opened.pk)
    ).exists()
    removed = client.post(
        _url("term_member_remove", opened), {"unit": board(CAMAU).pk, "reason": "Nhầm cụm"}
    )
    assert removed.status_code == 302
    assert "BTC-96" not in _roles(opened)
    event = AuditEvent.objects.get(action="cluster_term.member_remove", object_id=str(opened.pk))
    assert event.after == {"reason": "Nhầm cụm"}


def test_a_board_already_in_another_cluster_that_year_is_refused_in_vietnamese() -> None:
    opened = _opened()
    client = client_for("thuongtruc")
    other = term(1, 2025)
    terms_rollover(actor=None, from_year=2025, to_year=2026)
    elsewhere = ClusterTerm.objects.get(cluster=other.cluster, year=2026)
    phu_tho = board("25")
    assert ClusterMembership.objects.filter(term=elsewhere, unit=phu_tho).exists()
    before = AuditEvent.objects.count()
    response = client.post(_url("term_member_add", opened), {"unit": phu_tho.pk})
    assert response.status_code == 400
    assert "đã là thành viên của" in response.content.decode()
    assert phu_tho.code not in _roles(opened)
    assert AuditEvent.objects.count() == before


def test_a_dissolved_board_is_not_offered_and_not_added() -> None:
    opened = _opened()
    response = client_for("thuongtruc").post(
        _url("term_member_add", opened), {"unit": board("74-63").pk}
    )
    assert response.status_code == 400
    assert 'data-testid="error-unit"' in response.content.decode()
    assert "BTC-74-63" not in _roles(opened)


def test_the_head_and_deputies_are_elected_with_their_decision() -> None:
    opened = _opened()
    client = client_for("thuongtruc")
    hcm = board(HCM)
    members = _roles(opened)
    assert {hcm.code} <= set(members)
    decision = "Bầu tại Hội nghị tổng kết ngày 08/01/2026"
    head = client.post(
        _url("term_officer_change", opened),
        {"unit": hcm.pk, "new_role": OfficerRole.HEAD, "decision": decision, "decided_on": ""},
    )
    assert head.status_code == 302
    deputy_unit = next(
        m.unit for m in opened.memberships.select_related("unit") if m.unit.code != hcm.code
    )
    deputy = client.post(
        _url("term_officer_change", opened),
        {
            "unit": deputy_unit.pk,
            "new_role": OfficerRole.DEPUTY,
            "decision": decision,
            "decided_on": "08/01/2026",
        },
    )
    assert deputy.status_code == 302
    roles = _roles(opened)
    assert roles[hcm.code] == OfficerRole.HEAD
    assert roles[deputy_unit.code] == OfficerRole.DEPUTY
    change = OfficerChange.objects.get(term=opened, unit=deputy_unit)
    assert (change.decision, change.decided_on.isoformat() if change.decided_on else "") == (
        decision,
        "2026-01-08",
    )
    assert (
        AuditEvent.objects.filter(
            action="cluster_term.officer_change", object_id=str(opened.pk)
        ).count()
        == 2
    )
    # A head cannot be taken out of the cluster before handing the office over.
    refused = client.post(_url("term_member_remove", opened), {"unit": hcm.pk, "reason": "Thử"})
    assert refused.status_code == 400
    assert "trước khi bỏ khỏi cụm" in refused.content.decode()
    assert hcm.code in _roles(opened)


def test_an_officer_change_without_its_decision_is_refused() -> None:
    opened = _opened()
    before = OfficerChange.objects.count()
    response = client_for("thuongtruc").post(
        _url("term_officer_change", opened),
        {"unit": board(HCM).pk, "new_role": OfficerRole.HEAD, "decision": "  "},
    )
    assert response.status_code == 400
    assert 'data-testid="error-decision"' in response.content.decode()
    assert OfficerChange.objects.count() == before
    assert _roles(opened)[board(HCM).code] == OfficerRole.MEMBER


def test_the_regulation_and_the_supervising_department_are_changed() -> None:
    opened = _opened()
    client = client_for("thuongtruc")
    department = unit("BTCTW-VDP3")
    response = client.post(
        _url("term_facts", opened),
        {
            "regulation": "Quy chế số 02-QC/CTĐ năm 2026",
            "supervising_department": department.pk,
            "note": "",
        },
    )
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.regulation == "Quy chế số 02-QC/CTĐ năm 2026"
    assert opened.supervising_department == department
    event = AuditEvent.objects.get(action="cluster_term.update", object_id=str(opened.pk))
    assert event.after is not None
    assert event.after["regulation"] == "Quy chế số 02-QC/CTĐ năm 2026"
    # A board is not a department: refused beside its field, nothing changed.
    refused = client.post(
        _url("term_facts", opened),
        {"regulation": "Khác", "supervising_department": board(HCM).pk, "note": ""},
    )
    assert refused.status_code == 400
    opened.refresh_from_db()
    assert opened.regulation == "Quy chế số 02-QC/CTĐ năm 2026"


@pytest.mark.parametrize(
    "username", ["canbo.binhduong", "lanhdao.binhduong", "hoidong", "theodoi", "nguoingoai"]
)
def test_nobody_else_adjusts_a_term(username: str) -> None:
    opened = _opened()
    client: Client = client_for(username)
    before = (_roles(opened), AuditEvent.objects.count(), OfficerChange.objects.count())
    assert client.get(_url("term_adjust", opened)).status_code == 403
    posts = {
        "term_member_add": {"unit": board(CAMAU).pk},
        "term_member_remove": {"unit": board(HCM).pk, "reason": "x"},
        "term_officer_change": {"unit": board(HCM).pk, "new_role": "head", "decision": "x"},
        "term_facts": {"regulation": "x", "note": ""},
    }
    for name, data in posts.items():
        assert client.post(_url(name, opened), data).status_code == 403, name
    opened.refresh_from_db()
    assert (_roles(opened), AuditEvent.objects.count(), OfficerChange.objects.count()) == before
    assert opened.regulation != "x"
    page = client.get(reverse("web:term", args=[opened.pk])).content.decode()
    assert _url("term_adjust", opened) not in page


def test_the_adjustment_page_reads_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    opened = _opened()
    client = client_for("thuongtruc")
    client.get(_url("term_adjust", opened))  # the session and the grants, once
    with django_assert_max_num_queries(QUERIES):
        assert client.get(_url("term_adjust", opened)).status_code == 200
